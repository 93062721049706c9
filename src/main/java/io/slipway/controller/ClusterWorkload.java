package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.ExpectedGroup;
import io.slipway.workload.ExpectedInstance;
import io.slipway.workload.ValidationResult;
import io.slipway.workload.WorkloadConnection;
import io.slipway.workload.WorkloadConnector;
import io.slipway.workload.addons.AddonInstaller;
import io.slipway.workload.addons.AddonStatuses;
import io.slipway.workload.addons.AddonsResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The phases of a Cluster that happen inside the Kubernetes cluster it runs, once its infrastructure exists: the
 * control plane answers and is validated, the addons are applied, and every instance group has its Ready nodes.
 * Instances are what the InstanceGroups' status says AWS runs; the workload cluster is reached through its admin
 * kubeconfig only.
 */
@ApplicationScoped
public class ClusterWorkload {
    /** EC2 states of an instance that is, or will be, a node. */
    static final Set<String> LIVE_STATES = Set.of("pending", "running");

    private final WorkloadConnector connector;
    private final ClusterValidator validator;
    private final AddonInstaller addons;
    private final Clock clock;

    @Inject
    public ClusterWorkload(WorkloadConnector connector, ClusterValidator validator, AddonInstaller addons, Clock clock) {
        this.connector = connector;
        this.validator = validator;
        this.addons = addons;
        this.clock = clock;
    }

    /**
     * The control plane, addons and nodes phases, in that order; each later phase waits for the earlier one. Writes
     * status.addons and status.validation.
     */
    public List<PhaseResult> reconcile(Cluster cluster, List<InstanceGroup> groups, ClusterStatus status) {
        String name = cluster.getMetadata().getName();
        List<InstanceGroup> controlPlaneGroups = groups.stream().filter(g -> role(g) == InstanceGroupRole.ControlPlane).toList();
        if (controlPlaneGroups.isEmpty()) {
            return waiting(PhaseResult.pending(ConditionType.CONTROL_PLANE_READY, "NoControlPlaneGroup",
                    "no InstanceGroup with role ControlPlane has spec.clusterName " + name + " in this namespace"));
        }
        if (controlPlaneGroups.stream().allMatch(g -> instances(g).isEmpty())) {
            return waiting(PhaseResult.inProgress(ConditionType.CONTROL_PLANE_READY, "WaitingForControlPlaneInstances",
                    "no control-plane instance is running yet"));
        }
        WorkloadConnection connection = connector.connect(cluster.getMetadata().getNamespace(), name);
        ValidationResult controlPlane = validator.validate(connection, expected(controlPlaneGroups));
        if (!controlPlane.reachable()) {
            return waiting(PhaseResult.inProgress(ConditionType.CONTROL_PLANE_READY, "WaitingForAPIServer",
                    "control-plane instances run; " + controlPlane.message()));
        }
        List<PhaseResult> phases = new ArrayList<>();
        phases.add(controlPlane.valid()
                ? PhaseResult.done(ConditionType.CONTROL_PLANE_READY, "ControlPlaneValidated",
                        "the API answers and every control-plane node runs its control-plane pods")
                : PhaseResult.inProgress(ConditionType.CONTROL_PLANE_READY, "ControlPlaneNotValidated", controlPlane.message()));

        // applied as soon as the API answers: nodes need the CNI to become Ready, the control plane included
        AddonsResult applied = addons.apply(connection.client().orElseThrow(), cluster);
        status.addons = AddonStatuses.of(applied);
        phases.add(addonsPhase(applied));

        ValidationResult whole = validator.validate(connection, expected(groups));
        status.validation = whole.toStatus(clock.instant());
        phases.add(nodesPhase(groups));
        phases.add(whole.valid()
                ? PhaseResult.done(ConditionType.CLUSTER_VALIDATED, ValidationResult.REASON_VALIDATED,
                        "every instance group has its Ready nodes and the kube-system critical pods are Ready")
                : PhaseResult.inProgress(ConditionType.CLUSTER_VALIDATED, whole.reason(), whole.message()));
        return phases;
    }

    /** Closes what is kept for a Cluster that is gone. */
    public void forget(Cluster cluster) {
        connector.forget(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
    }

    /** Before the infrastructure is done, the later phases wait for it (and say so). */
    public static List<PhaseResult> waitingForInfrastructure() {
        return waiting(PhaseResult.pending(ConditionType.CONTROL_PLANE_READY, "WaitingForInfrastructure",
                "waiting for the network, IAM, credentials and API endpoint"));
    }

    private static List<PhaseResult> waiting(PhaseResult controlPlane) {
        return List.of(controlPlane,
                PhaseResult.pending(ConditionType.ADDONS_READY, "WaitingForControlPlane", "waiting for the control plane's API"),
                PhaseResult.pending(ConditionType.NODES_READY, "WaitingForControlPlane", "waiting for the control plane"),
                PhaseResult.pending(ConditionType.CLUSTER_VALIDATED, "WaitingForControlPlane", "waiting for the control plane"));
    }

    private static PhaseResult addonsPhase(AddonsResult result) {
        if (result.allApplied()) {
            return PhaseResult.done(ConditionType.ADDONS_READY, "Applied", result.addons().stream()
                    .map(a -> a.name() + " " + a.version()).collect(Collectors.joining(", ")) + " applied");
        }
        String failed = result.addons().stream().filter(a -> !a.applied())
                .map(a -> a.name() + ": " + a.message()).collect(Collectors.joining("; "));
        return PhaseResult.retrying(ConditionType.ADDONS_READY, "AddonsFailed", failed);
    }

    /** Every InstanceGroup has at least minSize instances, each with a Ready node (bastions need no node). */
    static PhaseResult nodesPhase(List<InstanceGroup> groups) {
        List<String> short_ = new ArrayList<>();
        for (InstanceGroup group : groups.stream().sorted(Comparator.comparing(g -> g.getMetadata().getName())).toList()) {
            InstanceGroupStatus s = group.getStatus();
            int target = group.getSpec().minSize == null ? 0 : group.getSpec().minSize;
            int ready = s == null || s.readyReplicas == null ? 0 : s.readyReplicas;
            if (role(group) == InstanceGroupRole.Bastion) {
                ready = instances(group).size();
            }
            if (ready < target) {
                short_.add(group.getMetadata().getName() + " " + ready + "/" + target);
            }
        }
        if (short_.isEmpty()) {
            return PhaseResult.done(ConditionType.NODES_READY, "NodesReady", "every instance group has its Ready nodes");
        }
        return PhaseResult.inProgress(ConditionType.NODES_READY, "WaitingForNodes", "Ready nodes per group below target: "
                + String.join(", ", short_));
    }

    /** What validation expects of the groups, from their status (the rollout controller swaps in its own live group). */
    static List<ExpectedGroup> expected(List<InstanceGroup> groups) {
        return groups.stream().sorted(Comparator.comparing(g -> g.getMetadata().getName()))
                .map(g -> new ExpectedGroup(g.getMetadata().getName(), role(g),
                        g.getSpec().minSize == null ? 0 : g.getSpec().minSize,
                        instances(g).stream().map(i -> new ExpectedInstance(i.id, i.zone)).toList()))
                .toList();
    }

    private static List<InstanceGroupStatus.InstanceStatus> instances(InstanceGroup group) {
        InstanceGroupStatus s = group.getStatus();
        if (s == null || s.instances == null) {
            return List.of();
        }
        return s.instances.stream().filter(i -> i.id != null && LIVE_STATES.contains(i.state)).toList();
    }

    private static InstanceGroupRole role(InstanceGroup group) {
        return group.getSpec() == null ? null : group.getSpec().roleValue();
    }
}
