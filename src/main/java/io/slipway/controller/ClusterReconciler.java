package io.slipway.controller;

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
import io.slipway.validation.FieldError;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles a Cluster: validate the spec (before anything touches AWS), then build what it describes, and report
 * progress in status. Never writes spec.
 */
@ControllerConfiguration(name = ClusterReconciler.NAME)
public class ClusterReconciler implements Reconciler<Cluster>, Cleaner<Cluster> {
    public static final String NAME = "cluster";
    private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

    private final ClusterSpecChecks checks;
    private final EventRecorder events;
    private final Clock clock;

    @Inject
    public ClusterReconciler(ClusterSpecChecks checks, EventRecorder events, Clock clock) {
        this.checks = checks;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<Cluster> reconcile(Cluster cluster, Context<Cluster> context) {
        ClusterStatus before = cluster.getStatus();
        ClusterStatus status = before == null ? new ClusterStatus() : StatusComparison.copy(before, ClusterStatus.class);
        long generation = generation(cluster);
        Conditions conditions = new Conditions(status.conditions, generation, clock);

        List<FieldError> errors = checks.check(cluster.getSpec(), status.applied);
        if (!errors.isEmpty()) {
            String message = SpecErrors.message(errors);
            boolean newlyInvalid = !message.equals(Conditions.get(status.conditions, ConditionType.SPEC_VALID)
                    .filter(c -> !c.isTrue()).map(c -> c.message).orElse(null));
            conditions.set(ConditionType.SPEC_VALID, false, "InvalidSpec", message)
                    .set(ConditionType.STALLED, true, "InvalidSpec", message)
                    .set(ConditionType.RECONCILING, false, "InvalidSpec", "waiting for a corrected spec")
                    .set(ConditionType.READY, false, "InvalidSpec", message);
            status.phase = "Invalid";
            status.observedGeneration = generation;
            if (newlyInvalid) {
                events.warning(cluster, "InvalidSpec", message);
            }
            LOG.infof("cluster %s/%s: %s", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), message);
            return finish(cluster, before, status);
        }
        conditions.set(ConditionType.SPEC_VALID, true, "Valid", "spec is valid");
        if (status.applied == null) {
            status.applied = appliedIdentity(cluster.getSpec());
        }

        if (cluster.getSpec().paused) {
            conditions.set(ConditionType.STALLED, false, "Paused", "")
                    .set(ConditionType.RECONCILING, false, "Paused", "spec.paused is true: nothing is read from or written to AWS");
            status.phase = "Paused";
            status.observedGeneration = generation;
            return finish(cluster, before, status);
        }

        conditions.set(ConditionType.STALLED, false, "Progressing", "")
                .set(ConditionType.RECONCILING, true, "WaitingForNetwork", "the network is not provisioned yet")
                .set(ConditionType.READY, false, "WaitingForNetwork", "the network is not provisioned yet");
        status.phase = "Pending";
        status.observedGeneration = generation;
        return finish(cluster, before, status);
    }

    @Override
    public DeleteControl cleanup(Cluster cluster, Context<Cluster> context) {
        return DeleteControl.defaultDelete();
    }

    private UpdateControl<Cluster> finish(Cluster cluster, ClusterStatus before, ClusterStatus after) {
        if (!StatusComparison.changed(before, after)) {
            return UpdateControl.noUpdate();
        }
        cluster.setStatus(after);
        return UpdateControl.patchStatus(cluster);
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
