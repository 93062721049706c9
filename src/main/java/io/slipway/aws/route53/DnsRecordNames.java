package io.slipway.aws.route53;

import java.util.Locale;

/** DNS names as Route53 returns them: lower case, with the final dot. */
final class DnsRecordNames {
    private DnsRecordNames() {
    }

    static String fqdn(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    /** Zone ids come as {@code /hostedzone/Z123} from some calls and {@code Z123} from others. */
    static String zoneId(String id) {
        return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
    }
}
