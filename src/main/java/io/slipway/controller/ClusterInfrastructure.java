package io.slipway.controller;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.AppliedPlanStatus;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.Condition;
import io.slipway.api.PlanStatus;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSession;
import io.slipway.aws.autoscaling.ReplacementCalls;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.ChangeOutcome;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.DriftCounter;
import io.slipway.cloud.Engine;
import io.slipway.cloud.FailureClass;
import io.slipway.cloud.Plan;
import io.slipway.cloud.PlanError;
import io.slipway.cloud.PlanSummary;
import io.slipway.cloud.PlanningException;
import io.slipway.cloud.ReadShare;
import io.slipway.cloud.ResourceState;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.BootstrapStoreStatusMapper;
import io.slipway.model.ClusterInputs;
import io.slipway.model.ClusterModel;
import io.slipway.model.ApiEndpointStatusMapper;
import io.slipway.cloud.TeardownOptions;
import io.slipway.cloud.ApplyListener;
import io.slipway.model.IamStatusMapper;
import io.slipway.model.NetworkStatusMapper;
import io.slipway.model.Owners;
import io.slipway.model.TeardownLookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The cloud part of a Cluster reconcile: the whole desired graph (network, IAM, bootstrap store, API endpoint) →
 * one plan → apply (unless plan-only) → status, and each part's progress for the status assembler. Drift is told
 * from a spec change by the fingerprint of the last desired graph seen converged.
 */
public class ClusterInfrastructure {
    private final MeterRegistry registry;
    private final EventRecorder events;
    private final Clock clock;
    private final ReconcileSettings settings;
    private final ApplyPool pool;
    private final Optional<String> stateStoreBucket;
    private final Map<String, Converged> converged = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per Cluster, the plan being read ahead of the reconcile that will apply it (see {@link #planAhead}). */
    private final Map<String, java.util.concurrent.CompletableFuture<PlannedAhead>> ahead = new java.util.concurrent.ConcurrentHashMap<>();

    /** A plan read ahead: of which desired graph, through which share, at which of its generations, when. */
    private record PlannedAhead(String fingerprint, ReadShare share, long shareGeneration, Instant at, Plan plan) {
    }

    /** A Cluster's last plan that showed its desired graph converged, and when. */
    private record Converged(String fingerprint, Instant at, Map<InfrastructurePart, PhaseResult> parts,
                             List<ResourceState> resources) {
    }

    /** {@code stateStoreBucket}: the operator's state-store bucket, when bootstrap objects go there. */
    public ClusterInfrastructure(MeterRegistry registry, EventRecorder events, Clock clock, ReconcileSettings settings,
                                 ApplyPool pool, Optional<String> stateStoreBucket) {
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.pool = pool;
        this.stateStoreBucket = stateStoreBucket;
    }

    /** Where the cluster's bootstrap objects live: the operator's state store, or a bucket of the cluster's own. */
    public BootstrapStoreLayout storeLayout(Cluster cluster, String accountId) {
        AwsNames names = AwsNames.of(cluster);
        return stateStoreBucket.map(bucket -> BootstrapStoreLayout.stateStore(bucket, names))
                .orElseGet(() -> BootstrapStoreLayout.ownBucket(names, accountId));
    }

    /**
     * What one reconcile achieved.
     *
     * @param parts     each part of the graph that has resources, with where it stands
     * @param resources the live view of the desired resources (for status)
     * @param next      when to look again
     */
    public record Outcome(Map<InfrastructurePart, PhaseResult> parts, List<ResourceState> resources, Duration next) {
        /** In the parts' own order, whatever map they came in (the remembered plan's copy has none). */
        public Outcome {
            parts = parts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(parts));
        }
    }

    /**
     * Plans (and applies) the Cluster's graph. Within the read share's lifetime (see {@link ReadShare#lifetimeFor}) of
     * a plan that showed the same desired graph converged, the reconcile takes that plan's outcome instead of planning
     * again, unless {@code requested} (a reconcile asked for by annotation reads AWS afresh): while the workload phases
     * progress, each change of a group wakes the Cluster, and a plan of the whole graph each time only delays them.
     * A converged plan that would be stale before the next in-flight reconcile is over ({@link
     * ReconcileSettings#readsMustLast}) is not taken: that reconcile plans, so the one a node's change brings need not.
     * Drift made outside Slipway is seen at most one lifetime later, as with the shared reads.
     */
    public Outcome reconcile(Cluster cluster, AwsSession session, ClusterInputs inputs, ClusterStatus status, boolean requested) {
        Engine engine = AwsKinds.engine(session, pool, stateStoreBucket);
        DesiredGraph graph;
        try {
            graph = ClusterModel.build(cluster, inputs);
        } catch (IllegalArgumentException e) {
            return failedEverywhere(cluster, EnumSet.allOf(InfrastructurePart.class), FailureClass.FATAL,
                    "cannot build the cluster's resources from the spec: " + e.getMessage());
        }
        Converged recent = converged.get(key(cluster));
        if (!requested && recent != null && recent.fingerprint().equals(graph.fingerprint()) && status.network != null
                && graph.fingerprint().equals(status.network.convergedFingerprint)
                && clock.instant().plus(settings.readsMustLast()).isBefore(recent.at().plus(ReadShare.lifetimeFor(settings.resync())))) {
            return new Outcome(recent.parts(), recent.resources(), settings.resync());
        }
        converged.remove(key(cluster));
        Set<InfrastructurePart> present = parts(graph);
        Plan plan;
        try {
            ReadShare reads = ClusterReads.of(session, cluster, settings);
            if (requested) {
                ahead.remove(key(cluster));
            }
            Optional<Plan> readAhead = requested ? Optional.empty() : takeAhead(cluster, graph, reads);
            plan = readAhead.isPresent() ? readAhead.get() : engine.plan(graph, reads);
        } catch (PlanningException e) {
            return failedEverywhere(cluster, present, engine.classify(e.getCause()),
                    "could not read the cluster's resources from AWS: " + engine.describe(e.getCause()));
        }
        PlanStatus planStatus = planStatus(cluster, status.plan, plan);
        status.plan = planStatus;
        String convergedBefore = status.network == null ? null : status.network.convergedFingerprint;

        if (!plan.errors().isEmpty()) {
            publish(cluster, inputs, status, plan.resources(), convergedBefore);
            Map<InfrastructurePart, PhaseResult> parts = new EnumMap<>(InfrastructurePart.class);
            for (InfrastructurePart part : present) {
                List<String> errors = plan.errors().stream().filter(e -> InfrastructurePart.of(e.logicalId()) == part)
                        .map(PlanError::toString).toList();
                parts.put(part, errors.isEmpty()
                        ? pendingOrDone(part, plan.pending(), "not applied while the plan has errors elsewhere")
                        : PhaseResult.stalled(part.condition(), reason(part, true), "the plan cannot be applied: " + String.join("; ", errors)));
            }
            return outcome(cluster, parts, plan.resources(), settings.retryAfterError());
        }
        if (plan.isConverged()) {
            publish(cluster, inputs, status, plan.resources(), graph.fingerprint());
            planStatus.applied = true;
            Map<InfrastructurePart, PhaseResult> parts = new EnumMap<>(InfrastructurePart.class);
            present.forEach(part -> parts.put(part, done(part)));
            remember(cluster, graph, parts, plan.resources());
            return outcome(cluster, parts, plan.resources(), settings.resync());
        }
        if (cluster.getSpec().planOnly) {
            publish(cluster, inputs, status, plan.resources(), convergedBefore);
            planStatus.applied = false;
            if (planStatus.computedAt != null && !planStatus.fingerprint.equals(previousFingerprint(cluster))) {
                events.normal(cluster, "PlanComputed", plan.summary().describe() + " (not applied: spec.planOnly is true)");
            }
            Map<InfrastructurePart, PhaseResult> parts = new EnumMap<>(InfrastructurePart.class);
            for (InfrastructurePart part : present) {
                List<Change> pending = inPart(plan.pending(), part);
                parts.put(part, pending.isEmpty() ? done(part) : PhaseResult.planOnly(part.condition(), "plan-only: "
                        + PlanSummary.of(pending).describe() + " for " + part.description() + "; set spec.planOnly to false to apply it"));
            }
            return outcome(cluster, parts, plan.resources(), settings.resync());
        }
        return apply(cluster, inputs, status, engine, graph, plan, present, convergedBefore);
    }

    /**
     * Begins reading the plan of the Cluster's graph (finds only: no write) for its next reconcile, which takes it instead
     * of planning again when its desired graph is the same, nothing was written for the cluster since its reads began
     * (the read share's generation) and it is within the share's lifetime; a reconcile asked for by annotation reads
     * afresh. The reconcile that records {@code status.applied} before any AWS write is followed at once by the one that
     * applies: the first plan's reads overlap that status write. Returns at once; {@code inputs} is called on the reading
     * thread (it may wait for the account). A failure is left to the next reconcile, which plans as usual.
     */
    public void planAhead(Cluster cluster, java.util.function.Supplier<AwsSession> session,
                          java.util.function.Function<AwsSession, ClusterInputs> inputs) {
        java.util.concurrent.CompletableFuture<PlannedAhead> reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            AwsSession s = session.get();
            DesiredGraph graph = ClusterModel.build(cluster, inputs.apply(s));
            ReadShare reads = ClusterReads.of(s, cluster, settings);
            long generation = reads.generation();
            Instant at = clock.instant();
            Plan plan = AwsKinds.engine(s, pool, stateStoreBucket).plan(graph, reads);
            return new PlannedAhead(graph.fingerprint(), reads, generation, at, plan);
        }, PLANS_AHEAD);
        ahead.put(key(cluster), reading);
    }

    private static final java.util.concurrent.ExecutorService PLANS_AHEAD = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slipway-plan-ahead");
        t.setDaemon(true);
        return t;
    });

    /** The plan read ahead for this reconcile, if it is still what a plan now would read (see {@link #planAhead}). */
    private Optional<Plan> takeAhead(Cluster cluster, DesiredGraph graph, ReadShare reads) {
        java.util.concurrent.CompletableFuture<PlannedAhead> reading = ahead.remove(key(cluster));
        if (reading == null) {
            return Optional.empty();
        }
        PlannedAhead read;
        try {
            read = reading.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return Optional.empty();
        }
        boolean current = read.fingerprint().equals(graph.fingerprint()) && read.share() == reads
                && read.shareGeneration() == reads.generation()
                && clock.instant().isBefore(read.at().plus(ReadShare.lifetimeFor(settings.resync())));
        return current ? Optional.of(read.plan()) : Optional.empty();
    }

    private Outcome apply(Cluster cluster, ClusterInputs inputs, ClusterStatus status, Engine engine, DesiredGraph graph, Plan plan,
                          Set<InfrastructurePart> present, String convergedBefore) {
        PlanStatus published = cluster.getStatus() == null ? null : cluster.getStatus().plan;
        if (published != null && !published.applied && published.fingerprint != null && !published.fingerprint.equals(plan.fingerprint())) {
            events.normal(cluster, "PlanChanged", "live state moved since the published plan; applying the current plan: " + plan.summary().describe());
        }
        boolean drift = graph.fingerprint().equals(convergedBefore);
        ApplyResult result = engine.apply(plan);
        status.plan.applied = true;
        List<ResourceState> resources = result.resources();
        // every change applied and every resource ready: the apply itself shows convergence, no second plan needed
        boolean converged = result.isComplete() && resources.stream().allMatch(ResourceState::ready);
        publish(cluster, inputs, status, resources, converged ? graph.fingerprint() : convergedBefore);

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
        Map<InfrastructurePart, PhaseResult> parts = new EnumMap<>(InfrastructurePart.class);
        for (InfrastructurePart part : present) {
            parts.put(part, afterApply(part, result, resources));
        }
        if (converged) {
            result.convergedPlan().ifPresent(now -> {
                status.plan = planStatus(cluster, status.plan, now);
                status.plan.applied = true;
            });
            remember(cluster, graph, parts, resources);
            return outcome(cluster, parts, resources, settings.resync());
        }
        boolean failed = parts.values().stream().anyMatch(p -> p.progress() == PhaseResult.Progress.RETRYING
                || p.progress() == PhaseResult.Progress.STALLED);
        boolean waits = result.outcomes().stream().anyMatch(o -> o.status() == ChangeOutcome.Status.WAITING
                || o.status() == ChangeOutcome.Status.SKIPPED);
        return outcome(cluster, parts, resources, failed ? settings.retryAfterError()
                : waits ? settings.inFlight() : settings.verifyAfterApply());
    }

    /**
     * A part's progress after an apply: failed changes first, then what waits, then done when each of its changes was
     * applied and each of its resources is ready (what the next plan would find), else "applied; verifying".
     */
    private static PhaseResult afterApply(InfrastructurePart part, ApplyResult result, List<ResourceState> resources) {
        List<ChangeOutcome> outcomes = result.outcomes().stream()
                .filter(o -> InfrastructurePart.of(o.change().logicalId()) == part).toList();
        if (outcomes.isEmpty()) {
            return done(part);
        }
        List<ChangeOutcome> failed = with(outcomes, o -> o.status() == ChangeOutcome.Status.FAILED);
        if (!failed.isEmpty()) {
            boolean fatal = failed.stream().anyMatch(o -> o.failureClass() == FailureClass.FATAL);
            String message = "applying the plan failed: " + failed.stream()
                    .map(o -> o.change().kind() + " " + o.change().logicalId() + ": " + o.message()).collect(Collectors.joining("; "));
            return fatal ? PhaseResult.stalled(part.condition(), reason(part, true), message)
                    : PhaseResult.retrying(part.condition(), reason(part, false), message);
        }
        List<ChangeOutcome> skipped = with(outcomes, o -> o.status() == ChangeOutcome.Status.SKIPPED);
        if (!skipped.isEmpty()) {
            return PhaseResult.pending(part.condition(), "WaitingForDependencies", skipped.size() + " change(s) wait: "
                    + skipped.stream().map(ChangeOutcome::message).distinct().limit(3).collect(Collectors.joining("; ")));
        }
        List<ChangeOutcome> waiting = with(outcomes, o -> o.status() == ChangeOutcome.Status.WAITING);
        if (!waiting.isEmpty()) {
            return PhaseResult.inProgress(part.condition(), "Provisioning", "waiting for resources to become ready: "
                    + waiting.size() + " change(s) pending");
        }
        if (resources.stream().filter(r -> InfrastructurePart.of(r.logicalId()) == part).allMatch(ResourceState::ready)) {
            return done(part);
        }
        return PhaseResult.inProgress(part.condition(), "Provisioning", "applied " + PlanSummary.of(
                outcomes.stream().map(ChangeOutcome::change).toList()).describe() + " for " + part.description() + "; verifying");
    }

    /**
     * Deletes everything tagged for the Cluster in AWS, whatever its scope, and what the cloud-controller-manager and
     * the CSI driver made for it (see {@link TeardownLookup}). The graph the spec describes tells the kinds found by
     * name (load balancer, DNS record, bucket) where to look; only what is owned is deleted. Complete only when
     * nothing remains.
     */
    public TeardownResult teardown(Cluster cluster, AwsSession session, ClusterInputs lookupInputs) {
        converged.remove(key(cluster));
        ahead.remove(key(cluster));
        DesiredGraph lookup = TeardownLookup.of(cluster, lookupInputs, claimedClusterName(cluster));
        ClusterReads.of(session, cluster, settings).invalidate();
        // the groups' teardowns are over: an instance still running with the cluster's tags outside every auto scaling
        // group (a group gone without its teardown) would hold its subnets and security groups
        List<String> strays = new ReplacementCalls(session.autoScaling(), session.ec2(), session.elbv2())
                .terminateOutsideGroups(Owners.wholeCluster(cluster));
        if (!strays.isEmpty()) {
            events.normal(cluster, "StrayInstancesTerminated", "terminated " + String.join(", ", strays)
                    + ": they carried the cluster's tags outside every auto scaling group");
        }
        return AwsKinds.engine(session, pool, stateStoreBucket)
                .deleteAllOwned(Owners.wholeCluster(cluster), lookup, TeardownOptions.DEFAULT, ApplyListener.NONE);
    }

    private void remember(Cluster cluster, DesiredGraph graph, Map<InfrastructurePart, PhaseResult> parts,
                          List<ResourceState> resources) {
        converged.put(key(cluster), new Converged(graph.fingerprint(), clock.instant(), Map.copyOf(parts), List.copyOf(resources)));
    }

    /** One Cluster object: a Cluster deleted and made again under its name is another. */
    private static String key(Cluster cluster) {
        return Owners.cluster(cluster).id() + "/" + cluster.getMetadata().getUid();
    }

    /**
     * True when the Kubernetes cluster name was this Cluster's: it has planned, which it does only after the name
     * check passed. A Cluster stalled on ClusterNameInUse never planned, and must not sweep the other cluster's
     * Service load balancers and volumes, which carry the same cluster tag.
     */
    private static boolean claimedClusterName(Cluster cluster) {
        return cluster.getStatus() != null && cluster.getStatus().plan != null;
    }

    private Outcome failedEverywhere(Cluster cluster, Set<InfrastructurePart> parts, FailureClass failureClass, String message) {
        Map<InfrastructurePart, PhaseResult> results = new EnumMap<>(InfrastructurePart.class);
        for (InfrastructurePart part : parts) {
            results.put(part, failureClass == FailureClass.FATAL
                    ? PhaseResult.stalled(part.condition(), reason(part, true), message)
                    : PhaseResult.retrying(part.condition(), reason(part, false), message));
        }
        return outcome(cluster, results, List.of(), settings.retryAfterError());
    }

    /** Records a Warning Event for each part whose failure message is new. */
    private Outcome outcome(Cluster cluster, Map<InfrastructurePart, PhaseResult> parts, List<ResourceState> resources, Duration next) {
        List<Condition> before = cluster.getStatus() == null ? List.of() : cluster.getStatus().conditions;
        for (PhaseResult part : parts.values()) {
            boolean failure = part.progress() == PhaseResult.Progress.STALLED || part.progress() == PhaseResult.Progress.RETRYING;
            if (failure && !part.message().equals(Conditions.get(before, part.condition()).map(c -> c.message).orElse(null))) {
                events.warning(cluster, part.reason(), part.message());
            }
        }
        return new Outcome(parts, resources, next);
    }

    private static PhaseResult pendingOrDone(InfrastructurePart part, List<Change> pending, String why) {
        List<Change> mine = inPart(pending, part);
        return mine.isEmpty() ? done(part) : PhaseResult.pending(part.condition(), "PlanHasErrors",
                PlanSummary.of(mine).describe() + " for " + part.description() + " " + why);
    }

    private static PhaseResult done(InfrastructurePart part) {
        return PhaseResult.done(part.condition(), "Converged", part.description() + " matches the spec");
    }

    private static String reason(InfrastructurePart part, boolean fatal) {
        String name = switch (part) {
            case NETWORK -> "Network";
            case IAM -> "IAM";
            case BOOTSTRAP_STORE -> "BootstrapStore";
            case API_ENDPOINT -> "APIEndpoint";
        };
        return name + (fatal ? "Failed" : "Retrying");
    }

    private static Set<InfrastructurePart> parts(DesiredGraph graph) {
        Set<InfrastructurePart> parts = EnumSet.noneOf(InfrastructurePart.class);
        for (DesiredResource<?> resource : graph.inDependencyOrder()) {
            parts.add(InfrastructurePart.of(resource.logicalId()));
        }
        return parts;
    }

    private static List<Change> inPart(List<Change> changes, InfrastructurePart part) {
        return changes.stream().filter(c -> InfrastructurePart.of(c.logicalId()) == part).toList();
    }

    private static List<ChangeOutcome> with(List<ChangeOutcome> outcomes, Predicate<ChangeOutcome> filter) {
        return outcomes.stream().filter(filter).toList();
    }

    /** The status of each part, from the live view of the desired resources. */
    private static void publish(Cluster cluster, ClusterInputs inputs, ClusterStatus status, List<ResourceState> resources,
                                String convergedFingerprint) {
        status.network = NetworkStatusMapper.network(cluster, resources);
        status.network.convergedFingerprint = convergedFingerprint;
        status.bootstrapStore = BootstrapStoreStatusMapper.store(inputs.store(), resources);
        status.iam = IamStatusMapper.iam(resources);
        status.apiEndpoint = ApiEndpointStatusMapper.apiEndpoint(cluster, resources).orElse(null);
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
}
