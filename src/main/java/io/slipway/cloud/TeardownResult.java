package io.slipway.cloud;

import java.util.List;

/**
 * What a teardown achieved.
 *
 * @param deleted   changes applied (deletes) over all rounds
 * @param remaining owned resources still present after the last round (empty = all gone)
 * @param failures  the last round's failed and skipped deletes, with their reasons
 * @param rounds    delete rounds run (each a fresh find plus deletes)
 */
public record TeardownResult(List<Change> deleted, List<Change> remaining, List<ChangeOutcome> failures, int rounds) {
    public TeardownResult {
        deleted = List.copyOf(deleted);
        remaining = List.copyOf(remaining);
        failures = List.copyOf(failures);
    }

    /** True when the owner owns nothing any more (the finalizer may go). */
    public boolean isComplete() {
        return remaining.isEmpty();
    }

    /** True when a failure will not go away by itself (e.g. access denied). */
    public boolean needsHuman() {
        return failures.stream().anyMatch(f -> f.failureClass() == FailureClass.FATAL);
    }
}
