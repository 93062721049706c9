package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.rollout.remediation.GroupHealth;
import io.slipway.rollout.remediation.InstanceHealth;
import io.slipway.rollout.remediation.RemediationPolicy;
import io.slipway.rollout.remediation.RemediationSettings;
import io.slipway.rollout.remediation.RemediationVerdict;
import io.slipway.rollout.remediation.UnhealthyInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The InstanceGroup reconciler's side of remediation: from the instances and nodes it has just read, it asks
 * {@link RemediationPolicy} which instances to replace, marks them {@code unhealthy} in status.instances[] (the
 * rollout controller replaces those through the roll's machinery, see {@link RemediationCandidates}) and says in the
 * {@code RemediationAllowed} condition what it decided or what stops it.
 */
final class InstanceGroupRemediation {
    private InstanceGroupRemediation() {
    }

    /** @return when to look again because a waiting instance may turn unhealthy by then; empty when nothing waits */
    static Optional<Duration> judge(Cluster cluster, InstanceGroup group, InstanceGroupStatus status, Collection<InstanceGroup> siblings,
                                    boolean nodesObserved, Instant now, Conditions conditions, EventRecorder events) {
        InstanceGroupRole role = group.getSpec().roleValue();
        List<InstanceHealth> controlPlane = new ArrayList<>();
        if (role == InstanceGroupRole.ControlPlane) {
            for (InstanceGroup sibling : siblings) {
                if (!sibling.getMetadata().getName().equals(group.getMetadata().getName()) && sibling.getSpec() != null
                        && sibling.getSpec().roleValue() == InstanceGroupRole.ControlPlane && sibling.getStatus() != null) {
                    sibling.getStatus().instances.stream().map(InstanceHealth::of).forEach(controlPlane::add);
                }
            }
        }
        List<InstanceHealth> own = status.instances.stream().map(InstanceHealth::of).toList();
        controlPlane.addAll(role == InstanceGroupRole.ControlPlane ? own : List.of());
        RemediationVerdict verdict = RemediationPolicy.decide(
                new GroupHealth(group.getMetadata().getName(), role, own, nodesObserved, controlPlane),
                RemediationSettings.of(group.getSpec(), cluster.getSpec()), now);

        Set<String> replace = verdict.replace().stream().map(UnhealthyInstance::instanceId).collect(Collectors.toSet());
        status.instances.forEach(i -> i.unhealthy = replace.contains(i.id));

        boolean allowed = verdict.kind() == RemediationVerdict.Kind.HEALTHY || verdict.kind() == RemediationVerdict.Kind.REPLACE;
        // the reason and message as they were: setting the condition changes the Condition object in place
        Optional<Condition> before = Conditions.get(status.conditions, ConditionType.REMEDIATION_ALLOWED);
        String reasonBefore = before.map(c -> c.reason).orElse(null);
        String messageBefore = before.map(c -> c.message).orElse(null);
        conditions.set(ConditionType.REMEDIATION_ALLOWED, allowed, verdict.reason(), verdict.message());
        boolean news = !verdict.reason().equals(reasonBefore);
        if (verdict.blocked() && verdict.kind() != RemediationVerdict.Kind.DISABLED && news
                && !RemediationVerdict.NODES_UNKNOWN.equals(verdict.reason())) {
            events.warning(group, "RemediationBlocked", verdict.message());
        } else if (verdict.kind() == RemediationVerdict.Kind.REPLACE && (news || !verdict.message().equals(messageBefore))) {
            events.normal(group, "RemediatingInstances", verdict.message());
        }
        return Optional.ofNullable(verdict.nextCheckAt()).map(at -> {
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        });
    }
}
