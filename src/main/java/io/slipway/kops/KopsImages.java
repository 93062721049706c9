package io.slipway.kops;

import java.util.Map;

/**
 * A kops image reference to Slipway's, resolving as kops does: {@code ami-...} is an id; {@code owner/name} names
 * an image by its owner (kops' owner aliases become the account ids kops uses for them) and name; a bare name is
 * an image of the account itself ({@code self}).
 */
final class KopsImages {
    /** kops' owner aliases and the accounts kops looks them up in. */
    private static final Map<String, String> OWNER_ALIASES = Map.of(
            "amazon", "137112412989", "amazon.com", "137112412989",
            "debian10", "136693071363", "debian11", "136693071363", "debian12", "136693071363",
            "flatcar", "075585003325",
            "redhat", "309956199498", "redhat.com", "309956199498",
            "ubuntu", "099720109477");

    private KopsImages() {
    }

    /** The Slipway image, or null when kops' form has none (an SSM parameter), which the caller reports. */
    static String convert(String image) {
        if (image.startsWith("ami-")) {
            return image;
        }
        if (image.startsWith("ssm:")) {
            return null;
        }
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "self/" + image;
        }
        String owner = image.substring(0, slash);
        return OWNER_ALIASES.getOrDefault(owner, owner) + image.substring(slash);
    }
}
