package io.slipway.controller;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.AppliedPlanStatus;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.ConditionType;
import io.slipway.api.NetworkStatus;
import io.slipway.api.PlanStatus;
import io.slipway.aws.AwsSession;
import io.slipway.aws.ec2.Ec2NetworkKinds;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.ChangeOutcome;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DriftCounter;
import io.slipway.cloud.Engine;
import io.slipway.cloud.FailureClass;
import io.slipway.cloud.Plan;
import io.slipway.cloud.PlanError;
import io.slipway.cloud.PlanSummary;
import io.slipway.cloud.PlanningException;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.NetworkIds;
import io.slipway.model.NetworkModel;
import io.slipway.model.NetworkStatusMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The network part of a Cluster reconcile: desired graph → plan → apply (unless plan-only) → status. Drift is told
 * from a spec change by the fingerprint of the last desired network seen converged.
 */
public class ClusterNetwork {
    private final MeterRegistry registry;
    private final EventRecorder events;
    private final Clock clock;
    private final ReconcileSettings settings;

    public ClusterNetwork(MeterRegistry registry, EventRecorder events, Clock clock, ReconcileSettings settings) {
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** Brings the network towards the spec, records it in status and returns when to look again. */
    public Duration reconcile(Cluster cluster, AwsSession session, ClusterStatus status, Conditions conditions) {
        Engine engine = Ec2NetworkKinds.engine(session.ec2());
        DesiredGraph graph;
        try {
            graph = NetworkModel.build(cluster);
        } catch (IllegalArgumentException e) {
            return failed(cluster, status, conditions, FailureClass.FATAL, "cannot build the network from the spec: " + e.getMessage());
        }
        Plan plan;
        try {
            plan = engine.plan(graph);
        } catch (PlanningException e) {
            return failed(cluster, status, conditions, engine.classify(e.getCause()), "could not read the network from AWS: " + engine.describe(e.getCause()));
        }
        PlanStatus planStatus = planStatus(cluster, status.plan, plan);
        status.plan = planStatus;
        String convergedBefore = status.network == null ? null : status.network.convergedFingerprint;

        if (!plan.errors().isEmpty()) {
            String message = "the plan cannot be applied: " + plan.errors().stream().map(PlanError::toString).collect(Collectors.joining("; "));
            status.network = network(cluster, plan, convergedBefore);
            return failed(cluster, status, conditions, FailureClass.FATAL, message);
        }
        if (plan.isConverged()) {
            status.network = network(cluster, plan, graph.fingerprint());
            planStatus.applied = true;
            conditions.set(ConditionType.NETWORK_READY, true, "Converged", "the network matches the spec")
                    .set(ConditionType.STALLED, false, "Converged", "")
                    .set(ConditionType.RECONCILING, false, "Converged", "")
                    .set(ConditionType.READY, true, "Converged", "the network matches the spec");
            status.phase = "Ready";
            return settings.resync();
        }
        if (cluster.getSpec().planOnly) {
            status.network = network(cluster, plan, convergedBefore);
            planStatus.applied = false;
            String message = "plan-only: " + plan.summary().describe() + "; set spec.planOnly to false to apply it";
            conditions.set(ConditionType.NETWORK_READY, false, "PlanOnly", message)
                    .set(ConditionType.STALLED, false, "PlanOnly", "")
                    .set(ConditionType.RECONCILING, false, "PlanOnly", message)
                    .set(ConditionType.READY, false, "PlanOnly", message);
            status.phase = "Planned";
            if (planStatus.computedAt != null && !planStatus.fingerprint.equals(previousFingerprint(cluster))) {
                events.normal(cluster, "PlanComputed", plan.summary().describe() + " (not applied: spec.planOnly is true)");
            }
            return settings.resync();
        }
        return apply(cluster, status, conditions, engine, graph, plan, convergedBefore);
    }

    private Duration apply(Cluster cluster, ClusterStatus status, Conditions conditions, Engine engine, DesiredGraph graph,
                           Plan plan, String convergedBefore) {
        PlanStatus published = cluster.getStatus() == null ? null : cluster.getStatus().plan;
        if (published != null && !published.applied && published.fingerprint != null && !published.fingerprint.equals(plan.fingerprint())) {
            events.normal(cluster, "PlanChanged", "live state moved since the published plan; applying the current plan: " + plan.summary().describe());
        }
        boolean drift = graph.fingerprint().equals(convergedBefore);
        ApplyResult result = engine.apply(plan);
        status.plan.applied = true;
        status.network = NetworkStatusMapper.network(cluster, result.resources());
        status.network.convergedFingerprint = convergedBefore;

        if (!result.applied().isEmpty()) {
            status.lastAppliedPlan = appliedPlan(cluster, plan, result);
            if (drift) {
                Map<String, Integer> perKind = new DriftCounter(registry).record(result);
                events.warning(cluster, "DriftCorrected", "put back " + result.applied().size() + " out-of-band change(s): "
                        + result.applied().stream().map(c -> c.action().name().toLowerCase() + " " + c.logicalId()).collect(Collectors.joining(", "))
                        + " " + perKind);
            } else {
                events.normal(cluster, "Applied", result.applied().size() + " change(s) applied of " + plan.summary().describe());
            }
        }
        if (result.isComplete()) {
            return provisioning(status, conditions, "applied " + plan.summary().describe() + "; verifying");
        }
        List<String> errors = result.errors();
        if (errors.isEmpty()) {
            return provisioning(status, conditions, "waiting for resources to become ready: "
                    + result.withStatus(ChangeOutcome.Status.WAITING).size() + " change(s) pending");
        }
        return failed(cluster, status, conditions, result.needsHuman() ? FailureClass.FATAL : FailureClass.RETRYABLE,
                "applying the plan failed: " + String.join("; ", errors));
    }

    private Duration provisioning(ClusterStatus status, Conditions conditions, String message) {
        conditions.set(ConditionType.NETWORK_READY, false, "Provisioning", message)
                .set(ConditionType.STALLED, false, "Provisioning", "")
                .set(ConditionType.RECONCILING, true, "Provisioning", message)
                .set(ConditionType.READY, false, "Provisioning", message);
        status.phase = "Provisioning";
        return settings.inFlight();
    }

    /** Deletes everything the Cluster owns in AWS, found by tags. Complete only when nothing owned remains. */
    public TeardownResult teardown(Cluster cluster, AwsSession session) {
        return Ec2NetworkKinds.engine(session.ec2()).deleteAllOwned(NetworkIds.owner(cluster));
    }

    private Duration failed(Cluster cluster, ClusterStatus status, Conditions conditions, FailureClass failureClass, String message) {
        boolean fatal = failureClass == FailureClass.FATAL;
        String reason = fatal ? "NetworkFailed" : "NetworkRetrying";
        boolean newMessage = !message.equals(Conditions.get(status.conditions, ConditionType.NETWORK_READY).map(c -> c.message).orElse(null));
        conditions.set(ConditionType.NETWORK_READY, false, reason, message)
                .set(ConditionType.STALLED, fatal, reason, fatal ? message : "")
                .set(ConditionType.RECONCILING, !fatal, reason, fatal ? "needs a human: " + message : message)
                .set(ConditionType.READY, false, reason, message);
        status.phase = fatal ? "Failed" : "Provisioning";
        if (newMessage) {
            events.warning(cluster, reason, message);
        }
        return settings.retryAfterError();
    }

    private PlanStatus planStatus(Cluster cluster, PlanStatus previous, Plan plan) {
        PlanStatus next = NetworkStatusMapper.plan(plan, settings.maxPlanChanges());
        next.fingerprint = plan.fingerprint();
        next.observedGeneration = cluster.getMetadata().getGeneration();
        boolean same = previous != null && next.fingerprint.equals(previous.fingerprint);
        next.computedAt = same && previous.computedAt != null ? previous.computedAt : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        next.applied = previous != null && same && previous.applied;
        return next;
    }

    private AppliedPlanStatus appliedPlan(Cluster cluster, Plan plan, ApplyResult result) {
        AppliedPlanStatus applied = new AppliedPlanStatus();
        PlanSummary summary = plan.summary();
        applied.summary = summary.describe();
        applied.toCreate = summary.toCreate();
        applied.toUpdate = summary.toUpdate();
        applied.toDelete = summary.toDelete();
        applied.changesApplied = result.applied().size();
        applied.appliedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        applied.observedGeneration = cluster.getMetadata().getGeneration();
        return applied;
    }

    private static String previousFingerprint(Cluster cluster) {
        return cluster.getStatus() == null || cluster.getStatus().plan == null ? null : cluster.getStatus().plan.fingerprint;
    }

    private static NetworkStatus network(Cluster cluster, Plan plan, String convergedFingerprint) {
        NetworkStatus network = NetworkStatusMapper.network(cluster, plan.resources());
        network.convergedFingerprint = convergedFingerprint;
        return network;
    }
}
