package io.slipway.controller;

import java.util.Objects;

/**
 * Where one phase of a Cluster's reconcile stands (spec, network, IAM, credentials, API endpoint, control plane...).
 * Phases are reported in order; {@link ClusterStatusAssembler} derives every summary condition from them.
 *
 * @param condition the domain condition this phase sets (e.g. NetworkReady); null for a phase without one
 * @param progress  where it stands
 * @param reason    CamelCase reason for its condition (and for the summary, when this phase decides it)
 * @param message   what a human needs to know; never a secret
 */
public record PhaseResult(String condition, Progress progress, String reason, String message) {
    public enum Progress {
        /** Converged: what the phase builds exists and matches the spec. */
        DONE,
        /** Changes are being applied, or the phase waits for something that will come by itself. */
        IN_PROGRESS,
        /** A failure that should go away by itself (throttling, eventual consistency); retried. */
        RETRYING,
        /** Cannot progress without a human (invalid spec, AccessDenied, a name that is taken). */
        STALLED,
        /** spec.planOnly: the changes are computed and published, not applied. */
        PLAN_ONLY,
        /** Waits for an earlier phase, or for something this version does not build yet. */
        PENDING
    }

    public PhaseResult {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    public static PhaseResult done(String condition, String reason, String message) {
        return new PhaseResult(condition, Progress.DONE, reason, message);
    }

    public static PhaseResult inProgress(String condition, String reason, String message) {
        return new PhaseResult(condition, Progress.IN_PROGRESS, reason, message);
    }

    public static PhaseResult retrying(String condition, String reason, String message) {
        return new PhaseResult(condition, Progress.RETRYING, reason, message);
    }

    public static PhaseResult stalled(String condition, String reason, String message) {
        return new PhaseResult(condition, Progress.STALLED, reason, message);
    }

    public static PhaseResult planOnly(String condition, String message) {
        return new PhaseResult(condition, Progress.PLAN_ONLY, "PlanOnly", message);
    }

    public static PhaseResult pending(String condition, String reason, String message) {
        return new PhaseResult(condition, Progress.PENDING, reason, message);
    }

    public boolean isDone() {
        return progress == Progress.DONE;
    }
}
