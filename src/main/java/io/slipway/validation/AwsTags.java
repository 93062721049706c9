package io.slipway.validation;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS tag rules for user-supplied cloud labels: keys 1-128 and values 0-256 characters of the set every AWS
 * service accepts, no {@code aws:} prefix, and none of the keys Slipway sets itself.
 */
public final class AwsTags {
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** AWS allows 50 tags per resource; Slipway keeps 10 for its own (Name, ownership, logical id, ...). */
    public static final int MAX_USER_TAGS = 40;

    private static final Pattern ALLOWED = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");

    private AwsTags() {
    }

    static void check(Map<String, String> tags, String path, ErrorList errors) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_USER_TAGS) {
            errors.add(path, "at most " + MAX_USER_TAGS + " tags (got " + tags.size() + "): AWS allows 50 per resource and Slipway sets up to 10 itself");
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String p = path + "[" + key + "]";
            String lower = key.toLowerCase();
            if (key.isEmpty()) {
                errors.add(p, "tag keys must not be empty");
            } else if (key.length() > MAX_KEY_LENGTH) {
                errors.add(p, "tag key is " + key.length() + " characters; AWS allows at most " + MAX_KEY_LENGTH);
            } else if (lower.startsWith("aws:")) {
                errors.add(p, "tag keys starting with aws: are reserved by AWS");
            } else if (lower.startsWith("kubernetes.io/cluster/")) {
                errors.add(p, "kubernetes.io/cluster/ tags are set by Slipway to mark cluster ownership; remove this key");
            } else if (lower.startsWith("slipway.io/")) {
                errors.add(p, "slipway.io/ tags are reserved for Slipway's own bookkeeping; choose another prefix");
            } else if (key.equals("Name")) {
                errors.add(p, "Slipway sets the Name tag of each resource itself (<cluster>-<resource>); remove this key");
            } else if (!ALLOWED.matcher(key).matches()) {
                errors.add(p, "tag key may contain only letters, digits, spaces and _ . : / = + - @");
            }
            if (value != null) {
                if (value.length() > MAX_VALUE_LENGTH) {
                    errors.add(p, "tag value is " + value.length() + " characters; AWS allows at most " + MAX_VALUE_LENGTH);
                } else if (!ALLOWED.matcher(value).matches()) {
                    errors.add(p, "tag value may contain only letters, digits, spaces and _ . : / = + - @");
                }
            }
        }
    }
}
