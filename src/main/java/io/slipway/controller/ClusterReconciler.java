package io.slipway.controller;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.slipway.api.AppliedIdentity;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterStatus;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.ConditionType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.TeardownResult;
import io.slipway.validation.FieldError;
import io.slipway.validation.OpenSshAccess;
import software.amazon.awssdk.core.exception.SdkException;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reconciles a Cluster: validate the spec (before anything touches AWS), then build what it describes, and report
 * progress in status. Never writes spec.
 */
@ControllerConfiguration(name = ClusterReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = ReconcileTrigger.class))
public class ClusterReconciler implements Reconciler<Cluster>, Cleaner<Cluster> {
    public static final String NAME = "cluster";
    private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

    private final ClusterSpecChecks checks;
    private final EventRecorder events;
    private final Clock clock;
    private final ClusterCredentials credentials;
    private final AwsClientFactory aws;
    private final ClusterNetwork network;
    private final ReconcileSettings settings;

    @Inject
    public ClusterReconciler(ClusterSpecChecks checks, EventRecorder events, Clock clock, ClusterCredentials credentials,
                             AwsClientFactory aws, ClusterNetwork network, ReconcileSettings settings) {
        this.checks = checks;
        this.events = events;
        this.clock = clock;
        this.credentials = credentials;
        this.aws = aws;
        this.network = network;
        this.settings = settings;
    }

    @Override
    public UpdateControl<Cluster> reconcile(Cluster cluster, Context<Cluster> context) {
        ClusterStatus before = cluster.getStatus();
        ClusterStatus status = before == null ? new ClusterStatus() : StatusComparison.copy(before, ClusterStatus.class);
        long generation = generation(cluster);
        Conditions conditions = new Conditions(status.conditions, generation, clock);
        String requestedAt = ReconcileTrigger.requestedAt(cluster);
        if (requestedAt != null) {
            status.lastHandledReconcileAt = requestedAt;
        }

        List<FieldError> errors = checks.check(cluster.getMetadata().getName(), cluster.getSpec(), status.applied,
                MalformedValuesSeen.of(cluster));
        if (!errors.isEmpty()) {
            String message = SpecRefusal.refuse(cluster, status.conditions, conditions, events, errors);
            status.phase = "Invalid";
            status.observedGeneration = generation;
            LOG.infof("cluster %s/%s: %s", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), message);
            return finish(cluster, before, status);
        }
        conditions.set(ConditionType.SPEC_VALID, true, "Valid", "spec is valid");
        if (before == null || before.observedGeneration == null || before.observedGeneration != generation) {
            warnAboutRiskySpec(cluster);
        }
        status.observedGeneration = generation;

        if (cluster.getSpec().paused) {
            conditions.set(ConditionType.STALLED, false, "Paused", "")
                    .set(ConditionType.RECONCILING, false, "Paused", "spec.paused is true: nothing is read from or written to AWS");
            status.phase = "Paused";
            return finish(cluster, before, status);
        }
        if (status.applied == null) {
            // Recorded before the first AWS call, so a crash right after it still leaves a status that says which
            // region and network the cluster's resources are in (the delete finds them by tags there).
            status.applied = appliedIdentity(cluster.getSpec());
            conditions.set(ConditionType.RECONCILING, true, "Starting", "starting to build the cluster")
                    .set(ConditionType.READY, false, "Starting", "starting to build the cluster");
            // The next reconcile, queued at once, is the first apply (or plan): say so for its whole duration.
            status.phase = cluster.getSpec().planOnly ? "Planning" : "Provisioning";
            return finish(cluster, before, status).rescheduleAfter(Duration.ofMillis(1));
        }

        Duration next;
        try {
            AwsSession session = aws.session(credentials.resolve(cluster), cluster.getSpec().region);
            Optional<String> nameInUse = ClusterNameCheck.conflict(cluster, session.ec2());
            next = nameInUse.isPresent()
                    ? nameInUse(cluster, status, conditions, nameInUse.get())
                    : network.reconcile(cluster, session, status, conditions);
        } catch (ClusterCredentials.CredentialsUnavailableException e) {
            next = awsUnavailable(cluster, status, conditions, "CredentialsUnavailable", e.getMessage());
        } catch (SdkException e) {
            next = awsUnavailable(cluster, status, conditions, "AwsError", "AWS: " + e.getMessage());
        }
        return finish(cluster, before, status).rescheduleAfter(next);
    }

    /** Another cluster uses the Kubernetes cluster name in the account and region: create nothing, ask a human. */
    private Duration nameInUse(Cluster cluster, ClusterStatus status, Conditions conditions, String message) {
        boolean newMessage = !message.equals(Conditions.get(status.conditions, ConditionType.READY).map(c -> c.message).orElse(null));
        conditions.set(ConditionType.STALLED, true, ClusterNameCheck.REASON, message)
                .set(ConditionType.RECONCILING, false, ClusterNameCheck.REASON, "needs a human: " + message)
                .set(ConditionType.READY, false, ClusterNameCheck.REASON, message);
        status.phase = "Failed";
        if (newMessage) {
            events.warning(cluster, ClusterNameCheck.REASON, message);
        }
        return settings.retryAfterError();
    }

    /** Once per generation: legal settings that are risky enough to tell the user about. */
    private void warnAboutRiskySpec(Cluster cluster) {
        List<String> open = OpenSshAccess.worldOpen(cluster.getSpec());
        if (!open.isEmpty()) {
            events.warning(cluster, "SshOpenToWorld", "spec.sshAccess contains " + String.join(", ", open)
                    + ": port 22 of the cluster's instances is open to the whole internet");
        }
    }

    private Duration awsUnavailable(Cluster cluster, ClusterStatus status, Conditions conditions, String reason, String message) {
        boolean newMessage = !message.equals(Conditions.get(status.conditions, ConditionType.READY).map(c -> c.message).orElse(null));
        conditions.set(ConditionType.STALLED, false, reason, "")
                .set(ConditionType.RECONCILING, true, reason, message)
                .set(ConditionType.READY, false, reason, message);
        if (newMessage) {
            events.warning(cluster, reason, message);
        }
        return settings.retryAfterError();
    }

    @Override
    public DeleteControl cleanup(Cluster cluster, Context<Cluster> context) {
        ClusterStatus status = cluster.getStatus();
        boolean reachedAws = status != null && status.applied != null;
        ClusterStatus next = status == null ? new ClusterStatus() : StatusComparison.copy(status, ClusterStatus.class);
        Conditions conditions = new Conditions(next.conditions, generation(cluster), clock);
        next.phase = "Deleting";
        if (reachedAws && cluster.getSpec() != null && cluster.getSpec().paused) {
            conditions.set(ConditionType.READY, false, "DeletionPaused", "spec.paused is true: set it to false to delete the cluster's AWS resources");
            writeStatus(context, cluster, status, next);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.retryAfterError().toMillis());
        }
        List<String> groups = ClusterInstanceGroups.deleteAll(context.getClient(), cluster);
        if (!groups.isEmpty()) {
            String message = "deleting the InstanceGroups first; waiting for " + String.join(", ", groups);
            boolean first = !"DeletingInstanceGroups".equals(Conditions.get(next.conditions, ConditionType.READY).map(c -> c.reason).orElse(null));
            conditions.set(ConditionType.READY, false, "DeletingInstanceGroups", message);
            if (first) {
                events.normal(cluster, "DeletingInstanceGroups", message);
            }
            writeStatus(context, cluster, status, next);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.inFlight().toMillis());
        }
        if (!reachedAws) {
            return DeleteControl.defaultDelete(); // never got as far as AWS
        }
        String region = status.applied.region;
        try {
            TeardownResult result = network.teardown(cluster, aws.session(credentials.resolve(cluster), region));
            if (result.isComplete()) {
                events.normal(cluster, "Deleted", "deleted " + result.deleted().size() + " AWS resource(s); nothing owned by the cluster remains");
                return DeleteControl.defaultDelete();
            }
            String message = result.remaining().size() + " AWS resource(s) remain"
                    + (result.failures().isEmpty() ? "" : ": " + result.failures().stream().map(f -> f.change().logicalId() + ": " + f.message())
                    .limit(10).collect(Collectors.joining("; ")));
            conditions.set(ConditionType.READY, false, "Deleting", message)
                    .set(ConditionType.STALLED, result.needsHuman(), "Deleting", result.needsHuman() ? message : "");
            writeStatus(context, cluster, status, next);
        } catch (ClusterCredentials.CredentialsUnavailableException | SdkException e) {
            conditions.set(ConditionType.READY, false, "Deleting", "cannot reach AWS to delete: " + e.getMessage());
            writeStatus(context, cluster, status, next);
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.inFlight().toMillis());
    }

    private static void writeStatus(Context<Cluster> context, Cluster cluster, ClusterStatus before, ClusterStatus after) {
        if (!StatusComparison.changed(before, after)) {
            return;
        }
        Cluster patch = new Cluster();
        patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
                .withNamespace(cluster.getMetadata().getNamespace()).build());
        patch.setStatus(after);
        context.resourceOperations().serverSideApplyPrimaryStatus(patch);
    }

    private UpdateControl<Cluster> finish(Cluster cluster, ClusterStatus before, ClusterStatus after) {
        if (!StatusComparison.changed(before, after)) {
            return UpdateControl.noUpdate();
        }
        // Server-side apply of the status alone: the operator's field manager owns status and nothing else.
        Cluster patch = new Cluster();
        patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
                .withNamespace(cluster.getMetadata().getNamespace()).build());
        patch.setStatus(after);
        return UpdateControl.patchStatus(patch);
    }

    static AppliedIdentity appliedIdentity(ClusterSpec spec) {
        AppliedIdentity applied = new AppliedIdentity();
        applied.region = spec.region;
        applied.networkCIDR = spec.networkCIDR;
        applied.networkID = spec.networkID;
        for (ClusterSubnet subnet : spec.subnets == null ? new ArrayList<ClusterSubnet>() : spec.subnets) {
            if (subnet.id != null) {
                applied.subnetIDs.put(subnet.name, subnet.id);
            }
        }
        return applied;
    }

    private static long generation(Cluster cluster) {
        Long g = cluster.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }
}
