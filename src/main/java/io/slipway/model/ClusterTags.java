package io.slipway.model;

import io.slipway.api.SubnetType;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tags a cluster puts on what it creates (the ownership tags slipway.io/cluster and slipway.io/resource are
 * added by the EC2 kinds): the user's cloudLabels, then Name and the Kubernetes cluster tag, which a label
 * cannot override.
 */
record ClusterTags(AwsNames names, Map<String, String> cloudLabels) {
    static final String ELB_ROLE = "kubernetes.io/role/elb";
    static final String INTERNAL_ELB_ROLE = "kubernetes.io/role/internal-elb";

    ClusterTags {
        cloudLabels = cloudLabels == null ? Map.of() : Map.copyOf(cloudLabels);
    }

    Map<String, String> forResource(String logicalId) {
        Map<String, String> tags = new TreeMap<>();
        cloudLabels.forEach((key, value) -> {
            if (!key.startsWith("slipway.io/")) {
                tags.put(key, value);
            }
        });
        tags.put("Name", names.nameTag(logicalId));
        tags.put(names.clusterTagKey(), "owned");
        return tags;
    }

    /** Subnets also carry the role tag the AWS cloud provider and load balancer controller select them by. */
    Map<String, String> forSubnet(String logicalId, SubnetType type) {
        Map<String, String> tags = forResource(logicalId);
        tags.put(type == SubnetType.Private ? INTERNAL_ELB_ROLE : ELB_ROLE, "1");
        return tags;
    }
}
