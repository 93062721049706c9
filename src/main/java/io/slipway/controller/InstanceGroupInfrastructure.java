package io.slipway.controller;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.PlanStatus;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSession;
import io.slipway.aws.autoscaling.AutoScalingGroupKind;
import io.slipway.aws.autoscaling.GroupInstances;
import io.slipway.aws.autoscaling.ReplacementCalls;
import io.slipway.aws.ec2.ImageResolver;
import io.slipway.aws.ec2.LaunchTemplateKind;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.ChangeOutcome;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DriftCounter;
import io.slipway.cloud.Engine;
import io.slipway.cloud.FailureClass;
import io.slipway.cloud.Plan;
import io.slipway.cloud.PlanError;
import io.slipway.cloud.PlanningException;
import io.slipway.cloud.Owner;
import io.slipway.cloud.ReadShare;
import io.slipway.cloud.ResourceState;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.InstanceGroupIds;
import io.slipway.model.InstanceGroupInputs;
import io.slipway.model.InstanceGroupModel;
import io.slipway.model.NetworkStatusMapper;
import io.slipway.model.Owners;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cloud part of an InstanceGroup reconcile: resolve the image, model the group's own graph (launch template and
 * auto scaling group, under the group's owner scope), plan, apply unless the Cluster is plan-only, and read the
 * group's instances back into status. Never says Ready: that takes nodes, which the workload cluster tells.
 */
public class InstanceGroupInfrastructure {
    private final MeterRegistry registry;
    /** Per group object, the desired graph its last converged plan showed, to tell drift from a change of the spec. */
    private final Map<String, String> converged = new java.util.concurrent.ConcurrentHashMap<>();
    private final EventRecorder events;
    private final Clock clock;
    private final ReconcileSettings settings;
    private final ApplyPool pool;

    public InstanceGroupInfrastructure(MeterRegistry registry, EventRecorder events, Clock clock, ReconcileSettings settings,
                                       ApplyPool pool) {
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.pool = pool;
    }

    /** The reason of a group whose AWS resources match the spec: what remains is up to its nodes. */
    public static final String WAITING_FOR_NODES = "WaitingForNodes";

    /** Where the group stands (condition null: the group's summary) and when to look again. */
    public record Outcome(PhaseResult result, Duration next) {
    }

    /**
     * {@code requested}: a reconcile asked for by annotation, which reads AWS afresh: nothing read before it began is
     * taken from the share (a sibling's read begun since is: it too is later than the request).
     */
    public Outcome reconcile(Cluster cluster, InstanceGroup group, AwsSession session, InstanceGroupStatus status,
                             boolean requested) {
        Engine engine = AwsKinds.engine(session, pool);
        ReadShare reads = ClusterReads.of(session, cluster, settings);
        // what would be stale before the next in-flight reconcile is over is read now, not by the reconcile that a node
        // turning Ready brings
        if (requested) {
            reads.expireReadsMadeBefore(reads.now());
        } else {
            reads.expireReadsStaleBy(clock.instant().plus(settings.readsMustLast()));
        }
        DesiredGraph graph;
        try {
            ImageResolver.ResolvedImage image = new ImageResolver(session.ec2()).resolve(group.getSpec().image, reads);
            status.resolvedImage = image.id();
            graph = InstanceGroupModel.build(cluster, group, new InstanceGroupInputs(image.id(), image.rootDeviceName(),
                    image.rootVolumeSize(), InstanceGroupUserData.of(cluster, group)));
        } catch (SdkException e) {
            return failed(group, engine.classify(e), "ImageNotResolved", "cannot resolve spec.image: " + engine.describe(e));
        } catch (IllegalArgumentException e) {
            return failed(group, FailureClass.FATAL, "InvalidSpec", "cannot build the group's resources: " + e.getMessage());
        }
        Plan plan;
        try {
            plan = engine.plan(graph, reads);
        } catch (PlanningException e) {
            return failed(group, engine.classify(e), "AWSReadFailed",
                    "could not read the group's resources from AWS: " + engine.describe(e));
        }
        // a plan of this process showed this very desired graph converged: what must change now moved out of band
        boolean drift = graph.fingerprint().equals(converged.get(key(group)));
        status.plan = planStatus(group, plan);
        List<ResourceState> resources = plan.resources();
        Outcome outcome;
        if (!plan.errors().isEmpty()) {
            // the only errors of a group's plan: what it uses of the Cluster is not there (yet)
            outcome = new Outcome(PhaseResult.retrying(null, "WaitingForCluster", "the plan cannot be applied: "
                    + plan.errors().stream().map(PlanError::toString).collect(Collectors.joining("; "))), settings.retryAfterError());
        } else if (plan.isConverged()) {
            converged.put(key(group), graph.fingerprint());
            status.plan.applied = true;
            status.observedClusterGeneration = cluster.getMetadata().getGeneration();
            outcome = null;
        } else if (cluster.getSpec().planOnly) {
            status.plan.applied = false;
            outcome = new Outcome(PhaseResult.planOnly(null, "plan-only: " + plan.summary().describe()
                    + "; set the Cluster's spec.planOnly to false to apply it"), settings.resync());
        } else {
            ApplyResult result = engine.apply(plan);
            status.plan.applied = true;
            resources = result.resources();
            if (!result.applied().isEmpty()) {
                String changes = result.applied().stream().map(c -> c.action().name().toLowerCase() + " " + c.logicalId())
                        .collect(Collectors.joining(", "));
                if (drift) {
                    Map<String, Integer> perKind = new DriftCounter(registry).record(result);
                    events.warning(group, "DriftCorrected", "put back " + result.applied().size() + " out-of-band change(s): "
                            + changes + " " + perKind);
                } else {
                    events.normal(group, "Applied", result.applied().size() + " change(s) applied of "
                            + plan.summary().describe() + ": " + changes);
                }
            }
            List<ChangeOutcome> failed = result.withStatus(ChangeOutcome.Status.FAILED);
            if (!failed.isEmpty()) {
                boolean fatal = failed.stream().anyMatch(o -> o.failureClass() == FailureClass.FATAL);
                String message = "applying the plan failed: " + failed.stream()
                        .map(o -> o.change().kind() + " " + o.change().logicalId() + ": " + o.message()).collect(Collectors.joining("; "));
                outcome = failed(group, fatal ? FailureClass.FATAL : FailureClass.RETRYABLE, "ApplyFailed", message);
            } else {
                status.observedClusterGeneration = cluster.getMetadata().getGeneration();
                boolean waits = result.outcomes().stream().anyMatch(o -> o.status() == ChangeOutcome.Status.WAITING
                        || o.status() == ChangeOutcome.Status.SKIPPED);
                outcome = new Outcome(PhaseResult.inProgress(null, "Provisioning", "applied "
                        + result.applied().size() + " change(s); verifying"), waits ? settings.inFlight() : settings.verifyAfterApply());
            }
        }
        publish(session, Owners.cluster(cluster), reads, status, resources);
        if (outcome != null) {
            return outcome;
        }
        String message = status.instances.isEmpty()
                ? "the auto scaling group matches the spec; no instance runs yet"
                : status.replicas + " instance(s), " + status.updatedReplicas + " up to date; waiting for their nodes";
        return new Outcome(PhaseResult.inProgress(null, WAITING_FOR_NODES, message), settings.resync());
    }

    /** Deletes everything of the group's own scope; complete only when nothing remains. */
    public TeardownResult teardown(Cluster cluster, InstanceGroup group, AwsSession session) {
        converged.remove(key(group));
        var owner = Owners.instanceGroup(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
                group.getMetadata().getName());
        ClusterReads.of(session, cluster, settings).invalidate(); // what this teardown deletes must not be read from it
        ReplacementCalls calls = new ReplacementCalls(session.autoScaling(), session.ec2(), session.elbv2());
        // a roll's detached instances are no member of the auto scaling group, whose delete takes only its members
        terminatedOutside(group, calls.terminateOutsideGroups(owner));
        TeardownResult result = AwsKinds.engine(session, pool).deleteAllOwned(owner);
        if (result.isComplete()) {
            // the rollout controller runs beside this teardown: an instance it detached after the look above was left
            // by the group's delete
            terminatedOutside(group, calls.terminateOutsideGroups(owner));
        }
        return result;
    }

    private void terminatedOutside(InstanceGroup group, List<String> terminated) {
        if (!terminated.isEmpty()) {
            events.normal(group, "DetachedInstancesTerminated", "terminated " + String.join(", ", terminated)
                    + ", detached from the group by a rolling update");
        }
    }

    private static String key(InstanceGroup group) {
        return group.getMetadata().getNamespace() + "/" + group.getMetadata().getName() + "/" + group.getMetadata().getUid();
    }

    /** Names, launch template and instances from the live state; instances compared by their propagated hash. */
    private static void publish(AwsSession session, Owner clusterOwner, ReadShare reads, InstanceGroupStatus status,
                                List<ResourceState> resources) {
        Optional<ResourceState> template = find(resources, InstanceGroupIds.LAUNCH_TEMPLATE);
        Optional<ResourceState> group = find(resources, InstanceGroupIds.AUTO_SCALING_GROUP);
        status.launchTemplate = template.map(t -> {
            InstanceGroupStatus.LaunchTemplateStatus lt = new InstanceGroupStatus.LaunchTemplateStatus();
            lt.id = t.cloudId();
            String version = t.outputs().get(LaunchTemplateKind.VERSION);
            lt.version = version == null ? null : Long.parseLong(version);
            lt.configHash = t.outputs().get(LaunchTemplateKind.CONFIG_HASH);
            return lt;
        }).orElse(null);
        status.autoScalingGroupName = group.map(g -> g.outputs().get(AutoScalingGroupKind.GROUP_NAME)).orElse(null);
        List<InstanceGroupStatus.InstanceStatus> instances = new ArrayList<>();
        if (status.autoScalingGroupName != null) {
            String hash = status.launchTemplate == null ? null : status.launchTemplate.configHash;
            for (GroupInstances.GroupInstance instance : new GroupInstances(session.ec2())
                    .of(status.autoScalingGroupName, clusterOwner, reads)) {
                InstanceGroupStatus.InstanceStatus entry = new InstanceGroupStatus.InstanceStatus();
                entry.id = instance.id();
                entry.zone = instance.zone();
                entry.state = instance.state();
                entry.launchedAt = instance.launchTime() == null ? null : instance.launchTime().truncatedTo(ChronoUnit.SECONDS).toString();
                entry.upToDate = hash != null && hash.equals(instance.configHash());
                instances.add(entry);
            }
        }
        status.instances = instances;
        status.replicas = instances.size();
        status.updatedReplicas = (int) instances.stream().filter(i -> i.upToDate).count();
        status.readyReplicas = (int) instances.stream().filter(i -> i.ready).count();
    }

    private static Optional<ResourceState> find(List<ResourceState> resources, String logicalId) {
        return resources.stream().filter(r -> r.logicalId().equals(logicalId)).findFirst();
    }

    private PlanStatus planStatus(InstanceGroup group, Plan plan) {
        PlanStatus next = NetworkStatusMapper.plan(plan, settings.maxPlanChanges());
        next.fingerprint = plan.fingerprint();
        next.observedGeneration = group.getMetadata().getGeneration();
        PlanStatus previous = group.getStatus() == null ? null : group.getStatus().plan;
        boolean same = previous != null && next.fingerprint.equals(previous.fingerprint);
        next.computedAt = same && previous.computedAt != null ? previous.computedAt
                : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        return next;
    }

    private Outcome failed(InstanceGroup group, FailureClass failureClass, String reason, String message) {
        String before = group.getStatus() == null ? null : Conditions.get(group.getStatus().conditions,
                io.slipway.api.ConditionType.READY).map(c -> c.message).orElse(null);
        if (!message.equals(before)) {
            events.warning(group, reason, message);
        }
        return failureClass == FailureClass.FATAL
                ? new Outcome(PhaseResult.stalled(null, reason, message), settings.retryAfterError())
                : new Outcome(PhaseResult.retrying(null, reason, message), settings.retryAfterError());
    }
}
