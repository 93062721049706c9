package io.slipway.rollout.remediation;

import io.slipway.api.InstanceGroupRole;
import io.slipway.rollout.remediation.HealthCheck.Judgement;
import io.slipway.rollout.remediation.HealthCheck.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides which of a group's instances to replace because their nodes are unhealthy (Cluster API's
 * MachineHealthCheck is the model). Nothing is replaced while more than maxUnhealthy of the group is unhealthy,
 * because then the fault is not in the nodes (a network or API outage would otherwise replace the whole group). A
 * control-plane group gives at most one instance at a time, and only while etcd keeps quorum without it: the
 * healthy members of the whole Cluster, less the one replaced, must number at least floor(n/2)+1 of its n members.
 * Pure: everything it needs comes in, and {@code now} is given.
 */
public final class RemediationPolicy {
    /** Instances named in a message; the rest are counted. */
    private static final int NAMED = 5;

    private RemediationPolicy() {
    }

    public static RemediationVerdict decide(GroupHealth group, RemediationSettings settings, Instant now) {
        if (!settings.enabled()) {
            return new RemediationVerdict(RemediationVerdict.Kind.DISABLED, List.of(), RemediationVerdict.DISABLED,
                    "remediation is off (spec.remediation.enabled: false)", null);
        }
        if (group.role() != InstanceGroupRole.Bastion && !group.nodesObserved()) {
            return new RemediationVerdict(RemediationVerdict.Kind.BLOCKED, List.of(), RemediationVerdict.NODES_UNKNOWN,
                    "the cluster's API does not answer, so node health is unknown; no instance is replaced", null);
        }
        HealthCheck check = new HealthCheck(settings.unhealthyAfter());
        List<InstanceHealth> members = group.instances().stream().filter(i -> !i.leaving()).toList();
        List<UnhealthyInstance> unhealthy = new ArrayList<>();
        Instant nextCheckAt = null;
        for (InstanceHealth instance : members) {
            Judgement j = check.judge(instance, group.role(), now);
            if (j.status() == Status.UNHEALTHY) {
                unhealthy.add(new UnhealthyInstance(instance.id(), instance.nodeName(), j.since(), j.why()));
            } else if (j.status() == Status.WAITING && (nextCheckAt == null || j.checkAt().isBefore(nextCheckAt))) {
                nextCheckAt = j.checkAt();
            }
        }
        unhealthy.sort(Comparator.comparing(UnhealthyInstance::since).thenComparing(UnhealthyInstance::instanceId));
        int total = members.size();
        if (unhealthy.isEmpty()) {
            return new RemediationVerdict(RemediationVerdict.Kind.HEALTHY, List.of(), RemediationVerdict.HEALTHY,
                    total + " instance(s), none unhealthy for longer than unhealthyAfter " + GoDurations.format(settings.unhealthyAfter()),
                    nextCheckAt);
        }
        int maxUnhealthy = settings.maxUnhealthy().resolve(total, false);
        if (unhealthy.size() > maxUnhealthy) {
            return new RemediationVerdict(RemediationVerdict.Kind.BLOCKED, List.of(), RemediationVerdict.TOO_MANY_UNHEALTHY,
                    unhealthy.size() + " of " + total + " instance(s) are unhealthy, more than maxUnhealthy " + settings.maxUnhealthy()
                            + " (" + maxUnhealthy + " of " + total + "): the fault is likely not in the nodes, so none is replaced: "
                            + describe(unhealthy), nextCheckAt);
        }
        if (group.role() == InstanceGroupRole.ControlPlane) {
            return oneControlPlaneInstance(group, unhealthy, nextCheckAt);
        }
        return new RemediationVerdict(RemediationVerdict.Kind.REPLACE, unhealthy, RemediationVerdict.UNHEALTHY_INSTANCES,
                "replacing " + unhealthy.size() + " unhealthy instance(s) of " + total + ": " + describe(unhealthy), nextCheckAt);
    }

    private static RemediationVerdict oneControlPlaneInstance(GroupHealth group, List<UnhealthyInstance> unhealthy, Instant nextCheckAt) {
        Map<String, InstanceHealth> etcd = new LinkedHashMap<>();
        for (InstanceHealth member : group.clusterControlPlane()) {
            etcd.put(member.id(), member);
        }
        for (InstanceHealth member : group.instances()) {
            etcd.put(member.id(), member);
        }
        List<InstanceHealth> members = etcd.values().stream().filter(i -> !i.leaving()).toList();
        UnhealthyInstance candidate = unhealthy.get(0);
        int n = members.size();
        int quorum = n / 2 + 1;
        long healthyAfter = members.stream().filter(m -> m.ready() && !m.id().equals(candidate.instanceId())).count();
        if (healthyAfter < quorum) {
            return new RemediationVerdict(RemediationVerdict.Kind.BLOCKED, List.of(), RemediationVerdict.ETCD_QUORUM_AT_RISK,
                    "control-plane instance " + describe(List.of(candidate)) + " is unhealthy, but without it " + healthyAfter
                            + " of the cluster's " + n + " etcd member(s) would be healthy, fewer than the quorum of " + quorum
                            + "; no control-plane instance is replaced", nextCheckAt);
        }
        String rest = unhealthy.size() > 1 ? "; " + (unhealthy.size() - 1) + " more after it, one at a time" : "";
        return new RemediationVerdict(RemediationVerdict.Kind.REPLACE, List.of(candidate), RemediationVerdict.UNHEALTHY_INSTANCES,
                "replacing control-plane instance " + describe(List.of(candidate)) + "; " + healthyAfter + " of the cluster's " + n
                        + " etcd member(s) stay healthy (quorum " + quorum + ")" + rest, nextCheckAt);
    }

    private static String describe(List<UnhealthyInstance> instances) {
        String named = instances.stream().limit(NAMED).map(i -> i.instanceId() + " (" + i.why() + ")").collect(Collectors.joining(", "));
        return instances.size() > NAMED ? named + " and " + (instances.size() - NAMED) + " more" : named;
    }
}
