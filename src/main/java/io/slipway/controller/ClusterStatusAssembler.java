package io.slipway.controller;

import io.slipway.api.ClusterStatus;
import io.slipway.api.ConditionType;
import io.slipway.controller.PhaseResult.Progress;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place where a Cluster's summary is decided: from the results of its phases, in order, it sets each
 * phase's own condition and derives {@code Ready}, {@code Reconciling}, {@code Stalled}, {@code phase} and the summary
 * message. {@code Ready} is true only when every phase is done, so it never claims more than exists.
 */
public final class ClusterStatusAssembler {
    public static final String PHASE_INVALID = "Invalid";
    public static final String PHASE_PAUSED = "Paused";
    public static final String PHASE_PLANNING = "Planning";
    public static final String PHASE_PLANNED = "Planned";
    public static final String PHASE_PROVISIONING = "Provisioning";
    public static final String PHASE_READY = "Ready";
    public static final String PHASE_FAILED = "Failed";
    public static final String PHASE_DELETING = "Deleting";

    private ClusterStatusAssembler() {
    }

    /** A reconcile's outcome: the phases' results, in reconcile order. */
    public static void assemble(ClusterStatus status, Conditions conditions, List<PhaseResult> phases, boolean planOnly) {
        for (PhaseResult phase : phases) {
            if (phase.condition() != null) {
                conditions.set(phase.condition(), phase.isDone(), phase.reason(), phase.message());
            }
        }
        Optional<PhaseResult> stalled = first(phases, Progress.STALLED);
        Optional<PhaseResult> notDone = phases.stream().filter(p -> !p.isDone()).findFirst();
        if (stalled.isPresent()) {
            PhaseResult cause = stalled.get();
            conditions.set(ConditionType.STALLED, true, cause.reason(), cause.message())
                    .set(ConditionType.RECONCILING, false, cause.reason(), "needs a human: " + cause.message())
                    .set(ConditionType.READY, false, cause.reason(), cause.message());
            status.phase = ConditionType.SPEC_VALID.equals(cause.condition()) ? PHASE_INVALID : PHASE_FAILED;
            return;
        }
        conditions.set(ConditionType.STALLED, false, notDone.map(PhaseResult::reason).orElse("Ready"), "");
        if (notDone.isEmpty()) {
            conditions.set(ConditionType.RECONCILING, false, "Ready", "")
                    .set(ConditionType.READY, true, "Ready", summary(phases));
            status.phase = PHASE_READY;
            return;
        }
        PhaseResult cause = notDone.get();
        Optional<PhaseResult> planned = first(phases, Progress.PLAN_ONLY);
        if (planned.isPresent()) {
            String message = planned.get().message();
            conditions.set(ConditionType.RECONCILING, false, "PlanOnly", message)
                    .set(ConditionType.READY, false, "PlanOnly", message);
            status.phase = PHASE_PLANNED;
            return;
        }
        boolean working = phases.stream().anyMatch(p -> p.progress() == Progress.IN_PROGRESS || p.progress() == Progress.RETRYING);
        PhaseResult active = phases.stream().filter(p -> p.progress() == Progress.IN_PROGRESS || p.progress() == Progress.RETRYING)
                .findFirst().orElse(cause);
        conditions.set(ConditionType.RECONCILING, working, active.reason(), working ? active.message() : "")
                .set(ConditionType.READY, false, active.reason(), readyMessage(phases, active));
        status.phase = planOnly ? PHASE_PLANNING : PHASE_PROVISIONING;
    }

    /** spec.paused: nothing is read from or written to AWS. */
    public static void paused(ClusterStatus status, Conditions conditions) {
        String message = "spec.paused is true: nothing is read from or written to AWS";
        conditions.set(ConditionType.STALLED, false, "Paused", "")
                .set(ConditionType.RECONCILING, false, "Paused", message)
                .set(ConditionType.READY, false, "Paused", message);
        status.phase = PHASE_PAUSED;
    }

    /** A Cluster being deleted: Ready is false with what remains; Stalled when a human must act. */
    public static void deleting(ClusterStatus status, Conditions conditions, String reason, String message, boolean stalled) {
        conditions.set(ConditionType.READY, false, reason, message)
                .set(ConditionType.RECONCILING, !stalled, reason, stalled ? "needs a human: " + message : message)
                .set(ConditionType.STALLED, stalled, reason, stalled ? message : "");
        status.phase = PHASE_DELETING;
    }

    private static Optional<PhaseResult> first(List<PhaseResult> phases, Progress progress) {
        return phases.stream().filter(p -> p.progress() == progress).findFirst();
    }

    /** Ready's message when it is false: what is done, then what it waits for. */
    private static String readyMessage(List<PhaseResult> phases, PhaseResult cause) {
        String done = phases.stream().filter(PhaseResult::isDone).map(PhaseResult::condition)
                .filter(c -> c != null && !ConditionType.SPEC_VALID.equals(c)).collect(Collectors.joining(", "));
        return (done.isEmpty() ? "" : done + "; ") + "waiting: " + cause.message();
    }

    private static String summary(List<PhaseResult> phases) {
        return phases.stream().map(PhaseResult::message).filter(m -> !m.isEmpty()).reduce((a, b) -> b).orElse("ready");
    }
}
