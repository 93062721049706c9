package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.slipway.bootstrap.BootstrapToken;
import io.slipway.workload.BootstrapTokenSecrets;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.ExpectedGroup;
import io.slipway.workload.ExpectedInstance;
import io.slipway.workload.ValidationResult;
import io.slipway.workload.WorkloadConnection;
import io.slipway.workload.WorkloadApiErrors;
import io.slipway.workload.WorkloadConnector;
import io.slipway.workload.WorkloadSnapshot;
import io.slipway.workload.addons.AddonInstaller;
import io.slipway.workload.addons.AddonStatuses;
import io.slipway.workload.addons.AddonsResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Logger LOG = Logger.getLogger(ClusterWorkload.class);

    private final WorkloadConnector connector;
    private final ClusterValidator validator;
    private final AddonInstaller addons;
    private final Clock clock;
    private final Duration addonsFreshFor;
    private final BootstrapTokenSecrets tokens = new BootstrapTokenSecrets();
    /** Per Cluster ({@code <namespace>/<name>}), its last apply of the addons that applied every one of them. */
    private final Map<String, AppliedAddons> applied = new ConcurrentHashMap<>();

    /** An apply of every addon that succeeded: to which Cluster object and generation, through which client, when. */
    private record AppliedAddons(String uid, Long generation, KubernetesClient client, Instant at, AddonsResult result) {
        boolean stillFor(Cluster cluster, KubernetesClient now) {
            return java.util.Objects.equals(uid, cluster.getMetadata().getUid())
                    && java.util.Objects.equals(generation, cluster.getMetadata().getGeneration()) && client == now;
        }
    }

    /**
     * {@code settings}: an apply of the addons that succeeded is taken again, instead of rendering and applying every
     * chart anew, by the reconciles of the same Cluster generation within the read-share lifetime of the resync (see
     * {@link #reconcile}).
     */
    @Inject
    public ClusterWorkload(WorkloadConnector connector, ClusterValidator validator, AddonInstaller addons, Clock clock,
                           ReconcileSettings settings) {
        this.connector = connector;
        this.validator = validator;
        this.addons = addons;
        this.clock = clock;
        this.addonsFreshFor = io.slipway.cloud.ReadShare.lifetimeFor(settings.resync());
    }

    /**
     * The control plane, addons and nodes phases, in that order; each later phase waits for the earlier one. Writes
     * status.addons and status.validation. Once the API answers, the current bootstrap {@code token} is written there
     * (nodes join with it); until that write succeeds the control plane is not ready.
     * <p>
     * The addons are rendered and applied server-side (which puts back a manual edit in the workload cluster) unless
     * every one of them was applied for the same generation of the Cluster, through the same client, within the
     * read-share lifetime of the resync (at most 20 s): while the nodes join, each change of a group wakes the Cluster,
     * and rendering and applying every chart again each time (hundreds of milliseconds) only delays what the reconcile
     * is for. {@code requested} (a reconcile asked for by annotation) always applies them. So a manual edit is put back
     * at most one lifetime later than otherwise; a failed apply is tried again at the next reconcile.
     */
    public List<PhaseResult> reconcile(Cluster cluster, List<InstanceGroup> groups, ClusterStatus status, BootstrapToken token,
                                       boolean requested) {
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
        // one read of nodes and pods for both validations: the pods of addons applied in between are started later,
        // by the workload cluster's controllers, not by the apply
        WorkloadSnapshot seen = validator.read(connection);
        ValidationResult controlPlane = validator.validate(seen, expected(controlPlaneGroups));
        if (!controlPlane.reachable()) {
            return waiting(PhaseResult.inProgress(ConditionType.CONTROL_PLANE_READY, "WaitingForAPIServer",
                    "control-plane instances run; " + controlPlane.message()));
        }
        Optional<String> tokenProblem = publish(connection, token);
        List<PhaseResult> phases = new ArrayList<>();
        phases.add(tokenProblem.isPresent()
                ? PhaseResult.retrying(ConditionType.CONTROL_PLANE_READY, "BootstrapTokenNotWritten", tokenProblem.get())
                : controlPlane.valid()
                ? PhaseResult.done(ConditionType.CONTROL_PLANE_READY, "ControlPlaneValidated",
                        "the API answers and every control-plane node runs its control-plane pods")
                : PhaseResult.inProgress(ConditionType.CONTROL_PLANE_READY, "ControlPlaneNotValidated", controlPlane.message()));

        // applied as soon as the API answers: nodes need the CNI to become Ready, the control plane included
        AddonsResult applied = addons(connection.client().orElseThrow(), cluster, requested);
        status.addons = AddonStatuses.of(applied);
        phases.add(addonsPhase(applied));

        ValidationResult whole = validator.validate(seen, expected(groups));
        status.validation = whole.toStatus(clock.instant());
        phases.add(nodesPhase(groups));
        phases.add(whole.valid()
                ? PhaseResult.done(ConditionType.CLUSTER_VALIDATED, ValidationResult.REASON_VALIDATED,
                        "every instance group has its Ready nodes and the kube-system critical pods are Ready")
                : PhaseResult.inProgress(ConditionType.CLUSTER_VALIDATED, whole.reason(), whole.message()));
        return phases;
    }

    /** The addons applied now, or the last apply of them when it is fresh (see {@link #reconcile}). */
    private AddonsResult addons(KubernetesClient client, Cluster cluster, boolean requested) {
        String key = cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
        AppliedAddons last = applied.get(key);
        Instant now = clock.instant();
        if (!requested && last != null && last.stillFor(cluster, client) && now.isBefore(last.at().plus(addonsFreshFor))) {
            return last.result();
        }
        AddonsResult result = addons.apply(client, cluster);
        if (result.allApplied()) {
            applied.put(key, new AppliedAddons(cluster.getMetadata().getUid(), cluster.getMetadata().getGeneration(),
                    client, now, result));
        } else {
            applied.remove(key);
        }
        return result;
    }

    /** Writes the token's Secret in the workload cluster; why it could not be written, if so (nothing secret). */
    private Optional<String> publish(WorkloadConnection connection, BootstrapToken token) {
        try {
            BootstrapTokenSecrets.Outcome outcome = tokens.publish(connection.client().orElseThrow(), token, clock.instant());
            if (outcome.changed()) {
                LOG.debugf("workload cluster %s: bootstrap token Secret %s %s; expired ones deleted: %s", connection.cluster(),
                        outcome.secret(), outcome.created() ? "created" : outcome.updated() ? "updated" : "unchanged",
                        outcome.deletedExpired());
            }
            return Optional.empty();
        } catch (KubernetesClientException e) {
            return Optional.of("the bootstrap token Secret " + BootstrapTokenSecrets.NAMESPACE + "/"
                    + BootstrapTokenSecrets.NAME_PREFIX + token.id() + " could not be written in the workload cluster: "
                    + WorkloadApiErrors.describe(e));
        }
    }

    /** Closes what is kept for a Cluster that is gone. */
    public void forget(Cluster cluster) {
        applied.remove(cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName());
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
