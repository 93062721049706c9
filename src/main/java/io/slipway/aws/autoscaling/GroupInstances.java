package io.slipway.aws.autoscaling;

import io.slipway.aws.ec2.LaunchTemplateKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The instances an auto scaling group launched, as EC2 sees them, with the configuration hash each was launched
 * with (the group's propagated {@link LaunchTemplateKind#CONFIG_HASH_TAG}; the launch template version EC2 reports
 * per instance is not trusted for that). One DescribeInstances (per page) per group.
 */
public final class GroupInstances {
    /** An instance of the group: EC2 id, zone, state name, the hash it was launched with (null if untagged), launch time. */
    public record GroupInstance(String id, String zone, String state, String configHash, Instant launchTime) {
    }

    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final Ec2Client ec2;

    public GroupInstances(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /**
     * Instances of the group that are not terminated, by id, taken from the cluster's instances that {@code share}
     * holds (one DescribeInstances for all the cluster's groups).
     */
    public List<GroupInstance> of(String groupName, io.slipway.cloud.Owner cluster, io.slipway.cloud.ReadShare share) {
        return ClusterInstances.of(ec2, cluster, share).tagged("aws:autoscaling:groupName", groupName).stream()
                .map(GroupInstances::view)
                .sorted(Comparator.comparing(GroupInstance::id))
                .toList();
    }

    /** Instances of the group that are not terminated, by id. */
    public List<GroupInstance> of(String groupName) {
        return ec2.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:aws:autoscaling:groupName").values(groupName).build(),
                        Filter.builder().name("instance-state-name").values(LIVE_STATES).build()))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .map(GroupInstances::view)
                .sorted(Comparator.comparing(GroupInstance::id))
                .toList();
    }

    private static GroupInstance view(Instance instance) {
        String hash = instance.tags().stream().filter(t -> LaunchTemplateKind.CONFIG_HASH_TAG.equals(t.key()))
                .map(Tag::value).findFirst().orElse(null);
        return new GroupInstance(instance.instanceId(),
                instance.placement() == null ? null : instance.placement().availabilityZone(),
                instance.state() == null ? null : instance.state().nameAsString(), hash, instance.launchTime());
    }
}
