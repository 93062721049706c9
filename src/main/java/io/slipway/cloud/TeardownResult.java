package io.slipway.cloud;

import java.util.List;

/**
 * What a teardown achieved.
 *
 * @param deleted   changes applied (deletes) over all rounds
 * @param remaining owned resources still present after the last round (empty = all gone)
 * @param failures  the last round's failed and skipped deletes, with their reasons
 * @param rounds    delete rounds run (each a fresh find plus deletes)
 * @param blocked   the last round's deletes that failed as retryable and are held by objects the owner did not
 *                  make, named (e.g. a load balancer's network interface in a subnet); empty when none were found
 */
public record TeardownResult(List<Change> deleted, List<Change> remaining, List<ChangeOutcome> failures, int rounds,
                             List<BlockedDelete> blocked) {
    public TeardownResult {
        deleted = List.copyOf(deleted);
        remaining = List.copyOf(remaining);
        failures = List.copyOf(failures);
        blocked = List.copyOf(blocked);
    }

    public TeardownResult(List<Change> deleted, List<Change> remaining, List<ChangeOutcome> failures, int rounds) {
        this(deleted, remaining, failures, rounds, List.of());
    }

    /** True when the owner owns nothing any more (the finalizer may go). */
    public boolean isComplete() {
        return remaining.isEmpty();
    }

    /** True when a failure will not go away by itself (e.g. access denied). */
    public boolean needsHuman() {
        return failures.stream().anyMatch(f -> f.failureClass() == FailureClass.FATAL);
    }

    /** True when some delete is held by an object the owner did not make: waiting alone may never end. */
    public boolean isBlockedByOthers() {
        return !blocked.isEmpty();
    }

    /** The ids of the objects that hold the blocked deletes, for a status message. */
    public List<String> blockerIds() {
        return blocked.stream().flatMap(b -> b.blockers().stream()).map(Blocker::id).distinct().sorted().toList();
    }
}
