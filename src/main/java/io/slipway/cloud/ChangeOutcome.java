package io.slipway.cloud;

/**
 * What happened to one change when a plan was applied.
 *
 * @param change       the change
 * @param status       APPLIED, FAILED, SKIPPED (a dependency failed or is in error) or WAITING (a dependency
 *                     exists but is not ready yet: apply again soon)
 * @param message      the error, or why it was skipped / is waiting; null when applied
 * @param failureClass for FAILED: retryable or fatal; null otherwise
 * @param blockedBy    for SKIPPED and WAITING: the logical id it waits on
 */
public record ChangeOutcome(Change change, Status status, String message, FailureClass failureClass,
                            String blockedBy) {

    public enum Status { APPLIED, FAILED, SKIPPED, WAITING }

    static ChangeOutcome applied(Change change) {
        return new ChangeOutcome(change, Status.APPLIED, null, null, null);
    }

    static ChangeOutcome failed(Change change, String message, FailureClass failureClass) {
        return new ChangeOutcome(change, Status.FAILED, message, failureClass, null);
    }

    static ChangeOutcome skipped(Change change, String blockedBy, String message) {
        return new ChangeOutcome(change, Status.SKIPPED, message, null, blockedBy);
    }

    static ChangeOutcome waiting(Change change, String blockedBy) {
        return new ChangeOutcome(change, Status.WAITING, "waiting for " + blockedBy + " to become ready", null,
                blockedBy);
    }

    @Override
    public String toString() {
        return status.name().toLowerCase() + " " + change + (message == null ? "" : " — " + message);
    }
}
