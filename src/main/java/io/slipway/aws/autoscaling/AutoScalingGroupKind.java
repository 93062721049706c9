package io.slipway.aws.autoscaling;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.aws.TagMaps;
import io.slipway.aws.elb.NamedCreate;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Ref;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An instance group's auto scaling group. Found with one DescribeAutoScalingGroups (by the cluster's tag) per page;
 * groups being deleted are left out. Sizes, subnets, launch template, target groups, tags (all propagated at
 * launch) and suspended processes are put back in place; a size change never replaces an instance. Deleted with
 * ForceDelete, which terminates the instances.
 */
public final class AutoScalingGroupKind implements ResourceKind<AutoScalingGroupSpec, AutoScalingGroupKind.Live> {
    public static final String NAME = "AutoScalingGroup";
    /** Output: the group's name. */
    public static final String GROUP_NAME = "name";
    /** The launch template version a group launches: whatever is the default, so a new default rolls forward. */
    static final String DEFAULT_VERSION = "$Default";
    /** AWS's InstancesDistribution defaults (the API reference's). */
    static final int DEFAULT_ON_DEMAND_BASE = 0;
    static final int DEFAULT_ON_DEMAND_ABOVE_BASE = 100;
    static final String DEFAULT_SPOT_ALLOCATION_STRATEGY = "lowest-price";

    public record Instance(String id, String zone, String lifecycleState, String health) {
    }

    public record Live(String name, String arn, String launchTemplateId, String launchTemplateVersion, int minSize,
                       int maxSize, int desiredCapacity, List<String> subnets, List<String> targetGroups,
                       List<String> suspendedProcesses, String mixedInstances, Map<String, String> tags,
                       List<Instance> instances) implements Outputs {
        public Live {
            subnets = List.copyOf(new TreeSet<>(subnets));
            targetGroups = List.copyOf(new TreeSet<>(targetGroups));
            suspendedProcesses = List.copyOf(new TreeSet<>(suspendedProcesses));
            tags = TagMaps.sorted(tags);
            instances = List.copyOf(instances);
        }

        @Override
        public Map<String, String> outputs() {
            return Map.of(GROUP_NAME, name);
        }
    }

    private final AutoScalingClient autoScaling;

    public AutoScalingGroupKind(AutoScalingClient autoScaling) {
        this.autoScaling = autoScaling;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every auto scaling group of one cluster (not being deleted), as one describe by the cluster's tag saw them. */
    public record ClusterGroups(List<AutoScalingGroup> groups) {
        public ClusterGroups {
            groups = List.copyOf(groups);
        }

        /** The key of a cluster's groups in a {@link io.slipway.cloud.ReadShare}: every reader shares one describe. */
        public static String key(io.slipway.cloud.Owner cluster) {
            return "autoscaling:DescribeAutoScalingGroups:tag:" + OwnershipTags.CLUSTER + "=" + cluster.id();
        }

        public static ClusterGroups read(AutoScalingClient autoScaling, io.slipway.cloud.Owner cluster) {
            return new ClusterGroups(autoScaling.describeAutoScalingGroupsPaginator(r -> r.filters(Filter.builder()
                            .name("tag:" + OwnershipTags.CLUSTER).values(cluster.id()).build()))
                    .autoScalingGroups().stream().filter(g -> g.status() == null).toList());
        }
    }

    @Override
    public Class<AutoScalingGroupSpec> specType() {
        return AutoScalingGroupSpec.class;
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<AutoScalingGroupSpec> context) {
        List<LiveResource<Live>> found = new ArrayList<>();
        // one describe of the whole cluster's groups serves the plans of all its instance groups
        for (AutoScalingGroup group : context.sharedAcrossPlans(ClusterGroups.key(context.owner()), ClusterGroups.class,
                () -> ClusterGroups.read(autoScaling, context.owner())).groups()) {
            Live live = live(group);
            OwnershipTags.ownedLogicalId(live.tags(), context.owner()).ifPresent(logicalId ->
                    found.add(new LiveResource<>(NAME, logicalId, live.name(), live, true)));
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(AutoScalingGroupSpec desired, Live live, Refs refs) {
        List<FieldChange> changes = new ArrayList<>(new Diff(refs)
                .immutableField("name", desired.name(), live.name())
                .ref("launchTemplate", desired.launchTemplate(), live.launchTemplateId())
                .field("launchTemplateVersion", DEFAULT_VERSION, live.launchTemplateVersion())
                .field("minSize", desired.minSize(), live.minSize())
                .field("maxSize", desired.maxSize(), live.maxSize())
                .field("desiredCapacity", desiredCapacity(desired, live), live.desiredCapacity())
                .field("suspendedProcesses", List.of().toString(), live.suspendedProcesses().toString())
                .field("mixedInstances", String.valueOf(render(desired.mixedInstances())), String.valueOf(live.mixedInstances()))
                .tags(desired.tags(), live.tags())
                .changes());
        compareIds(changes, "subnets", desired.subnets(), live.subnets(), refs);
        compareIds(changes, "targetGroups", desired.targetGroups(), live.targetGroups(), refs);
        return changes;
    }

    @Override
    public Live create(Owner owner, String logicalId, AutoScalingGroupSpec desired, Refs refs) {
        Map<String, String> tags = OwnershipTags.withOwnership(desired.tags(), owner, logicalId);
        String launchTemplateId = refs.require(desired.launchTemplate());
        List<String> subnets = desired.subnets().stream().map(refs::require).toList();
        List<String> targetGroups = desired.targetGroups().stream().map(refs::require).toList();
        NamedCreate.run(() -> autoScaling.createAutoScalingGroup(r -> {
                    r.autoScalingGroupName(desired.name()).minSize(desired.minSize()).maxSize(desired.maxSize())
                            .desiredCapacity(desired.minSize()).vpcZoneIdentifier(String.join(",", subnets))
                            .tags(sdkTags(desired.name(), tags))
                            .overrideConfiguration(NamedCreate.NO_SDK_RETRY);
                    if (!targetGroups.isEmpty()) {
                        r.targetGroupARNs(targetGroups);
                    }
                    if (desired.mixedInstances() == null) {
                        r.launchTemplate(launchTemplate(launchTemplateId));
                    } else {
                        r.mixedInstancesPolicy(mixedInstancesPolicy(desired.mixedInstances(), launchTemplateId));
                    }
                }).sdkHttpResponse().statusCode(),
                () -> describeByName(desired.name()).filter(g -> OwnershipTags.ownedLogicalId(live(g).tags(), owner)
                        .filter(logicalId::equals).isPresent()).map(g -> 200),
                "AlreadyExists");
        return new Live(desired.name(), null, launchTemplateId, DEFAULT_VERSION, desired.minSize(), desired.maxSize(),
                desired.minSize(), subnets, targetGroups, List.of(), render(desired.mixedInstances()), tags, List.of());
    }

    @Override
    public Live update(String logicalId, AutoScalingGroupSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        Set<String> fields = new HashSet<>();
        changes.forEach(c -> fields.add(c.field()));
        String launchTemplateId = refs.require(desired.launchTemplate());
        List<String> subnets = desired.subnets().stream().map(refs::require).toList();
        int capacity = desiredCapacity(desired, live);
        if (fields.contains("launchTemplate") || fields.contains("launchTemplateVersion") || fields.contains("minSize")
                || fields.contains("maxSize") || fields.contains("desiredCapacity") || fields.contains("subnets")
                || fields.contains("mixedInstances")) {
            autoScaling.updateAutoScalingGroup(r -> {
                r.autoScalingGroupName(live.name()).minSize(desired.minSize()).maxSize(desired.maxSize())
                        .vpcZoneIdentifier(String.join(",", subnets));
                if (capacity != live.desiredCapacity()) {
                    r.desiredCapacity(capacity);
                }
                if (desired.mixedInstances() == null) {
                    r.launchTemplate(launchTemplate(launchTemplateId));
                } else {
                    r.mixedInstancesPolicy(mixedInstancesPolicy(desired.mixedInstances(), launchTemplateId));
                }
            });
        }
        List<String> targetGroups = desired.targetGroups().stream().map(refs::require).toList();
        if (fields.contains("targetGroups")) {
            List<String> attach = targetGroups.stream().filter(arn -> !live.targetGroups().contains(arn)).toList();
            List<String> detach = live.targetGroups().stream().filter(arn -> !targetGroups.contains(arn)).toList();
            if (!attach.isEmpty()) {
                autoScaling.attachLoadBalancerTargetGroups(r -> r.autoScalingGroupName(live.name()).targetGroupARNs(attach));
            }
            if (!detach.isEmpty()) {
                autoScaling.detachLoadBalancerTargetGroups(r -> r.autoScalingGroupName(live.name()).targetGroupARNs(detach));
            }
        }
        if (!live.suspendedProcesses().isEmpty()) {
            autoScaling.resumeProcesses(r -> r.autoScalingGroupName(live.name()).scalingProcesses(live.suspendedProcesses()));
        }
        Map<String, String> missing = TagMaps.missing(changes);
        if (!missing.isEmpty()) {
            autoScaling.createOrUpdateTags(r -> r.tags(sdkTags(live.name(), missing)));
        }
        return new Live(live.name(), live.arn(), launchTemplateId, DEFAULT_VERSION, desired.minSize(), desired.maxSize(),
                capacity, subnets, targetGroups, List.of(), render(desired.mixedInstances()),
                TagMaps.withAdded(live.tags(), missing), live.instances());
    }

    @Override
    public void delete(Live live) {
        try {
            autoScaling.deleteAutoScalingGroup(r -> r.autoScalingGroupName(live.name()).forceDelete(true));
        } catch (AutoScalingException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    @Override
    public String cloudId(Live live) {
        return live.name();
    }

    @Override
    public Set<String> references(Live live) {
        Set<String> references = new TreeSet<>(live.subnets());
        references.addAll(live.targetGroups());
        if (live.launchTemplateId() != null) {
            references.add(live.launchTemplateId());
        }
        return references;
    }

    /** AWS's desired capacity, brought into [min, max]: scaling within the bounds is left alone. */
    static int desiredCapacity(AutoScalingGroupSpec desired, Live live) {
        return Math.max(desired.minSize(), Math.min(desired.maxSize(), live.desiredCapacity()));
    }

    private static void compareIds(List<FieldChange> changes, String field, List<Ref> desired, List<String> live, Refs refs) {
        Set<String> resolved = new TreeSet<>();
        for (Ref ref : desired) {
            Optional<String> id = refs.value(ref);
            if (id.isEmpty()) {
                changes.add(new FieldChange(field, live.toString(), FieldChange.KNOWN_AFTER_APPLY, false));
                return;
            }
            resolved.add(id.get());
        }
        if (!resolved.equals(new TreeSet<>(live))) {
            changes.add(new FieldChange(field, live.toString(), List.copyOf(resolved).toString(), false));
        }
    }

    private static boolean isNotFound(AutoScalingException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return AwsCalls.hasCode(e, "ValidationError") && message != null
                && message.toLowerCase(Locale.ROOT).contains("not found");
    }

    private static LaunchTemplateSpecification launchTemplate(String id) {
        return LaunchTemplateSpecification.builder().launchTemplateId(id).version(DEFAULT_VERSION).build();
    }

    private static MixedInstancesPolicy mixedInstancesPolicy(AutoScalingGroupSpec.MixedInstances given, String launchTemplateId) {
        AutoScalingGroupSpec.MixedInstances mixed = withAwsDefaults(given);
        return MixedInstancesPolicy.builder()
                .launchTemplate(t -> t.launchTemplateSpecification(launchTemplate(launchTemplateId))
                        .overrides(mixed.instanceTypes().stream()
                                .map(type -> LaunchTemplateOverrides.builder().instanceType(type).build()).toList()))
                .instancesDistribution(d -> d.onDemandBaseCapacity(mixed.onDemandBase())
                        .onDemandPercentageAboveBaseCapacity(mixed.onDemandAboveBase())
                        .spotAllocationStrategy(mixed.spotAllocationStrategy()))
                .build();
    }

    /** The policy as the diff compares it: instance types and distribution, AWS's defaults filled in; null for none. */
    private static String render(AutoScalingGroupSpec.MixedInstances mixed) {
        return mixed == null ? null : withAwsDefaults(mixed).toString();
    }

    /**
     * The distribution with AWS's defaults where the spec leaves a field out. They are sent explicitly, and compared
     * filled in, because AWS answers every field with its default while moto echoes what it was given (all defaults
     * only for a policy sent without a distribution): either way a left-out field is never a difference.
     */
    static AutoScalingGroupSpec.MixedInstances withAwsDefaults(AutoScalingGroupSpec.MixedInstances mixed) {
        return new AutoScalingGroupSpec.MixedInstances(mixed.instanceTypes(),
                mixed.onDemandBase() == null ? DEFAULT_ON_DEMAND_BASE : mixed.onDemandBase(),
                mixed.onDemandAboveBase() == null ? DEFAULT_ON_DEMAND_ABOVE_BASE : mixed.onDemandAboveBase(),
                mixed.spotAllocationStrategy() == null ? DEFAULT_SPOT_ALLOCATION_STRATEGY : mixed.spotAllocationStrategy());
    }

    private static String render(MixedInstancesPolicy policy) {
        if (policy == null || policy.launchTemplate() == null) {
            return null;
        }
        List<String> types = policy.launchTemplate().hasOverrides()
                ? policy.launchTemplate().overrides().stream().map(LaunchTemplateOverrides::instanceType).toList() : List.of();
        var distribution = policy.instancesDistribution();
        return render(new AutoScalingGroupSpec.MixedInstances(types,
                distribution == null ? null : distribution.onDemandBaseCapacity(),
                distribution == null ? null : distribution.onDemandPercentageAboveBaseCapacity(),
                distribution == null ? null : distribution.spotAllocationStrategy()));
    }

    private static List<Tag> sdkTags(String groupName, Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().resourceId(groupName).resourceType("auto-scaling-group")
                .key(e.getKey()).value(e.getValue()).propagateAtLaunch(true).build()).toList();
    }

    private static Live live(AutoScalingGroup group) {
        LaunchTemplateSpecification template = group.launchTemplate() != null ? group.launchTemplate()
                : group.mixedInstancesPolicy() != null && group.mixedInstancesPolicy().launchTemplate() != null
                ? group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification() : null;
        List<String> subnets = group.vpcZoneIdentifier() == null || group.vpcZoneIdentifier().isBlank() ? List.of()
                : List.of(group.vpcZoneIdentifier().split(","));
        Map<String, String> tags = new TreeMap<>();
        for (TagDescription tag : group.tags()) {
            tags.put(tag.key(), tag.value());
        }
        List<Instance> instances = group.instances().stream().map(i -> new Instance(i.instanceId(), i.availabilityZone(),
                i.lifecycleStateAsString(), i.healthStatus())).toList();
        return new Live(group.autoScalingGroupName(), group.autoScalingGroupARN(),
                template == null ? null : template.launchTemplateId(), template == null ? null : template.version(),
                group.minSize(), group.maxSize(), group.desiredCapacity(),
                subnets.stream().map(String::trim).toList(), group.targetGroupARNs(),
                group.suspendedProcesses().stream().map(SuspendedProcess::processName).toList(),
                render(group.mixedInstancesPolicy()), tags, instances);
    }

    private Optional<AutoScalingGroup> describeByName(String name) {
        return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().stream()
                .filter(g -> g.status() == null).findFirst();
    }

}
