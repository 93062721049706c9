package io.slipway.cloud;

/** The engine in one place: plan, apply, tear down, for one cloud's kinds. Thread-safe; keep one per cloud client. */
public final class Engine {
    private final FailureClassifier classifier;
    private final Planner planner;
    private final Executor executor;
    private final Teardown teardown;

    /** An engine with a pool of its own (tests, tools). */
    public Engine(Kinds kinds, FailureClassifier classifier, int parallelism) {
        this(kinds, classifier, new Executor(classifier, parallelism), BlockerLookup.NONE);
    }

    /** An engine whose changes run on a pool shared with the operator's other engines. */
    public Engine(Kinds kinds, FailureClassifier classifier, ApplyPool pool) {
        this(kinds, classifier, new Executor(classifier, pool), BlockerLookup.NONE);
    }

    /** As above, with a lookup that names what holds deletes a teardown could not do. */
    public Engine(Kinds kinds, FailureClassifier classifier, ApplyPool pool, BlockerLookup blockers) {
        this(kinds, classifier, new Executor(classifier, pool), blockers);
    }

    /** An engine with a pool of its own and a blocker lookup (tests, tools). */
    public Engine(Kinds kinds, FailureClassifier classifier, int parallelism, BlockerLookup blockers) {
        this(kinds, classifier, new Executor(classifier, parallelism), blockers);
    }

    private Engine(Kinds kinds, FailureClassifier classifier, Executor executor, BlockerLookup blockers) {
        this.classifier = classifier;
        this.planner = new Planner(kinds, executor.pool());
        this.executor = executor;
        this.teardown = new Teardown(planner, executor, blockers);
    }

    /** Finds live state and diffs it against {@code graph}; makes no changes. */
    public Plan plan(DesiredGraph graph) {
        return planner.plan(graph);
    }

    /**
     * As {@link #plan(DesiredGraph)}, reading through the cluster's {@code share}: kinds' batched describes of the
     * whole cluster and the resources other owners' plans found are taken from it while fresh, what this plan finds
     * is published to it, and applying the plan invalidates it.
     */
    public Plan plan(DesiredGraph graph, ReadShare share) {
        return planner.plan(graph, share);
    }

    public ApplyResult apply(Plan plan) {
        return executor.apply(plan);
    }

    public ApplyResult apply(Plan plan, ApplyListener listener) {
        return executor.apply(plan, listener);
    }

    /** Retryable or fatal, for a failure of {@link #plan} (a {@link PlanningException}'s cause) or of a change. */
    public FailureClass classify(Throwable failure) {
        return classifier.classify(failure instanceof PlanningException && failure.getCause() != null
                ? failure.getCause() : failure);
    }

    /** A message for status and events: the cloud's error code and message, no stack trace. */
    public String describe(Throwable failure) {
        if (failure instanceof PlanningException planning && planning.getCause() != null) {
            return "finding " + planning.kind() + ": " + classifier.describe(planning.getCause());
        }
        return classifier.describe(failure);
    }

    public TeardownResult deleteAllOwned(Owner owner) {
        return teardown.deleteAllOwned(owner);
    }

    public TeardownResult deleteAllOwned(Owner owner, TeardownOptions options, ApplyListener listener) {
        return teardown.deleteAllOwned(owner, options, listener);
    }

    /**
     * Deletes everything {@code owner} owns, telling the kinds' finds where to look with {@code lookup} (the
     * cluster's desired graph: load balancer names, DNS record names); see {@link Planner#planTeardown(Owner, DesiredGraph)}.
     */
    public TeardownResult deleteAllOwned(Owner owner, DesiredGraph lookup, TeardownOptions options, ApplyListener listener) {
        return teardown.deleteAllOwned(owner, lookup, options, listener);
    }
}
