package io.slipway.model;

/** The AWS partition of a region: the {@code arn:<partition>:...} prefix of every ARN there. */
public final class AwsPartition {
    private AwsPartition() {
    }

    public static String of(String region) {
        if (region == null) {
            throw new IllegalArgumentException("region is required");
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        return "aws";
    }

    /** The DNS suffix of service endpoints and principals ({@code ec2.amazonaws.com}, {@code ec2.amazonaws.com.cn}). */
    public static String dnsSuffix(String partition) {
        return "aws-cn".equals(partition) ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
