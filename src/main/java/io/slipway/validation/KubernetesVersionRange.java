package io.slipway.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes versions Slipway can install: {@value #MINIMUM} inclusive up to {@value #MAXIMUM_EXCLUSIVE}
 * exclusive. A leading "v" is accepted, as in the CRD's pattern.
 */
public final class KubernetesVersionRange {
    /** Lowest supported version, inclusive. */
    public static final String MINIMUM = "1.29.0";
    /** First unsupported version above the range. */
    public static final String MAXIMUM_EXCLUSIVE = "1.34.0";

    private static final Pattern SEMVER = Pattern.compile("^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$");
    private static final Version MIN = Version.parse(MINIMUM);
    private static final Version MAX = Version.parse(MAXIMUM_EXCLUSIVE);

    private KubernetesVersionRange() {
    }

    /** True for a well-formed version inside the range. */
    public static boolean isSupported(String version) {
        Version v = Version.tryParse(version);
        return v != null && v.compareTo(MIN) >= 0 && v.compareTo(MAX) < 0;
    }

    /** e.g. ">= 1.29.0 and < 1.34.0" */
    public static String describe() {
        return ">= " + MINIMUM + " and < " + MAXIMUM_EXCLUSIVE;
    }

    /** A Kubernetes release version, major.minor.patch. */
    public record Version(int major, int minor, int patch) implements Comparable<Version> {

        /** @throws IllegalArgumentException when not of the form [v]major.minor.patch */
        public static Version parse(String text) {
            Version v = tryParse(text);
            if (v == null) {
                throw new IllegalArgumentException("\"" + text + "\" is not a version like 1.31.4");
            }
            return v;
        }

        static Version tryParse(String text) {
            if (text == null) {
                return null;
            }
            Matcher m = SEMVER.matcher(text);
            if (!m.matches()) {
                return null;
            }
            try {
                return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }

        @Override
        public int compareTo(Version o) {
            if (major != o.major) return Integer.compare(major, o.major);
            if (minor != o.minor) return Integer.compare(minor, o.minor);
            return Integer.compare(patch, o.patch);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }
}
