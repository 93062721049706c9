package io.slipway.testing.workload;

import io.slipway.aws.OwnershipTags;
import io.slipway.testing.MotoImages;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Launches instances in moto as an instance group's auto scaling group would: RunInstances with the ownership tags
 * the ASG propagates (cluster, scope {@code instancegroup/<group>}, the group, kops' role tag), all in the call itself.
 */
public final class TestInstances {
    private final Ec2Client ec2;
    private final String namespace;
    private final String cluster;

    public TestInstances(Ec2Client ec2, String namespace, String cluster) {
        this.ec2 = ec2;
        this.namespace = namespace;
        this.cluster = cluster;
    }

    public Instance launch(String group, boolean controlPlane, String zone) {
        List<Tag> tags = new ArrayList<>(List.of(
                Tag.builder().key(OwnershipTags.CLUSTER).value(namespace + "/" + cluster).build(),
                Tag.builder().key(OwnershipTags.SCOPE).value("instancegroup/" + group).build(),
                Tag.builder().key("kubernetes.io/cluster/" + cluster).value("owned").build(),
                Tag.builder().key("Name").value(cluster + "-" + group).build(),
                Tag.builder().key(ClusterInstances.INSTANCE_GROUP_TAG).value(group).build(),
                Tag.builder().key(controlPlane ? ClusterInstances.CONTROL_PLANE_ROLE_TAG : "k8s.io/role/node").value("1").build()));
        return ec2.runInstances(RunInstancesRequest.builder().imageId(image()).instanceType(InstanceType.T3_MEDIUM)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(zone))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build())
                .build()).instances().get(0);
    }

    public void terminate(String instanceId) {
        ec2.terminateInstances(TerminateInstancesRequest.builder().instanceIds(instanceId).build());
    }

    /** Any image moto knows: the instance's OS does not matter to a simulated kubelet. */
    private String image() {
        return MotoImages.any(ec2);
    }
}
