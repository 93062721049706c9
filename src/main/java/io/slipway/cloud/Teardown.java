package io.slipway.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes everything an owner owns, found by ownership (so resources an earlier crash leaked, or that the
 * current spec no longer mentions, are found too), in reverse dependency order. Failures such as "still in
 * use" are retried in a new round after a fresh find; whatever is left is returned for the caller to retry later.
 * Shared resources are never owned, so never touched.
 */
public final class Teardown {
    private final Planner planner;
    private final Executor executor;
    private final BlockerLookup blockers;

    public Teardown(Planner planner, Executor executor) {
        this(planner, executor, BlockerLookup.NONE);
    }

    public Teardown(Planner planner, Executor executor, BlockerLookup blockers) {
        this.planner = planner;
        this.executor = executor;
        this.blockers = blockers;
    }

    public TeardownResult deleteAllOwned(Owner owner, TeardownOptions options, ApplyListener listener) {
        return deleteAllOwned(owner, DesiredGraph.empty(owner), options, listener);
    }

    /** As {@link #deleteAllOwned(Owner, TeardownOptions, ApplyListener)}, finding with {@link Planner#planTeardown(Owner, DesiredGraph)}. */
    public TeardownResult deleteAllOwned(Owner owner, DesiredGraph lookup, TeardownOptions options,
                                         ApplyListener listener) {
        List<Change> deleted = new ArrayList<>();
        List<ChangeOutcome> failures = List.of();
        long backoff = options.backoff().toMillis();
        for (int round = 1; ; round++) {
            Plan plan = planner.planTeardown(owner, lookup);
            if (plan.pending().isEmpty()) {
                return new TeardownResult(deleted, List.of(), List.of(), round - 1);
            }
            boolean fatal = failures.stream().anyMatch(f -> f.failureClass() == FailureClass.FATAL);
            if (round > options.rounds() || fatal) {
                return new TeardownResult(deleted, plan.pending(), failures, round - 1, blocked(failures, plan.pending()));
            }
            ApplyResult result = executor.apply(plan, listener);
            deleted.addAll(result.applied());
            failures = result.outcomes().stream().filter(o -> o.status() != ChangeOutcome.Status.APPLIED).toList();
            if (!failures.isEmpty() && round < options.rounds()) {
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private List<BlockedDelete> blocked(List<ChangeOutcome> failures, List<Change> remaining) {
        List<Change> retryable = failures.stream()
                .filter(f -> f.status() == ChangeOutcome.Status.FAILED && f.failureClass() == FailureClass.RETRYABLE)
                .map(ChangeOutcome::change).filter(c -> c.action() == Action.DELETE).toList();
        if (retryable.isEmpty()) {
            return List.of();
        }
        Map<String, List<Blocker>> found;
        try {
            found = blockers.blockersOf(retryable, remaining);
        } catch (RuntimeException e) {
            // naming blockers only explains a teardown that goes on; failing to (e.g. no describe permission) must
            // not stop it, and the failed deletes are reported as they are
            return List.of();
        }
        List<BlockedDelete> blocked = new ArrayList<>();
        for (Change change : retryable) {
            List<Blocker> by = found.getOrDefault(change.key(), List.of());
            if (!by.isEmpty()) {
                blocked.add(new BlockedDelete(change, by));
            }
        }
        return blocked;
    }

    public TeardownResult deleteAllOwned(Owner owner) {
        return deleteAllOwned(owner, TeardownOptions.DEFAULT, ApplyListener.NONE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during teardown", e);
        }
    }
}
