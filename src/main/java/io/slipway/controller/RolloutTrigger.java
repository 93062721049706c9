package io.slipway.controller;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;

import java.util.Objects;

/**
 * Which updates of an InstanceGroup start a rollout reconcile: a spec change (pause, resume, new settings), any
 * annotation (a forced roll's slipway.io/restartedAt, a reconcile request), deletion, and what the InstanceGroup
 * reconciler learns (a new configuration hash, instance counts, the instances remediation marks unhealthy). The
 * rollout controller's own status.rollout does
 * not: it comes back by its own schedule.
 */
public class RolloutTrigger implements OnUpdateFilter<InstanceGroup> {
    @Override
    public boolean accept(InstanceGroup updated, InstanceGroup previous) {
        return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || !Objects.equals(updated.getMetadata().getAnnotations(), previous.getMetadata().getAnnotations())
                || (updated.isMarkedForDeletion() && !previous.isMarkedForDeletion())
                || !Objects.equals(observed(updated), observed(previous));
    }

    private static String observed(InstanceGroup group) {
        InstanceGroupStatus s = group.getStatus();
        if (s == null) {
            return null;
        }
        return s.autoScalingGroupName + "|" + (s.launchTemplate == null ? null : s.launchTemplate.configHash) + "|"
                + s.replicas + "|" + s.updatedReplicas + "|" + s.readyReplicas + "|"
                + s.instances.stream().filter(i -> i.unhealthy).map(i -> i.id).sorted().toList();
    }
}
