package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.InstanceGroupStatus.RolloutInstance;
import io.slipway.api.InstanceGroupStatus.RolloutStatus;
import io.slipway.aws.autoscaling.ReplacementCalls;
import io.slipway.aws.autoscaling.ReplacementCalls.GroupMembers;
import io.slipway.aws.autoscaling.ReplacementCalls.OwnedInstance;
import io.slipway.model.Owners;
import io.slipway.rollout.Candidate;
import io.slipway.rollout.CandidateSource;
import io.slipway.rollout.GroupInstance;
import io.slipway.rollout.GroupOrder;
import io.slipway.rollout.ReplacementCandidates;
import io.slipway.rollout.ReplacementReason;
import io.slipway.rollout.RolloutSettings;
import io.slipway.rollout.RolloutStep;
import io.slipway.rollout.SoleControlPlane;
import io.slipway.rollout.ValidationGate;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.ExpectedGroup;
import io.slipway.workload.ExpectedInstance;
import io.slipway.workload.NodeIndex;
import io.slipway.workload.NodeWatches;
import io.slipway.workload.ValidationResult;
import io.slipway.workload.WorkloadApiErrors;
import io.slipway.workload.WorkloadConnection;
import io.slipway.workload.drain.DrainProgress;
import io.slipway.workload.drain.NodeDrainer;
import io.slipway.workload.etcd.EtcdMemberRemoval;
import io.slipway.workload.etcd.EtcdRemovalProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One reconcile's worth of a group's rolling update: reads the group's live instances (AWS) and nodes (workload
 * cluster), then moves each instance in flight through as many steps as need no waiting, or, with none in flight,
 * passes the order and the validation gate and picks the next batch. An instance entering a detach or a deregistration
 * is written to status first and the call made in the next reconcile, right away and after a fresh look at AWS; the
 * termination of an instance that status already has in flight is made at once, as AWS itself then says it was (the
 * instance is shutting down): a restarted operator
 * repeats a step at most, and every step is safe to repeat (a detached instance is not detached again, a terminating
 * one not terminated again). What it waits for says when to
 * look again: nodes are watched ({@code NodeWatches} wakes the roll), and so are the pods of a node being drained (the
 * last one gone wakes it; {@link #DRAIN_POLL} stays as a fallback), the validation gate's second pass comes
 * {@link ValidationGate#DEFAULT_INTERVAL} after its first.
 */
final class GroupRoll {
    /** How soon a drain looks again at pods that are terminating: every second, as kubectl drain waits for deletions. */
    static final Duration DRAIN_POLL = Duration.ofSeconds(1);
    /**
     * How soon the roll comes back when nothing is left to wait for but its own status write: an intent written before
     * its AWS call, a batch done before the next one's gate. Not zero, so that nothing can spin.
     */
    static final Duration RIGHT_AWAY = Duration.ofMillis(50);

    private final ClusterValidator validator;
    private final NodeDrainer drainer;
    private final EtcdMemberRemoval etcd;
    private final EventRecorder events;
    private final RolloutMetrics metrics;
    private final CandidateSource extra;
    private final ReconcileSettings settings;
    private final NodeWatches watches;

    GroupRoll(ClusterValidator validator, NodeDrainer drainer, EtcdMemberRemoval etcd, EventRecorder events,
              RolloutMetrics metrics, CandidateSource extra, ReconcileSettings settings, NodeWatches watches) {
        this.validator = validator;
        this.drainer = drainer;
        this.etcd = etcd;
        this.events = events;
        this.metrics = metrics;
        this.extra = extra;
        this.settings = settings;
        this.watches = watches;
    }

    /**
     * What a reconcile works on.
     *
     * @param now     when the reconcile began
     * @param clock   what the validation gate times its passes by: when each one really looked
     * @param intents writes status.rollout before an AWS call it announces, in this reconcile
     */
    record Inputs(InstanceGroup group, Cluster cluster, List<InstanceGroup> siblings, ReplacementCalls calls,
                  WorkloadConnection connection, Instant now, Clock clock, IntentWriter intents) {
    }

    /**
     * Writes status.rollout at once, so that an AWS call it announces (a detach, a deregistration, a termination) can
     * be made in the same reconcile: a restart then finds the instance in flight at that step, and repeats the call at
     * most, which is safe. False when the write failed: the call then waits for the next reconcile, after the status
     * this reconcile returns is written.
     */
    @FunctionalInterface
    interface IntentWriter {
        IntentWriter NONE = status -> false;

        boolean write(RolloutStatus status);
    }

    /** The next status.rollout and when to look again. */
    record Outcome(RolloutStatus status, Duration next) {
    }

    Outcome advance(Inputs in, RolloutStatus previous) {
        Instant restartedAt = restartedAt(in.group());
        if (restartedAt == null || !restartedAt.isAfter(in.now())) {
            return advance(in, previous, restartedAt);
        }
        // a restart time to come forces nothing before it comes (instances launched until then would count as before
        // it, replacements too): the roll looks again then
        Outcome out = advance(in, previous, null);
        if (out.status().inFlight.isEmpty() && !RolloutPhase.isActive(out.status().phase)) {
            out.status().message = out.status().message + "; " + ReplacementCandidates.RESTARTED_AT_ANNOTATION + " "
                    + restartedAt + " replaces every instance launched before it when it comes";
        }
        Duration untilDue = Duration.between(in.now(), restartedAt).plus(RIGHT_AWAY);
        return new Outcome(out.status(), RolloutReconciler.min(out.next(), untilDue));
    }

    private Outcome advance(Inputs in, RolloutStatus previous, Instant restartedAt) {
        InstanceGroup group = in.group();
        String asgName = group.getStatus() == null ? null : group.getStatus().autoScalingGroupName;
        RolloutStatus next = previous == null ? new RolloutStatus() : StatusComparison.copy(previous, RolloutStatus.class);
        if (next.inFlight == null) {
            next.inFlight = new ArrayList<>();
        }
        Optional<GroupMembers> found = asgName == null ? Optional.empty() : in.calls().members(asgName);
        if (found.isEmpty()) {
            return idle(next, "the group has no auto scaling group yet", settings.resync());
        }
        GroupMembers members = found.get();
        List<OwnedInstance> owned = in.calls().owned(Owners.instanceGroup(group.getMetadata().getNamespace(),
                group.getSpec().clusterName, group.getMetadata().getName()));
        Optional<KubernetesClient> client = in.connection().client();
        NodeIndex nodes = client.flatMap(GroupRoll::nodes).orElse(null);
        List<GroupInstance> instances = view(owned, members, nodes);
        InstanceGroupRole role = group.getSpec().roleValue();
        RolloutSettings rollout = RolloutSettings.resolve(group.getSpec().rollingUpdate,
                in.cluster().getSpec().rollingUpdate, role, Math.max(1, members.desiredCapacity()));
        String hash = group.getStatus().launchTemplate == null ? null : group.getStatus().launchTemplate.configHash;
        List<Candidate> candidates = ReplacementCandidates.select(hash, instances, restartedAt,
                extra.candidates(group, instances, in.now()));
        Set<String> inFlightIds = next.inFlight.stream().map(i -> i.id).collect(Collectors.toSet());
        List<Candidate> waiting = candidates.stream().filter(c -> !inFlightIds.contains(c.instanceId())).toList();
        next.remaining = waiting.size() + next.inFlight.size();

        if (next.inFlight.isEmpty() && waiting.isEmpty()) {
            Optional<String> settling = RolloutPhase.isActive(next.phase)
                    ? replacementsNotReady(role, members, instances) : Optional.empty();
            if (settling.isPresent()) {
                // the last old instance is gone, but the roll is done only once its replacement serves
                next.remaining = 0;
                next.message = settling.get();
                return new Outcome(next, settings.inFlight());
            }
            return finished(in, next);
        }
        if (rollout.paused()) {
            next.phase = RolloutPhase.PAUSED;
            next.message = "paused by spec.rollingUpdate.paused with " + next.remaining + " instance(s) to replace"
                    + (next.inFlight.isEmpty() ? "" : ", " + describe(next.inFlight) + " in flight");
            return new Outcome(next, settings.resync());
        }
        if (next.startedAt == null || !RolloutPhase.isActive(next.phase)) {
            next.startedAt = timestamp(in.now());
            next.replaced = 0;
            next.targetConfigHash = hash;
            next.restartedAt = restartedAt == null ? null : restartedAt.toString();
            next.validationPasses = 0;
            next.validatingSince = null;
            next.validationPassedAt = null;
        }
        // a batch of detached instances only, in flight since an earlier reconcile
        boolean detachedBatch = !next.inFlight.isEmpty() && next.inFlight.stream().allMatch(e -> e.detached);
        Set<String> persisted = new HashSet<>();
        if (previous != null && previous.inFlight != null) {
            previous.inFlight.forEach(e -> persisted.add(e.id));
        }
        if (next.inFlight.isEmpty()) {
            Outcome started = startBatch(in, next, role, rollout, waiting, members, instances);
            if (next.inFlight.isEmpty()) {
                return started;
            }
            boolean callsAwsFirst = RolloutStep.fromWireName(next.inFlight.get(0).step).map(RolloutStep::callsAws)
                    .orElse(true);
            // the batch starts with a drain, which calls no AWS, or with a call whose intent is now written: either
            // begins in this reconcile
            if (callsAwsFirst && !writeIntent(in, next, persisted)) {
                return started;
            }
        }
        Outcome moved = moveInFlight(in, next, role, rollout, members, instances, client.orElse(null), persisted);
        if (next.inFlight.isEmpty() && detachedBatch && RolloutPhase.ROLLING_OUT.equals(moved.status().phase)) {
            // the batch's detached instances are terminated, which leaves the group's members as read: the next
            // batch's gate starts in this reconcile
            if (!waiting.isEmpty()) {
                return startBatch(in, next, role, rollout, waiting, members, instances);
            }
        }
        return moved;
    }


    private Outcome startBatch(Inputs in, RolloutStatus next, InstanceGroupRole role, RolloutSettings rollout,
                               List<Candidate> waiting, GroupMembers members, List<GroupInstance> instances) {
        Optional<String> before = GroupOrder.waitingFor(new GroupOrder.GroupState(in.group().getMetadata().getName(),
                role, true, false), in.siblings().stream().map(g -> state(g, in.cluster())).toList());
        if (before.isPresent()) {
            next.phase = RolloutPhase.WAITING;
            next.message = next.remaining + " instance(s) to replace; waiting for InstanceGroup " + before.get()
                    + " to finish its rolling update first";
            return new Outcome(next, settings.inFlight());
        }
        if (role == InstanceGroupRole.ControlPlane) {
            Optional<String> refusal = SoleControlPlane.refusal(waiting.get(0).instanceId(), in.group().getMetadata().getName(),
                    controlPlaneInstances(in, instances), forcedSoleControlPlane(in.group()));
            if (refusal.isPresent()) {
                return stall(in, next, refusal.get());
            }
        }
        RolloutStep.Path path = path(role, rollout);
        List<Candidate> batch = waiting.subList(0, Math.min(rollout.batchSize(), waiting.size()));
        if (role != InstanceGroupRole.Bastion) {
            // no instance of the batch is touched (detached, drained or terminated) before two passes in a row, both
            // after the previous batch's last change (its counters start again when an instance is replaced)
            Optional<Outcome> gate = gate(in, next, rollout, members, "before replacing the next instance(s)");
            if (gate.isPresent()) {
                return gate.get();
            }
        }
        // beyond the surge, the batch's instances are drained and terminated in the group (its maxUnavailable)
        int surged = path.surge() ? rollout.surgedIn(batch.size()) : 0;
        for (int i = 0; i < batch.size(); i++) {
            Candidate c = batch.get(i);
            RolloutInstance entry = new RolloutInstance();
            entry.id = c.instanceId();
            entry.reason = c.reason().wireName();
            entry.step = RolloutStep.first(i < surged ? path
                    : new RolloutStep.Path(false, path.drain(), path.controlPlane())).wireName();
            entry.since = timestamp(in.now());
            next.inFlight.add(entry);
        }
        if (next.replaced == 0) {
            events.normal(in.group(), "RollingUpdateStarted", next.remaining + " instance(s) to replace, "
                    + (rollout.surges() ? "maxSurge " + rollout.maxSurge() : "maxUnavailable " + rollout.maxUnavailable()));
        }
        next.phase = RolloutPhase.ROLLING_OUT;
        next.message = "replacing " + describe(next.inFlight);
        return new Outcome(next, RIGHT_AWAY);
    }

    /** The validation gate; empty when it is open (its counters start again). */
    private Optional<Outcome> gate(Inputs in, RolloutStatus next, RolloutSettings rollout, GroupMembers members, String when) {
        Instant looked = in.clock().instant();
        ValidationResult result = validator.validate(in.connection(), expected(in, members), beingRemediated(in, next));
        Instant seen = in.clock().instant();
        Instant since = next.validatingSince == null ? null : Instant.parse(next.validatingSince);
        Instant lastPass = next.validationPassedAt == null ? null : Instant.parse(next.validationPassedAt);
        ValidationGate.Outcome outcome = ValidationGate.after(result.valid(), next.validationPasses, since, lastPass,
                looked, seen, rollout.validationTimeout(), ValidationGate.DEFAULT_INTERVAL);
        next.validationPasses = outcome.passes();
        next.validatingSince = outcome.since() == null ? null : timestamp(outcome.since());
        // to the millisecond: the interval between passes is seconds
        next.validationPassedAt = outcome.lastPass() == null ? null : outcome.lastPass().toString();
        return switch (outcome.state()) {
            case OPEN -> Optional.empty();
            case WAITING -> {
                next.phase = RolloutPhase.ROLLING_OUT;
                next.message = (result.valid() ? "validation passed " + outcome.passes() + " of "
                        + ValidationGate.PASSES_NEEDED + " time(s) " : "waiting for the cluster to validate ") + when
                        + (result.valid() ? "" : ": " + result.message());
                // a failing validation is woken by the Nodes' changes (or looked at again in flight); a pass comes back
                // when the next one can count, counted from now rather than from the reconcile's start: the reconcile
                // that makes it begins no sooner, and its own reads of AWS come before it looks
                Duration again = result.valid()
                        ? RolloutReconciler.min(outcome.untilNextPass(in.clock().instant(), ValidationGate.DEFAULT_INTERVAL),
                        settings.inFlight())
                        : settings.inFlight();
                yield Optional.of(new Outcome(next, again.isZero() ? RIGHT_AWAY : again));
            }
            case TIMED_OUT -> Optional.of(stall(in, next, "the cluster has not validated within validationTimeout "
                    + rollout.validationTimeout() + " " + when + ": " + result.message()));
        };
    }

    private Outcome moveInFlight(Inputs in, RolloutStatus next, InstanceGroupRole role, RolloutSettings rollout,
                                 GroupMembers members, List<GroupInstance> instances, KubernetesClient client,
                                 Set<String> persisted) {
        Map<String, GroupInstance> byId = new HashMap<>();
        instances.forEach(i -> byId.put(i.id(), i));
        RolloutStep.Path path = path(role, rollout);
        List<String> stalls = new ArrayList<>();
        // instances at one step wait for the same thing: said once
        Set<String> waits = new LinkedHashSet<>();
        Set<String> terminatedNow = new HashSet<>();
        // the batch's detached instances go in one TerminateInstances, made before this reconcile says anything of them
        List<String> detachedToTerminate = new ArrayList<>();
        boolean refused = false;
        boolean gateChecked = false;
        Optional<Outcome> gate = Optional.empty();
        Duration again = settings.inFlight();
        for (RolloutInstance entry : List.copyOf(next.inFlight)) {
            GroupInstance live = byId.get(entry.id);
            if (entry.nodeName == null && live != null && live.nodeName() != null) {
                entry.nodeName = live.nodeName();
            }
            // through every step that needs no waiting; a step that calls AWS is entered (written) first, made next
            boolean moving = true;
            while (moving) {
                RolloutStep step = RolloutStep.fromWireName(entry.step).orElse(RolloutStep.TERMINATE);
                boolean done;
                switch (step) {
                    case DETACH -> {
                        List<String> toDetach = next.inFlight.stream()
                                .filter(e -> RolloutStep.DETACH.wireName().equals(e.step) && !e.detached
                                        && members.instanceIds().contains(e.id))
                                .map(e -> e.id).toList();
                        if (!toDetach.isEmpty()) {
                            in.calls().detach(members.name(), toDetach);
                        }
                        next.inFlight.stream().filter(e -> RolloutStep.DETACH.wireName().equals(e.step))
                                .forEach(e -> e.detached = true);
                        done = true;
                    }
                    case WAIT_FOR_REPLACEMENTS -> {
                        long ready = members.instanceIds().stream().map(byId::get)
                                .filter(i -> i != null && i.isLive() && i.nodeReady()).count();
                        done = ready >= members.desiredCapacity();
                        if (!done) {
                            // their Nodes turning Ready wake the roll
                            waits.add(ready + " of " + members.desiredCapacity() + " instance(s) of the group have a Ready node");
                            if (since(entry, in.now()).compareTo(rollout.validationTimeout()) > 0) {
                                stalls.add("the replacements of " + entry.id + " have no Ready node after validationTimeout "
                                        + rollout.validationTimeout());
                            }
                        }
                    }
                    case VALIDATE -> {
                        if (!gateChecked) {
                            // the batch's instances by id: their steps are still moving in this reconcile
                            gate = gate(in, next, rollout, members, "before draining " + next.inFlight.stream()
                                    .map(e -> e.id).collect(Collectors.joining(", ")));
                            gateChecked = true;
                        }
                        done = gate.isEmpty();
                        if (!done && RolloutPhase.STALLED.equals(gate.get().status().phase)) {
                            in.calls().terminate(detachedToTerminate);
                            return gate.get();
                        }
                        if (!done) {
                            waits.add(next.message);
                            again = RolloutReconciler.min(again, gate.get().next());
                        }
                    }
                    case DRAIN -> {
                        if (entry.nodeName == null || live == null || live.nodeName() == null) {
                            done = true;
                        } else if (client == null) {
                            done = false;
                            waits.add("the cluster's API does not answer" + in.connection().problem().map(p -> " (" + p + ")").orElse(""));
                        } else {
                            DrainOutcome drain = drain(in, entry, rollout, client);
                            done = drain.done;
                            refused |= drain.refused;
                            drain.stall.ifPresent(stalls::add);
                            if (!done) {
                                waits.add(drain.message);
                                if (!drain.refused) {
                                    again = RolloutReconciler.min(again, DRAIN_POLL);
                                }
                            }
                        }
                    }
                    case REMOVE_FROM_CONTROL_PLANE -> {
                        in.calls().deregister(members.targetGroupArns(), entry.id);
                        if (SoleControlPlane.isForced(entry.id, forcedSoleControlPlane(in.group()))
                                && controlPlaneInstances(in, instances) <= 1) {
                            // the only etcd member goes with its instance: there is no other member to remove it from
                            done = true;
                        } else if (entry.nodeName == null || client == null) {
                            done = entry.nodeName == null;
                            if (!done) {
                                waits.add("the cluster's API does not answer to remove the etcd member of " + entry.nodeName);
                            }
                        } else {
                            EtcdRemovalProgress progress = removeEtcdMember(client, entry.nodeName);
                            done = progress.state() == EtcdRemovalProgress.State.DONE;
                            if (progress.state() == EtcdRemovalProgress.State.FAILED) {
                                stalls.add("removing the etcd member of " + entry.nodeName + " failed: " + progress.message());
                            } else if (!done) {
                                waits.add("removing the etcd member of " + entry.nodeName + ": " + progress.message());
                            }
                        }
                    }
                    case TERMINATE -> {
                        if (live != null && !live.isGoing()) {
                            if (members.instanceIds().contains(entry.id)) {
                                in.calls().terminateInGroup(entry.id);
                            } else {
                                detachedToTerminate.add(entry.id);
                            }
                            terminatedNow.add(entry.id);
                        }
                        done = true;
                    }
                    case WAIT_FOR_TERMINATION -> {
                        // an instance this reconcile terminated is shutting down: AWS answered the call so
                        done = live == null || live.isGoing() || terminatedNow.contains(entry.id);
                        if (!done) {
                            waits.add(entry.id + " to terminate");
                        }
                    }
                    default -> throw new IllegalStateException("unknown step " + step);
                }
                if (!done) {
                    break;
                }
                Optional<RolloutStep> after = RolloutStep.next(step, path);
                if (after.isEmpty()) {
                    next.inFlight.removeIf(e -> e.id.equals(entry.id));
                    next.replaced++;
                    next.remaining = Math.max(0, next.remaining - 1);
                    // a pass counted before this termination does not count towards the next gate
                    next.validationPasses = 0;
                    next.validatingSince = null;
                    next.validationPassedAt = null;
                    metrics.replaced(in.group().getMetadata().getNamespace(), in.group().getMetadata().getName(), entry.reason);
                    events.normal(in.group(), "InstanceReplaced", "instance " + entry.id
                            + (entry.nodeName == null ? "" : " (node " + entry.nodeName + ")") + " replaced: "
                            + ReplacementReason.fromWireName(entry.reason).wireName());
                    // the next batch's gate starts with a fresh look at AWS, unless this batch only left detached
                    // instances behind (see advance)
                    again = RIGHT_AWAY;
                    moving = false;
                } else {
                    entry.step = after.get().wireName();
                    entry.since = timestamp(in.now());
                    // the intent is written before the call, so that a restart knows the batch (here, if it can be,
                    // else by the status this reconcile returns); but an instance already in flight in the status
                    // written is terminated at once: a restart finds it shutting down
                    boolean intentFirst = after.get().callsAws()
                            && !(after.get() == RolloutStep.TERMINATE && persisted.contains(entry.id))
                            && !writeIntent(in, next, persisted);
                    if (intentFirst || step == RolloutStep.DETACH) {
                        // and after a detach, what this reconcile read of the group's members is stale
                        again = intentFirst ? RIGHT_AWAY : again;
                        moving = false;
                    }
                }
            }
        }
        in.calls().terminate(detachedToTerminate);
        if (!stalls.isEmpty()) {
            return stall(in, next, String.join("; ", stalls));
        }
        next.phase = RolloutPhase.ROLLING_OUT;
        next.message = next.inFlight.isEmpty() ? next.replaced + " instance(s) replaced; " + next.remaining + " to go"
                : "replacing " + describe(next.inFlight) + (waits.isEmpty() ? "" : "; waiting: " + String.join("; ", waits));
        // refused evictions back off, unless an intent waits for its call
        return new Outcome(next, refused && again.compareTo(RIGHT_AWAY) > 0 ? backoff() : again);
    }

    /** Writes {@code next} now (see {@link IntentWriter}); on success every instance in it counts as persisted. */
    private static boolean writeIntent(Inputs in, RolloutStatus next, Set<String> persisted) {
        if (!in.intents().write(StatusComparison.copy(next, RolloutStatus.class))) {
            return false;
        }
        next.inFlight.forEach(e -> persisted.add(e.id));
        return true;
    }

    private record DrainOutcome(boolean done, boolean refused, String message, Optional<String> stall) {
    }

    private DrainOutcome drain(Inputs in, RolloutInstance entry, RolloutSettings rollout, KubernetesClient client) {
        if (entry.drainStartedAt == null) {
            entry.drainStartedAt = timestamp(in.now());
        }
        String cluster = in.connection().cluster();
        DrainProgress progress;
        try {
            // watched before the first eviction, so that no pod of it goes unheard
            watches.watchPodsOf(cluster, client, entry.nodeName, in.group().getMetadata().getName());
            drainer.cordon(client, entry.nodeName);
            progress = drainer.drainStep(client, entry.nodeName);
        } catch (RuntimeException e) {
            return new DrainOutcome(false, false, "draining " + entry.nodeName + ": " + WorkloadApiErrors.describe(e),
                    Optional.empty());
        }
        String namespace = in.group().getMetadata().getNamespace();
        String name = in.group().getMetadata().getName();
        metrics.evictionsRefused(namespace, name, progress.refusedCount());
        Duration took = Duration.between(Instant.parse(entry.drainStartedAt), in.now());
        if (progress.done()) {
            watches.forgetPodsOf(cluster, entry.nodeName);
            metrics.drained(namespace, name, took);
            return new DrainOutcome(true, false, "", Optional.empty());
        }
        String blocking = progress.refused().isEmpty() ? String.join(", ", progress.remaining())
                : String.join("; ", progress.refused());
        String message = "draining node " + entry.nodeName + ": " + progress.remaining().size() + " pod(s) left ("
                + blocking + ")";
        Optional<String> stall = took.compareTo(rollout.drainTimeout()) > 0
                ? Optional.of("node " + entry.nodeName + " has not drained within drainTimeout " + rollout.drainTimeout()
                + "; blocking pods: " + blocking)
                : Optional.empty();
        return new DrainOutcome(false, progress.refusedCount() > 0, message, stall);
    }

    private EtcdRemovalProgress removeEtcdMember(KubernetesClient client, String nodeName) {
        try {
            return etcd.remove(client, nodeName);
        } catch (RuntimeException e) {
            return EtcdRemovalProgress.inProgress(WorkloadApiErrors.describe(e));
        }
    }

    private Outcome stall(Inputs in, RolloutStatus next, String message) {
        if (!RolloutPhase.STALLED.equals(next.phase) || !message.equals(next.message)) {
            events.warning(in.group(), "RollingUpdateStalled", message);
        }
        next.phase = RolloutPhase.STALLED;
        next.message = message;
        return new Outcome(next, backoff());
    }

    private Outcome finished(Inputs in, RolloutStatus next) {
        if (RolloutPhase.isActive(next.phase) && next.startedAt != null) {
            Duration took = Duration.between(Instant.parse(next.startedAt), in.now());
            metrics.rolled(in.group().getMetadata().getNamespace(), in.group().getMetadata().getName(), took);
            events.normal(in.group(), "RollingUpdateCompleted", next.replaced + " instance(s) replaced in "
                    + took.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase());
            next.phase = RolloutPhase.COMPLETED;
            next.message = next.replaced + " instance(s) replaced; every instance is up to date";
        } else if (!RolloutPhase.COMPLETED.equals(next.phase)) {
            next.phase = RolloutPhase.IDLE;
            next.message = "every instance is up to date";
        }
        next.remaining = 0;
        next.validationPasses = 0;
        next.validatingSince = null;
        next.validationPassedAt = null;
        return new Outcome(next, settings.resync());
    }

    /** Why the group is not yet whole with ready replacements (its desired capacity of Ready members), if it is not. */
    private static Optional<String> replacementsNotReady(InstanceGroupRole role, GroupMembers members,
                                                         List<GroupInstance> instances) {
        long ready = instances.stream().filter(i -> i.inAutoScalingGroup() && i.isLive()
                && (role == InstanceGroupRole.Bastion ? "running".equals(i.state()) : i.nodeReady())).count();
        if (ready >= members.desiredCapacity()) {
            return Optional.empty();
        }
        return Optional.of("every outdated instance is replaced; waiting for the replacements to be Ready: " + ready
                + " of " + members.desiredCapacity());
    }

    private Outcome idle(RolloutStatus next, String message, Duration again) {
        next.phase = RolloutPhase.IDLE;
        next.message = message;
        return new Outcome(next, again);
    }

    /** Backoff while evictions are refused or the roll is stalled: it keeps trying, less often. */
    private Duration backoff() {
        Duration d = settings.inFlight().multipliedBy(4);
        return d.compareTo(settings.retryAfterError()) > 0 ? settings.retryAfterError() : d;
    }

    /** Validation as the Cluster does it, with this group as AWS has it now: its members, its desired capacity. */
    private static List<ExpectedGroup> expected(Inputs in, GroupMembers members) {
        String self = in.group().getMetadata().getName();
        List<InstanceGroup> all = new ArrayList<>(in.siblings().stream()
                .filter(g -> !g.getMetadata().getName().equals(self)).toList());
        all.add(in.group());
        List<ExpectedGroup> expected = new ArrayList<>();
        for (ExpectedGroup g : ClusterWorkload.expected(all)) {
            expected.add(!g.name().equals(self) ? g : new ExpectedGroup(g.name(), g.role(), members.desiredCapacity(),
                    members.instanceIds().stream().map(id -> new ExpectedInstance(id, null)).toList()));
        }
        return expected;
    }

    /** Unhealthy instances the roll replaces (or will): validation does not wait for them to become healthy. */
    private static Set<String> beingRemediated(Inputs in, RolloutStatus next) {
        Set<String> ids = next.inFlight.stream().filter(e -> ReplacementReason.UNHEALTHY.wireName().equals(e.reason))
                .map(e -> e.id).collect(Collectors.toSet());
        InstanceGroupStatus status = in.group().getStatus();
        if (status != null && status.instances != null) {
            status.instances.stream().filter(i -> i.unhealthy).forEach(i -> ids.add(i.id));
        }
        return ids;
    }

    /** The cluster's live control-plane instances: this group's, as AWS has them now, and the other groups' status. */
    private static int controlPlaneInstances(Inputs in, List<GroupInstance> instances) {
        String self = in.group().getMetadata().getName();
        long others = in.siblings().stream()
                .filter(g -> !g.getMetadata().getName().equals(self) && g.getSpec() != null
                        && g.getSpec().roleValue() == InstanceGroupRole.ControlPlane && g.getStatus() != null
                        && g.getStatus().instances != null)
                .flatMap(g -> g.getStatus().instances.stream())
                .filter(i -> "pending".equals(i.state) || "running".equals(i.state))
                .count();
        return (int) (others + instances.stream().filter(GroupInstance::isLive).count());
    }

    private static String forcedSoleControlPlane(InstanceGroup group) {
        Map<String, String> annotations = group.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SoleControlPlane.FORCE_ANNOTATION);
    }

    /**
     * A sibling as the order sees it. One whose status was made for an older Cluster generation may be outdated
     * without showing it yet (a kubernetesVersion change reaches every group's reconciler at once): it counts as
     * needing a roll until its reconciler has caught up, so a node group never starts ahead of the control plane.
     */
    private static GroupOrder.GroupState state(InstanceGroup g, Cluster cluster) {
        InstanceGroupStatus s = g.getStatus();
        RolloutStatus r = s == null ? null : s.rollout;
        boolean inFlight = r != null && r.inFlight != null && !r.inFlight.isEmpty();
        boolean outdated = s != null && s.replicas != null && s.updatedReplicas != null && s.updatedReplicas < s.replicas;
        Long clusterGeneration = cluster.getMetadata().getGeneration();
        boolean stale = clusterGeneration != null && (s == null || s.observedClusterGeneration == null
                || s.observedClusterGeneration < clusterGeneration);
        boolean needsRoll = outdated || stale || (r != null && r.remaining > 0 && RolloutPhase.isActive(r.phase));
        return new GroupOrder.GroupState(g.getMetadata().getName(), g.getSpec() == null ? null : g.getSpec().roleValue(),
                needsRoll, inFlight);
    }

    private static RolloutStep.Path path(InstanceGroupRole role, RolloutSettings rollout) {
        return new RolloutStep.Path(rollout.surges() && role == InstanceGroupRole.Node, role != InstanceGroupRole.Bastion,
                role == InstanceGroupRole.ControlPlane);
    }

    private static List<GroupInstance> view(List<OwnedInstance> owned, GroupMembers members, NodeIndex nodes) {
        List<GroupInstance> instances = new ArrayList<>();
        for (OwnedInstance o : owned) {
            Node node = nodes == null ? null : nodes.node(o.id()).orElse(null);
            boolean needsUpdate = node != null && node.getMetadata().getAnnotations() != null
                    && node.getMetadata().getAnnotations().containsKey(ReplacementCandidates.NEEDS_UPDATE_ANNOTATION);
            instances.add(new GroupInstance(o.id(), o.state(), o.launchTime(), o.configHash(),
                    members.instanceIds().contains(o.id()), node == null ? null : node.getMetadata().getName(),
                    node != null && NodeIndex.isReady(node), needsUpdate));
        }
        return instances;
    }

    private static Optional<NodeIndex> nodes(KubernetesClient client) {
        try {
            return Optional.of(new NodeIndex(client.nodes().list().getItems()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The group's forced-roll time, or null (also for a value that is no RFC 3339 time: nothing is forced then). */
    static Instant restartedAt(InstanceGroup group) {
        Map<String, String> annotations = group.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ReplacementCandidates.RESTARTED_AT_ANNOTATION);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static Duration since(RolloutInstance entry, Instant now) {
        return entry.since == null ? Duration.ZERO : Duration.between(Instant.parse(entry.since), now);
    }

    private static String describe(Collection<RolloutInstance> inFlight) {
        return inFlight.stream().map(i -> i.id + " (" + i.step + ")").collect(Collectors.joining(", "));
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
