package io.slipway.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AWS regions Slipway knows, with their partition (the second field of an ARN). A region opened by AWS after
 * this release is refused until it is added to {@link #KNOWN}; the error message says so.
 */
public final class AwsRegions {
    /** region → partition */
    public static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String r : new String[]{
                "us-east-1", "us-east-2", "us-west-1", "us-west-2",
                "af-south-1",
                "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
                "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                "ap-southeast-6", "ap-southeast-7",
                "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
                "ca-central-1", "ca-west-1",
                "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
                "eu-south-1", "eu-south-2", "eu-north-1",
                "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1"}) {
            m.put(r, "aws");
        }
        m.put("cn-north-1", "aws-cn");
        m.put("cn-northwest-1", "aws-cn");
        m.put("us-gov-east-1", "aws-us-gov");
        m.put("us-gov-west-1", "aws-us-gov");
        m.put("us-iso-east-1", "aws-iso");
        m.put("us-iso-west-1", "aws-iso");
        m.put("us-isob-east-1", "aws-iso-b");
        KNOWN = Collections.unmodifiableMap(m);
    }

    private AwsRegions() {
    }

    public static boolean isKnown(String region) {
        return region != null && KNOWN.containsKey(region);
    }

    public static Set<String> names() {
        return KNOWN.keySet();
    }

    /** The ARN partition of a known region ("aws", "aws-cn", "aws-us-gov", ...), or null. */
    public static String partition(String region) {
        return region == null ? null : KNOWN.get(region);
    }

    /** True when the zone is the region followed by one letter (eu-west-1a is in eu-west-1). */
    public static boolean zoneInRegion(String zone, String region) {
        return zone != null && region != null && zone.length() == region.length() + 1 && zone.startsWith(region)
                && Character.isLowerCase(zone.charAt(zone.length() - 1)) && Character.isLetter(zone.charAt(zone.length() - 1));
    }

    /** A message for an unknown region that says what to write instead. */
    static String unknownRegionMessage(String region) {
        StringBuilder sb = new StringBuilder("unknown AWS region \"").append(region).append("\"");
        if (region.length() > 1 && KNOWN.containsKey(region.substring(0, region.length() - 1))
                && Character.isLetter(region.charAt(region.length() - 1))) {
            sb.append("; that looks like an availability zone, the region is \"").append(region, 0, region.length() - 1).append("\"");
        } else {
            String closest = closest(region);
            if (closest != null) {
                sb.append("; did you mean \"").append(closest).append("\"?");
            }
        }
        sb.append(" Known regions: ").append(String.join(", ", KNOWN.keySet()))
                .append(". A region newer than this Slipway release needs an operator upgrade");
        return sb.toString();
    }

    private static String closest(String region) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : KNOWN.keySet()) {
            int d = Strings.editDistance(region, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= 3 ? best : null;
    }
}
