package io.slipway.validation;

import java.util.regex.Pattern;

/** Host and zone names as Route53 and TLS certificates accept them. */
final class DnsNames {
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private DnsNames() {
    }

    /** Null when the name is a valid lowercase DNS name (an optional trailing dot allowed), else the reason. */
    static String problem(String name) {
        String n = stripDot(name);
        if (n.isEmpty()) {
            return "must be a DNS name like api.example.com";
        }
        if (n.length() > 253) {
            return "a DNS name has at most 253 characters (got " + n.length() + ")";
        }
        for (String label : n.split("\\.", -1)) {
            if (label.length() > 63) {
                return "DNS label \"" + label.substring(0, 20) + "...\" is longer than 63 characters";
            }
            if (!LABEL.matcher(label).matches()) {
                return "must be a lowercase DNS name like api.example.com (label \"" + label + "\" is not valid)";
            }
        }
        return null;
    }

    /** True when {@code name} is {@code zone} or a name below it. */
    static boolean inZone(String name, String zone) {
        String n = stripDot(name);
        String z = stripDot(zone);
        return n.equals(z) || n.endsWith("." + z);
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
