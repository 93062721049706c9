package io.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs hack/ccm-leftovers.py: makes in moto, with boto3, what the AWS cloud-controller-manager and the EBS CSI driver
 * make for a cluster, and beside it what a Cluster delete must leave alone (another cluster's, and this cluster's
 * {@code shared} ones). Answers {@code {"cluster": {kind: [ids]}, "alone": {kind: [ids]}}}.
 */
public final class CcmLeftovers {
    private CcmLeftovers() {
    }

    /** {@code attachTo}: an instance to attach one of the volumes to, or null. */
    public static JsonNode make(URI endpoint, String cluster, String vpc, List<String> subnets, String nodeGroup,
                                String attachTo) {
        List<String> command = new ArrayList<>(List.of("--endpoint", endpoint.toString(),
                "--cluster", cluster, "--vpc", vpc, "--subnets", String.join(",", subnets), "--node-group", nodeGroup));
        if (attachTo != null) {
            command.addAll(List.of("--attach-to", attachTo));
        }
        return HackScripts.runJson("ccm-leftovers.py", command, Map.of());
    }

    /** The ids of one kind ("volume", "security-group"...) of one side ("cluster" or "alone"). */
    public static List<String> ids(JsonNode made, String side, String kind) {
        List<String> ids = new ArrayList<>();
        made.path(side).path(kind).forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The ids of {@code made}'s "alone" side that no longer exist (read with the inventory's plain clients). */
    public static List<String> aloneButGone(AwsInventory console, JsonNode made) {
        java.util.Set<String> existing = new java.util.HashSet<>();
        console.elb.describeLoadBalancers().loadBalancerDescriptions().forEach(b -> existing.add(b.loadBalancerName()));
        console.elbv2.describeLoadBalancers().loadBalancers().forEach(b -> existing.add(b.loadBalancerArn()));
        console.elbv2.describeTargetGroups().targetGroups().forEach(g -> existing.add(g.targetGroupArn()));
        console.ec2.describeSecurityGroups().securityGroups().forEach(g -> existing.add(g.groupId()));
        console.ec2.describeVolumes().volumes().forEach(v -> existing.add(v.volumeId()));
        List<String> gone = new ArrayList<>();
        made.path("alone").forEach(ids -> ids.forEach(id -> {
            if (!existing.contains(id.asText())) {
                gone.add(id.asText());
            }
        }));
        return gone;
    }

}
