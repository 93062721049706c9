package io.slipway.testing.workload;

import io.slipway.aws.OwnershipTags;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The running instances of one cluster in moto: DescribeInstances filtered by {@code slipway.io/cluster=<ns>/<name>}
 * and state running, bastions left out. The role comes from the instance's tags: kops' {@value #CONTROL_PLANE_ROLE_TAG} (or the older
 * {@value #MASTER_ROLE_TAG}) marks a control-plane instance, as does {@value #SLIPWAY_ROLE_TAG}={@code ControlPlane};
 * the instance group from {@value #INSTANCE_GROUP_TAG} or else the ownership scope tag {@code instancegroup/<name>},
 * both of which the group's ASG propagates.
 */
public final class ClusterInstances {
    public static final String CONTROL_PLANE_ROLE_TAG = "k8s.io/role/control-plane";
    public static final String MASTER_ROLE_TAG = "k8s.io/role/master";
    /** kops' tag of a bastion instance: it runs no kubelet, so no Node is simulated for it. */
    public static final String BASTION_ROLE_TAG = "k8s.io/role/bastion";
    public static final String SLIPWAY_ROLE_TAG = "slipway.io/role";
    /** As the asg branch's InstanceGroupModel.INSTANCE_GROUP_TAG. */
    public static final String INSTANCE_GROUP_TAG = "slipway.io/instancegroup";
    private static final String GROUP_SCOPE_PREFIX = "instancegroup/";

    private final Ec2Client ec2;

    public ClusterInstances(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public List<SimulatedInstance> running(String namespace, String cluster) {
        List<SimulatedInstance> instances = new ArrayList<>();
        ec2.describeInstancesPaginator(DescribeInstancesRequest.builder().filters(
                        Filter.builder().name("tag:" + OwnershipTags.CLUSTER).values(namespace + "/" + cluster).build(),
                        Filter.builder().name("instance-state-name").values("running").build()).build())
                .reservations().forEach(r -> r.instances().stream()
                        .filter(i -> i.tags().stream().noneMatch(t -> BASTION_ROLE_TAG.equals(t.key())))
                        .forEach(i -> instances.add(of(i))));
        return instances;
    }

    private static SimulatedInstance of(Instance instance) {
        Map<String, String> tags = instance.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        String scope = tags.getOrDefault(OwnershipTags.SCOPE, "");
        String group = tags.getOrDefault(INSTANCE_GROUP_TAG,
                scope.startsWith(GROUP_SCOPE_PREFIX) ? scope.substring(GROUP_SCOPE_PREFIX.length()) : "");
        boolean controlPlane = tags.containsKey(CONTROL_PLANE_ROLE_TAG) || tags.containsKey(MASTER_ROLE_TAG)
                || "ControlPlane".equals(tags.get(SLIPWAY_ROLE_TAG));
        return new SimulatedInstance(instance.instanceId(), instance.placement().availabilityZone(),
                instance.privateDnsName(), instance.privateIpAddress(), instance.instanceTypeAsString(), group, controlPlane);
    }
}
