package io.slipway.aws.autoscaling;

import io.slipway.aws.TagMaps;
import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * An instance group's auto scaling group, launching the default version of {@code launchTemplate}. The desired
 * capacity is not part of it: AWS's value (scaled by hand or by the cluster-autoscaler) is kept, only brought into
 * [minSize, maxSize]; a new group starts at minSize.
 *
 * @param name          the group's name (unique in the account and region)
 * @param launchTemplate the launch template (its cloud id)
 * @param subnets       subnets to launch in
 * @param targetGroups  target groups the instances are registered with (the API's, for control-plane groups)
 * @param mixedInstances several instance types and spot, or null for the launch template's alone
 * @param tags          tags of the group, all propagated to its instances at launch
 */
public record AutoScalingGroupSpec(String name, Ref launchTemplate, int minSize, int maxSize, List<Ref> subnets,
                                   List<Ref> targetGroups, MixedInstances mixedInstances, Map<String, String> tags)
        implements ResourceSpec {
    /** kops' MixedInstancesPolicy; null fields take AWS's defaults. */
    public record MixedInstances(List<String> instanceTypes, Integer onDemandBase, Integer onDemandAboveBase,
                                 String spotAllocationStrategy) {
        public MixedInstances {
            instanceTypes = List.copyOf(instanceTypes);
        }
    }

    public AutoScalingGroupSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(launchTemplate, "launchTemplate");
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("need 0 <= minSize <= maxSize, not " + minSize + ".." + maxSize);
        }
        subnets = List.copyOf(subnets);
        targetGroups = List.copyOf(targetGroups);
        tags = TagMaps.sorted(tags);
    }

    @Override
    public String kind() {
        return AutoScalingGroupKind.NAME;
    }

    @Override
    public List<Ref> references() {
        List<Ref> references = new ArrayList<>();
        references.add(launchTemplate);
        references.addAll(subnets);
        references.addAll(targetGroups);
        return references;
    }
}
