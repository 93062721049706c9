package io.slipway.aws.autoscaling;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.aws.ec2.LaunchTemplateKind;
import io.slipway.cloud.Owner;
import io.slipway.cloud.ReadShare;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AWS calls of a rolling update: what a group has (its auto scaling group's members and desired capacity, and
 * every instance that carries the group's ownership tags, detached ones included) and the replacing itself. Every
 * call is safe to repeat; the caller reads live state before it acts.
 */
public final class ReplacementCalls {
    /** A group's auto scaling group as a roll needs it. */
    public record GroupMembers(String name, int desiredCapacity, List<String> instanceIds, List<String> targetGroupArns) {
    }

    /** An instance carrying the group's ownership tags. */
    public record OwnedInstance(String id, String state, Instant launchTime, String configHash) {
    }

    private static final List<String> NOT_TERMINATED = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final AutoScalingClient autoScaling;
    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;

    private final ReadShare share;
    private final Owner cluster;
    /** False: reads go to AWS every time, and writes still invalidate {@link #share} (if any) for its other readers. */
    private final boolean readsShared;

    /** Calls that read AWS afresh every time. */
    public ReplacementCalls(AutoScalingClient autoScaling, Ec2Client ec2, ElasticLoadBalancingV2Client elb) {
        this(autoScaling, ec2, elb, null, null, false);
    }

    private ReplacementCalls(AutoScalingClient autoScaling, Ec2Client ec2, ElasticLoadBalancingV2Client elb,
                             ReadShare share, Owner cluster, boolean readsShared) {
        this.autoScaling = autoScaling;
        this.ec2 = ec2;
        this.elb = elb;
        this.share = share;
        this.cluster = cluster;
        this.readsShared = readsShared;
    }

    /**
     * Calls that read AWS afresh every time (a roll under way waits on changes it did not make) and whose writes
     * invalidate {@code share}: the cluster's other readers (the groups' plans, an idle group's look for work) must not
     * keep what a detach or termination changed.
     */
    public static ReplacementCalls live(AutoScalingClient autoScaling, Ec2Client ec2, ElasticLoadBalancingV2Client elb,
                                        ReadShare share) {
        return new ReplacementCalls(autoScaling, ec2, elb, java.util.Objects.requireNonNull(share), null, false);
    }

    /**
     * Calls whose reads of {@code cluster}'s groups and instances go through {@code share}, the same describes that
     * the instance groups' plans and status read (one per pass for the whole cluster); every write of these calls
     * invalidates the share, so the next read sees it.
     */
    public static ReplacementCalls sharing(AutoScalingClient autoScaling, Ec2Client ec2, ElasticLoadBalancingV2Client elb,
                                           ReadShare share, Owner cluster) {
        return new ReplacementCalls(autoScaling, ec2, elb, java.util.Objects.requireNonNull(share),
                new Owner(cluster.id()), true);
    }

    /** The group's auto scaling group by name; empty when it does not exist (or is being deleted). */
    public Optional<GroupMembers> members(String autoScalingGroupName) {
        if (readsShared) {
            return share.get(AutoScalingGroupKind.ClusterGroups.key(cluster), AutoScalingGroupKind.ClusterGroups.class,
                            () -> AutoScalingGroupKind.ClusterGroups.read(autoScaling, cluster)).groups().stream()
                    .filter(g -> autoScalingGroupName.equals(g.autoScalingGroupName())).findFirst()
                    .map(ReplacementCalls::members);
        }
        return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(autoScalingGroupName))
                .autoScalingGroups().stream().filter(g -> g.status() == null).findFirst().map(ReplacementCalls::members);
    }

    /**
     * Every instance not terminated that carries the group's ownership tags, in and out of its auto scaling group
     * ({@link Owner#everyScope()}: every group's of the cluster).
     */
    public List<OwnedInstance> owned(Owner group) {
        if (readsShared && group.id().equals(cluster.id()) && !group.isEveryScope()) {
            return ClusterInstances.of(ec2, cluster, share).tagged(OwnershipTags.SCOPE, group.scope()).stream()
                    .map(ReplacementCalls::owned)
                    .sorted(Comparator.comparing(OwnedInstance::id))
                    .toList();
        }
        List<Filter> filters = new ArrayList<>(List.of(
                Filter.builder().name("tag:" + OwnershipTags.CLUSTER).values(group.id()).build(),
                Filter.builder().name("instance-state-name").values(NOT_TERMINATED).build()));
        if (!group.isEveryScope()) {
            filters.add(Filter.builder().name("tag:" + OwnershipTags.SCOPE).values(group.scope()).build());
        }
        return ec2.describeInstancesPaginator(r -> r.filters(filters))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .map(ReplacementCalls::owned)
                .sorted(Comparator.comparing(OwnedInstance::id))
                .toList();
    }

    /** Takes instances out of the group without lowering its desired capacity: it launches their replacements. */
    public void detach(String autoScalingGroupName, Collection<String> instanceIds) {
        invalidate();
        autoScaling.detachInstances(r -> r.autoScalingGroupName(autoScalingGroupName).instanceIds(instanceIds)
                .shouldDecrementDesiredCapacity(false));
        invalidate();
    }

    /** Terminates an instance of the group without lowering its desired capacity: it launches the replacement. */
    public void terminateInGroup(String instanceId) {
        invalidate();
        autoScaling.terminateInstanceInAutoScalingGroup(r -> r.instanceId(instanceId).shouldDecrementDesiredCapacity(false));
        invalidate();
    }

    /** Terminates instances that no auto scaling group holds (detached ones). */
    public void terminate(Collection<String> instanceIds) {
        if (!instanceIds.isEmpty()) {
            invalidate();
            ec2.terminateInstances(r -> r.instanceIds(instanceIds));
            invalidate();
        }
    }

    /** Takes the instance out of the target groups, so the API load balancer stops sending it connections. */
    public void deregister(Collection<String> targetGroupArns, String instanceId) {
        for (String arn : targetGroupArns) {
            try {
                elb.deregisterTargets(r -> r.targetGroupArn(arn).targets(TargetDescription.builder().id(instanceId).build()));
            } catch (ElasticLoadBalancingV2Exception e) {
                // InvalidTarget: not (or no longer) registered, which is what a repeated step finds
                if (!AwsCalls.hasCode(e, "InvalidTarget")) {
                    throw e;
                }
            }
        }
    }

    /**
     * Terminates every instance carrying {@code owner}'s ownership tags (every scope of the cluster for
     * {@link Owner#everyScope()}) that is no member of a live auto scaling group of the cluster: what rolls detached,
     * and what a group left when it went without its teardown. A group's own delete takes its members. Returns the ids
     * it terminated.
     */
    public List<String> terminateOutsideGroups(Owner owner) {
        Set<String> members = AutoScalingGroupKind.ClusterGroups.read(autoScaling, new Owner(owner.id())).groups().stream()
                .flatMap(g -> g.instances().stream())
                .map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId)
                .collect(Collectors.toSet());
        List<String> outside = owned(owner).stream()
                .filter(i -> !members.contains(i.id()) && !"shutting-down".equals(i.state()))
                .map(OwnedInstance::id).toList();
        terminate(outside);
        return outside;
    }

    /** Before a write, so that no reader keeps what it changes; after, so that none keeps what was read during it. */
    private void invalidate() {
        if (share != null) {
            share.invalidate();
        }
    }

    private static GroupMembers members(AutoScalingGroup group) {
        return new GroupMembers(group.autoScalingGroupName(), group.desiredCapacity(),
                group.instances().stream().map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId)
                        .sorted().toList(),
                group.targetGroupARNs());
    }

    private static OwnedInstance owned(Instance instance) {
        String hash = instance.tags().stream().filter(t -> LaunchTemplateKind.CONFIG_HASH_TAG.equals(t.key()))
                .map(Tag::value).findFirst().orElse(null);
        return new OwnedInstance(instance.instanceId(), instance.state() == null ? null : instance.state().nameAsString(),
                instance.launchTime(), hash);
    }
}
