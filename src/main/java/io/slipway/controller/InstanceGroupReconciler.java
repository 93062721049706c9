package io.slipway.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.slipway.api.Cluster;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.TeardownResult;
import software.amazon.awssdk.core.exception.SdkException;
import io.slipway.validation.FieldError;
import io.slipway.validation.UnlaunchedMachineType;
import io.slipway.workload.NodeWatches;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles an InstanceGroup. It needs its Cluster (same namespace, spec.clusterName): until that exists the group
 * waits with ClusterFound=False, and every change of a Cluster re-triggers the groups that name it.
 */
@ControllerConfiguration(name = InstanceGroupReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = ReconcileTrigger.class))
public class InstanceGroupReconciler implements Reconciler<InstanceGroup>, Cleaner<InstanceGroup> {
    /** What a group's instances need of their Cluster before they can be launched. */
    static final List<String> CLUSTER_INFRASTRUCTURE = List.of(ConditionType.NETWORK_READY, ConditionType.IAM_READY,
            ConditionType.CREDENTIALS_READY, ConditionType.API_ENDPOINT_READY);

    public static final String NAME = "instancegroup";
    private static final GroupsOfCluster GROUPS = new GroupsOfCluster("byCluster");

    private final InstanceGroupSpecChecks checks;
    private final EventRecorder events;
    private final Clock clock;
    private final ClusterCredentials credentials;
    private final AwsClientFactory aws;
    private final InstanceGroupInfrastructure infrastructure;
    private final ReconcileSettings settings;
    private final InstanceGroupNodes nodes;
    private final NodeWatches nodeWatches;

    @Inject
    public InstanceGroupReconciler(InstanceGroupSpecChecks checks, EventRecorder events, Clock clock,
                                   ClusterCredentials credentials, AwsClientFactory aws,
                                   InstanceGroupInfrastructure infrastructure, ReconcileSettings settings,
                                   InstanceGroupNodes nodes, NodeWatches nodeWatches) {
        this.nodes = nodes;
        this.nodeWatches = nodeWatches;
        this.checks = checks;
        this.events = events;
        this.clock = clock;
        this.credentials = credentials;
        this.aws = aws;
        this.infrastructure = infrastructure;
        this.settings = settings;
    }

    @Override
    public List<EventSource<?, InstanceGroup>> prepareEventSources(EventSourceContext<InstanceGroup> context) {
        return GROUPS.eventSources(context, nodeWatches);
    }

    @Override
    public UpdateControl<InstanceGroup> reconcile(InstanceGroup ig, Context<InstanceGroup> context) {
        InstanceGroupStatus before = ig.getStatus();
        InstanceGroupStatus status = before == null ? new InstanceGroupStatus() : StatusComparison.copy(before, InstanceGroupStatus.class);
        long generation = ig.getMetadata().getGeneration() == null ? 0 : ig.getMetadata().getGeneration();
        Conditions conditions = new Conditions(status.conditions, generation, clock);
        status.observedGeneration = generation;
        String requestedAt = ReconcileTrigger.requestedAt(ig);
        if (requestedAt != null) {
            status.lastHandledReconcileAt = requestedAt;
        }

        Optional<Cluster> cluster = context.getSecondaryResource(Cluster.class);
        List<FieldError> errors = checks.check(ig.getMetadata().getName(), ig.getSpec(), cluster.map(Cluster::getSpec).orElse(null),
                status.clusterName, MalformedValuesSeen.of(ig));
        if (!errors.isEmpty()) {
            SpecRefusal.refuse(ig, status.conditions, conditions, events, errors);
            return finish(ig, before, status, conditions);
        }

        if (before == null || before.observedGeneration == null || before.observedGeneration != generation) {
            UnlaunchedMachineType.warning(ig.getSpec()).ifPresent(message -> events.warning(ig, "MachineTypeNotLaunched", message));
        }

        if (cluster.isEmpty()) {
            String message = "Cluster " + ig.getSpec().clusterName + " not found in namespace "
                    + ig.getMetadata().getNamespace() + "; waiting for it";
            boolean newlyMissing = Conditions.get(status.conditions, ConditionType.CLUSTER_FOUND).map(c -> c.isTrue()).orElse(true);
            conditions.set(ConditionType.SPEC_VALID, true, "Valid", "spec is valid")
                    .set(ConditionType.CLUSTER_FOUND, false, "ClusterNotFound", message)
                    .set(ConditionType.STALLED, false, "WaitingForCluster", "")
                    .set(ConditionType.RECONCILING, true, "WaitingForCluster", message)
                    .set(ConditionType.READY, false, "ClusterNotFound", message);
            if (newlyMissing) {
                events.normal(ig, "WaitingForCluster", message);
            }
            return finish(ig, before, status, conditions);
        }

        conditions.set(ConditionType.SPEC_VALID, true, "Valid", "spec is valid")
                .set(ConditionType.CLUSTER_FOUND, true, "ClusterFound", "Cluster " + ig.getSpec().clusterName + " found")
                .set(ConditionType.STALLED, false, "Progressing", "");
        if (status.clusterName == null) {
            status.clusterName = ig.getSpec().clusterName;
        }
        Cluster owner = cluster.get();
        List<String> missing = CLUSTER_INFRASTRUCTURE.stream()
                .filter(type -> !Conditions.isTrue(owner.getStatus() == null ? null : owner.getStatus().conditions, type)).toList();
        if (!missing.isEmpty()) {
            // a group's instances need the cluster's network, IAM, bootstrap store and API endpoint, not a Ready
            // cluster: the cluster is Ready only once the groups' instances run
            String message = "waiting for Cluster " + owner.getMetadata().getName() + ": " + String.join(", ", missing)
                    + " not True yet";
            conditions.set(ConditionType.RECONCILING, true, "WaitingForCluster", message)
                    .set(ConditionType.READY, false, "ClusterNotReady", message);
            return finish(ig, before, status, conditions);
        }
        InstanceGroupInfrastructure.Outcome outcome;
        try {
            AwsSession session = aws.session(credentials.resolve(owner), owner.getSpec().region);
            boolean requested = ReconcileTrigger.newRequest(requestedAt, before == null ? null : before.lastHandledReconcileAt);
            outcome = infrastructure.reconcile(owner, ig, session, status, requested);
        } catch (ClusterCredentials.CredentialsUnavailableException | SdkException e) {
            outcome = new InstanceGroupInfrastructure.Outcome(PhaseResult.retrying(null, "AWSUnreachable",
                    "cannot reach AWS: " + e.getMessage()), settings.retryAfterError());
        }
        PhaseResult result = outcome.result();
        Duration next = outcome.next();
        if (InstanceGroupInfrastructure.WAITING_FOR_NODES.equals(result.reason())) {
            // AWS matches the spec: whether the group is Ready is up to its nodes, which the workload cluster knows
            result = nodes.observe(ig, status);
            next = result.isDone() ? settings.observeReady() : min(next, settings.inFlight());
            Optional<Duration> lookAgain = InstanceGroupRemediation.judge(owner, ig, status,
                    context.getPrimaryCache().byIndex(GROUPS.index(), GroupsOfCluster.key(ig)),
                    !InstanceGroupNodes.WAITING_FOR_API_SERVER.equals(result.reason()), clock.instant(), conditions, events);
            if (lookAgain.isPresent()) {
                // a node waiting out unhealthyAfter is judged again when it runs out, not at the next resync
                next = min(next, lookAgain.get().plusSeconds(1));
            }
        }
        boolean stalled = result.progress() == PhaseResult.Progress.STALLED;
        boolean planOnly = result.progress() == PhaseResult.Progress.PLAN_ONLY;
        conditions.set(ConditionType.STALLED, stalled, stalled ? result.reason() : "Progressing", stalled ? result.message() : "")
                .set(ConditionType.RECONCILING, !stalled && !planOnly && !result.isDone(), result.reason(),
                        result.isDone() ? "" : result.message())
                .set(ConditionType.READY, result.isDone(), result.reason(), result.message());
        return finish(ig, before, status, conditions).rescheduleAfter(next);
    }

    /**
     * Deletes the group's own AWS resources (its scope only) and keeps the finalizer until they are gone. A group whose
     * Cluster never reached AWS has nothing there; without its Cluster there is no account or region to reach, and the
     * Cluster's own teardown sweeps every scope of it.
     */
    @Override
    public DeleteControl cleanup(InstanceGroup ig, Context<InstanceGroup> context) {
        Optional<Cluster> cluster = context.getSecondaryResource(Cluster.class);
        if (cluster.isEmpty() || cluster.get().getSpec() == null || cluster.get().getStatus() == null
                || cluster.get().getStatus().applied == null) {
            return DeleteControl.defaultDelete();
        }
        try {
            AwsSession session = aws.session(credentials.resolve(cluster.get()), cluster.get().getStatus().applied.region);
            TeardownResult result = infrastructure.teardown(cluster.get(), ig, session);
            if (result.isComplete()) {
                if (!result.deleted().isEmpty()) {
                    events.normal(ig, "Deleted", "deleted " + result.deleted().size() + " AWS resource(s) of the group");
                }
                return DeleteControl.defaultDelete();
            }
            events.normal(ig, "Deleting", result.remaining().size() + " AWS resource(s) of the group remain");
        } catch (ClusterCredentials.CredentialsUnavailableException | SdkException e) {
            events.warning(ig, "DeleteRetrying", "cannot reach AWS to delete the group's resources: " + e.getMessage());
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.inFlight().toMillis());
    }

    private static UpdateControl<InstanceGroup> finish(InstanceGroup ig, InstanceGroupStatus before, InstanceGroupStatus after,
                                                       Conditions conditions) {
        RolloutCondition.set(conditions, after.conditions, before == null ? null : before.conditions, after.rollout);
        // status.rollout belongs to the rollout controller's field manager: this one never applies it
        after.rollout = null;
        InstanceGroupStatus beforeWithoutRollout = StatusComparison.copy(before, InstanceGroupStatus.class);
        if (beforeWithoutRollout != null) {
            beforeWithoutRollout.rollout = null;
        }
        if (!StatusComparison.changed(beforeWithoutRollout, after)) {
            return UpdateControl.noUpdate();
        }
        // Server-side apply of the status alone: this controller's field manager owns status (but rollout) and nothing else.
        InstanceGroup patch = new InstanceGroup();
        patch.setMetadata(new ObjectMetaBuilder().withName(ig.getMetadata().getName())
                .withNamespace(ig.getMetadata().getNamespace()).build());
        patch.setStatus(after);
        return UpdateControl.patchStatus(patch);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

}
