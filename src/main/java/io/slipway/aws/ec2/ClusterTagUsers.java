package io.slipway.aws.ec2;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.TagDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which EC2 resources of an account and region carry a Kubernetes cluster tag key ({@code kubernetes.io/cluster/<name>},
 * as Slipway, kops, EKS and the cloud-controller-manager write it), and which Slipway Cluster, if any, created each.
 * Reads only: one paged DescribeTags filtered by that key, then, if it found anything, one DescribeTags of the
 * {@code slipway.io/cluster} tag of those resources (200 ids a call), and one DescribeNatGateways when NAT gateways
 * are among them: a deleted NAT gateway keeps its tags for about an hour, and is nobody's cluster any more.
 */
public final class ClusterTagUsers {
    private static final int IDS_PER_CALL = 200;

    /**
     * One resource carrying the key.
     *
     * @param value the cluster tag's value ({@code owned} or {@code shared})
     * @param slipwayOwner its {@code slipway.io/cluster} tag ({@code <namespace>/<name>}), or null when Slipway did not create it
     */
    public record User(String resourceId, String resourceType, String value, String slipwayOwner) {
    }

    private ClusterTagUsers() {
    }

    public static List<User> find(Ec2Client ec2, String clusterTagKey) {
        Map<String, TagDescription> tagged = new LinkedHashMap<>();
        for (TagDescription tag : ec2.describeTagsPaginator(r -> r.filters(Ec2Tags.filter("key", clusterTagKey))).tags()) {
            if (clusterTagKey.equals(tag.key())) { // the key filter takes wildcards; keep exact matches only
                tagged.putIfAbsent(tag.resourceId(), tag);
            }
        }
        tagged.keySet().removeAll(deletedNatGateways(ec2, tagged.keySet().stream().filter(id -> id.startsWith("nat-")).toList()));
        Map<String, String> owners = slipwayOwners(ec2, new ArrayList<>(tagged.keySet()));
        List<User> users = new ArrayList<>();
        tagged.forEach((id, tag) -> users.add(new User(id, tag.resourceTypeAsString(), tag.value(), owners.get(id))));
        return users;
    }

    private static Set<String> deletedNatGateways(Ec2Client ec2, List<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> gone = new HashSet<>();
        for (NatGateway nat : ec2.describeNatGatewaysPaginator(r -> r.natGatewayIds(ids)).natGateways()) {
            if (nat.state() == NatGatewayState.DELETED || nat.state() == NatGatewayState.DELETING || nat.state() == NatGatewayState.FAILED) {
                gone.add(nat.natGatewayId());
            }
        }
        return gone;
    }

    private static Map<String, String> slipwayOwners(Ec2Client ec2, List<String> ids) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            ec2.describeTagsPaginator(r -> r.filters(Ec2Tags.filter("resource-id", chunk), Ec2Tags.filter("key", Ec2Tags.CLUSTER)))
                    .tags().forEach(t -> owners.put(t.resourceId(), t.value()));
        }
        return owners;
    }
}
