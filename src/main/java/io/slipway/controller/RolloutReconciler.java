package io.slipway.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
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
import io.slipway.aws.autoscaling.ReplacementCalls;
import io.slipway.cloud.ReadShare;
import io.slipway.workload.NodeWatches;
import io.slipway.model.Owners;
import io.slipway.workload.WorkloadConnector;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rollout controller: a second reconciler on InstanceGroup, next to the InstanceGroup reconciler (which says what
 * is outdated), that replaces instances safely (see {@link GroupRoll}). It keeps the roll's state in status.rollout,
 * which it alone applies (field manager {@value #NAME}); it has no finalizer and never writes spec. A group is rolled
 * once its Cluster's infrastructure and its own auto scaling group exist, and never while the Cluster is paused or
 * plan-only.
 */
@ControllerConfiguration(name = RolloutReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = RolloutTrigger.class))
public class RolloutReconciler implements Reconciler<InstanceGroup> {
    public static final String NAME = "rollout";
    private static final Logger LOG = Logger.getLogger(RolloutReconciler.class);
    private static final GroupsOfCluster GROUPS = new GroupsOfCluster("rolloutByCluster");

    private final AwsClientFactory aws;
    private final ClusterCredentials credentials;
    private final WorkloadConnector connector;
    private final GroupRoll roll;
    private final ReconcileSettings settings;
    private final Clock clock;
    private final NodeWatches nodeWatches;

    @Inject
    public RolloutReconciler(AwsClientFactory aws, ClusterCredentials credentials, WorkloadConnector connector,
                             GroupRoll roll, ReconcileSettings settings, Clock clock, NodeWatches nodeWatches) {
        this.nodeWatches = nodeWatches;
        this.aws = aws;
        this.credentials = credentials;
        this.connector = connector;
        this.roll = roll;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, InstanceGroup>> prepareEventSources(EventSourceContext<InstanceGroup> context) {
        return GROUPS.eventSources(context, nodeWatches);
    }

    @Override
    public UpdateControl<InstanceGroup> reconcile(InstanceGroup ig, Context<InstanceGroup> context) {
        Optional<Cluster> cluster = context.getSecondaryResource(Cluster.class);
        if (ig.isMarkedForDeletion() || ig.getSpec() == null || ig.getSpec().roleValue() == null || cluster.isEmpty()
                || !ready(cluster.get(), ig)) {
            return UpdateControl.<InstanceGroup>noUpdate().rescheduleAfter(settings.resync());
        }
        InstanceGroupStatus.RolloutStatus before = ig.getStatus().rollout;
        List<InstanceGroup> siblings = context.getPrimaryCache().byIndex(GROUPS.index(), GroupsOfCluster.key(ig));
        GroupRoll.Outcome outcome;
        // what an intent written during the reconcile left in status: the status returned is compared with it
        AtomicReference<InstanceGroupStatus.RolloutStatus> written = new AtomicReference<>(before);
        GroupRoll.IntentWriter intents = status -> {
            try {
                context.resourceOperations().serverSideApplyPrimaryStatus(statusPatch(ig, status));
                written.set(status);
                return true;
            } catch (KubernetesClientException e) {
                LOG.warnf("rollout of %s/%s: writing status before an AWS call failed, the call waits: %s",
                        ig.getMetadata().getNamespace(), ig.getMetadata().getName(), e.getMessage());
                return false;
            }
        };
        try {
            AwsSession session = aws.session(credentials.resolve(cluster.get()), cluster.get().getSpec().region);
            ReadShare share = ClusterReads.of(session, cluster.get(), settings);
            ReplacementCalls calls = idle(before)
                    // an idle group's look for work reads through the cluster's shared reads (steady state: one
                    // describe per kind); a roll under way reads live, as it waits on AWS changes it did not make,
                    // and its writes drop the shared reads, which would otherwise show the instances it replaced
                    ? ReplacementCalls.sharing(session.autoScaling(), session.ec2(), session.elbv2(), share,
                            Owners.cluster(cluster.get()))
                    : ReplacementCalls.live(session.autoScaling(), session.ec2(), session.elbv2(), share);
            outcome = roll.advance(new GroupRoll.Inputs(ig, cluster.get(), siblings, calls,
                    connector.connect(ig.getMetadata().getNamespace(), ig.getSpec().clusterName), clock.instant(), clock,
                    intents), before);
        } catch (ClusterCredentials.CredentialsUnavailableException | SdkException e) {
            LOG.warnf("rollout of %s/%s: AWS call failed, retrying: %s", ig.getMetadata().getNamespace(),
                    ig.getMetadata().getName(), e.getMessage());
            return UpdateControl.<InstanceGroup>noUpdate().rescheduleAfter(settings.retryAfterError());
        }
        InstanceGroupStatus.RolloutStatus after = outcome.status();
        if (before == null || !java.util.Objects.equals(before.phase, after.phase)
                || !java.util.Objects.equals(before.message, after.message)) {
            LOG.infof("rollout of %s/%s: %s: %s", ig.getMetadata().getNamespace(), ig.getMetadata().getName(),
                    after.phase, after.message);
        }
        return apply(ig, written.get(), after).rescheduleAfter(outcome.next());
    }

    private static boolean idle(InstanceGroupStatus.RolloutStatus rollout) {
        return rollout == null || (!RolloutPhase.isActive(rollout.phase) && (rollout.inFlight == null || rollout.inFlight.isEmpty()));
    }

    /** The Cluster's infrastructure exists, it is neither paused nor plan-only, and the group has its AWS resources. */
    private static boolean ready(Cluster cluster, InstanceGroup ig) {
        return cluster.getSpec() != null && !cluster.getSpec().paused && !cluster.getSpec().planOnly
                && cluster.getStatus() != null && cluster.getStatus().applied != null
                && Conditions.isTrue(cluster.getStatus().conditions, ConditionType.API_ENDPOINT_READY)
                && ig.getStatus() != null && ig.getStatus().autoScalingGroupName != null;
    }

    /** Server-side apply of status.rollout alone, when it changed. */
    private static UpdateControl<InstanceGroup> apply(InstanceGroup ig, InstanceGroupStatus.RolloutStatus before,
                                                      InstanceGroupStatus.RolloutStatus after) {
        if (!StatusComparison.changed(before, after)) {
            return UpdateControl.noUpdate();
        }
        return UpdateControl.patchStatus(statusPatch(ig, after));
    }

    /** An InstanceGroup holding only its name, namespace and status.rollout: what this controller applies. */
    private static InstanceGroup statusPatch(InstanceGroup ig, InstanceGroupStatus.RolloutStatus rollout) {
        InstanceGroup patch = new InstanceGroup();
        patch.setMetadata(new ObjectMetaBuilder().withName(ig.getMetadata().getName())
                .withNamespace(ig.getMetadata().getNamespace()).build());
        InstanceGroupStatus status = new InstanceGroupStatus();
        status.conditions = null;
        status.instances = null;
        status.rollout = rollout;
        patch.setStatus(status);
        return patch;
    }


    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
