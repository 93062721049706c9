package io.slipway.aws;

import java.util.Locale;

/** Names and classes of AWS operations, shared by rate limits, metrics and tests. */
public final class AwsOperations {

    private AwsOperations() {
    }

    /** Reads: Describe*, Get*, List* (and S3's Head*). */
    public static boolean isRead(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("Get")
                || operation.startsWith("List") || operation.startsWith("Head");
    }

    public static boolean isMutating(String operation) {
        return !isRead(operation);
    }

    /**
     * The metric/rate-limit name of a service from the SDK's service id or client name: lower case, no spaces
     * ("EC2" → ec2, "Auto Scaling" → autoscaling, "Elastic Load Balancing v2" → elasticloadbalancingv2).
     */
    public static String serviceTag(String sdkServiceName) {
        return sdkServiceName.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
