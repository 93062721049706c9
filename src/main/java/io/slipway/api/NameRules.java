package io.slipway.api;

/**
 * The one rule for the names of Clusters and InstanceGroups: a lowercase DNS label (RFC 1123), at most 63
 * characters. A Cluster's name is the Kubernetes cluster name: it becomes a DNS label ({@code api.<name>.<dnsZone>}),
 * the CCM's tag key {@code kubernetes.io/cluster/<name>} (84 of the 128 characters a tag key may have) and label
 * values (63). An InstanceGroup's name ends up in node labels and in launch template and auto scaling group names.
 * 63 is the largest length every one of those accepts as is; the AWS names with tighter limits are shortened with a
 * hash (see io.slipway.model.AwsNames), so a shorter maximum would buy nothing.
 *
 * <p>The CRDs enforce it with a CEL rule on {@code metadata.name} at their root, InstanceGroup's {@code clusterName}
 * with the same pattern and length, and the operator again before any AWS call.
 */
public final class NameRules {
    public static final int MAX_LENGTH = 63;
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public static final String CLUSTER_NAME_RULE = "self.metadata.name.size() <= " + MAX_LENGTH + " && self.metadata.name.matches('" + DNS_LABEL + "')";
    public static final String CLUSTER_NAME_MESSAGE = "a Cluster's name must be a lowercase DNS label: a-z, 0-9 and '-', starting and ending with"
            + " a letter or digit, at most 63 characters (it is the Kubernetes cluster name in AWS tags and DNS names)";
    public static final String INSTANCE_GROUP_NAME_RULE = CLUSTER_NAME_RULE;
    public static final String INSTANCE_GROUP_NAME_MESSAGE = "an InstanceGroup's name must be a lowercase DNS label: a-z, 0-9 and '-', starting and"
            + " ending with a letter or digit, at most 63 characters (it becomes a node label and part of AWS names)";

    private NameRules() {
    }
}
