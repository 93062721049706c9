package io.slipway.aws.autoscaling;

import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Owner;
import io.slipway.cloud.ReadShare;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Objects;

/**
 * Every instance of one cluster that is not terminated (its instance groups' instances carry the cluster's tag,
 * propagated at launch; detached ones keep it), as one DescribeInstances (per page) saw them. Read once through a
 * {@link ReadShare} for the status of all the cluster's groups and their rolls.
 */
public record ClusterInstances(List<Instance> instances) {
    static final List<String> NOT_TERMINATED = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    public ClusterInstances {
        instances = List.copyOf(instances);
    }

    /** The cluster's instances, read once for every asker of {@code share} within its lifetime. */
    public static ClusterInstances of(Ec2Client ec2, Owner cluster, ReadShare share) {
        return share.get("ec2:DescribeInstances:tag:" + OwnershipTags.CLUSTER + "=" + cluster.id(), ClusterInstances.class,
                () -> read(ec2, cluster));
    }

    static ClusterInstances read(Ec2Client ec2, Owner cluster) {
        return new ClusterInstances(ec2.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + OwnershipTags.CLUSTER).values(cluster.id()).build(),
                        Filter.builder().name("instance-state-name").values(NOT_TERMINATED).build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList());
    }

    /** Those carrying tag {@code key} with {@code value}. */
    public List<Instance> tagged(String key, String value) {
        return instances.stream().filter(i -> i.tags().stream().anyMatch(t -> key.equals(t.key()) && Objects.equals(value, t.value())))
                .toList();
    }

    static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }
}
