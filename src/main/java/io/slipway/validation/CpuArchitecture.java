package io.slipway.validation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU architecture of an EC2 instance type (Graviton types carry a "g" among the letters after their
 * generation number: m7g, c6gn, t4g, im4gn, x2gd; a1 is the first Graviton) and the one an image name filter
 * asks for (amd64/x86_64 or arm64/aarch64), so that an arm64 instance is not given an amd64 image.
 */
enum CpuArchitecture {
    X86_64, ARM64;

    private static final Pattern TYPE = Pattern.compile("^([a-z-]*?)([0-9]+)([a-z-]*)\\.");

    /** Null when the type does not look like an EC2 instance type. */
    static CpuArchitecture ofInstanceType(String type) {
        if (type == null) {
            return null;
        }
        Matcher m = TYPE.matcher(type);
        if (!m.find()) {
            return null;
        }
        if (m.group(1).equals("a") && m.group(2).equals("1")) {
            return ARM64;
        }
        return m.group(3).contains("g") ? ARM64 : X86_64;
    }

    /** Null when the image (an AMI id, or a filter that names no architecture) does not say. */
    static CpuArchitecture ofImage(String image) {
        if (image == null) {
            return null;
        }
        String i = image.toLowerCase(Locale.ROOT);
        boolean arm = i.contains("arm64") || i.contains("aarch64");
        boolean x86 = i.contains("amd64") || i.contains("x86_64") || i.contains("x86-64");
        return arm == x86 ? null : arm ? ARM64 : X86_64;
    }

    String yamlName() {
        return this == ARM64 ? "arm64" : "amd64";
    }
}
