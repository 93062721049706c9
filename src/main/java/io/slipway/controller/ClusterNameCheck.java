package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.aws.ec2.ClusterTagUsers;
import io.slipway.model.AwsNames;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a Cluster may use its name as the Kubernetes cluster name in its account and region. The AWS
 * cloud-controller-manager of a cluster takes every resource tagged {@code kubernetes.io/cluster/<name>} as its
 * own, so two clusters of one name there (another Slipway Cluster in another namespace, kops, EKS) would manage each
 * other's subnets and security groups.
 *
 * <p>The name is this Cluster's when nothing else carries the tag, or once the Cluster owns something that does:
 * then it created first, and later resources with the tag (those the cloud-controller-manager makes for the
 * cluster's Services) do not stop it. Bring-your-own VPC and subnets named in the spec are not a claim on the name.
 */
final class ClusterNameCheck {
    static final String REASON = "ClusterNameInUse";
    private static final int MAX_LISTED = 10;

    private ClusterNameCheck() {
    }

    /** Empty when the Cluster may go on, else the message naming who uses the name (at most ten resources). */
    static Optional<String> conflict(Cluster cluster, Ec2Client ec2) {
        AwsNames names = AwsNames.of(cluster);
        List<ClusterTagUsers.User> users = ClusterTagUsers.find(ec2, names.clusterTagKey());
        if (users.stream().anyMatch(u -> names.owner().equals(u.slipwayOwner()))) {
            return Optional.empty();
        }
        Set<String> named = bringYourOwnIds(cluster.getSpec());
        List<ClusterTagUsers.User> others = users.stream().filter(u -> !named.contains(u.resourceId())).toList();
        if (others.isEmpty()) {
            return Optional.empty();
        }
        String listed = others.stream().limit(MAX_LISTED).map(ClusterNameCheck::describe).collect(Collectors.joining(", "));
        String more = others.size() > MAX_LISTED ? " and " + (others.size() - MAX_LISTED) + " more" : "";
        return Optional.of("the Kubernetes cluster name " + cluster.getMetadata().getName() + " is already in use in "
                + cluster.getSpec().region + ": " + others.size() + " resource(s) tagged " + names.clusterTagKey()
                + " that this Cluster did not create: " + listed + more
                + "; nothing was created. Use another Cluster name, or delete that cluster");
    }

    private static String describe(ClusterTagUsers.User user) {
        String by = user.slipwayOwner() == null ? "not made by Slipway" : "Slipway Cluster " + user.slipwayOwner();
        return user.resourceId() + " (" + user.resourceType() + ", " + user.value() + ", " + by + ")";
    }

    private static Set<String> bringYourOwnIds(ClusterSpec spec) {
        Set<String> ids = new HashSet<>();
        if (spec.networkID != null) {
            ids.add(spec.networkID);
        }
        for (ClusterSubnet subnet : spec.subnets == null ? List.<ClusterSubnet>of() : spec.subnets) {
            if (subnet.id != null) {
                ids.add(subnet.id);
            }
        }
        return ids;
    }
}
