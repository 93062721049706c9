package io.slipway.cloud;

/** The engine in one place: plan, apply, tear down, for one cloud's kinds. Thread-safe; keep one per cloud client. */
public final class Engine {
    private final Planner planner;
    private final Executor executor;
    private final Teardown teardown;

    public Engine(Kinds kinds, FailureClassifier classifier, int parallelism) {
        this.planner = new Planner(kinds);
        this.executor = new Executor(classifier, parallelism);
        this.teardown = new Teardown(planner, executor);
    }

    /** Finds live state and diffs it against {@code graph}; makes no changes. */
    public Plan plan(DesiredGraph graph) {
        return planner.plan(graph);
    }

    public ApplyResult apply(Plan plan) {
        return executor.apply(plan);
    }

    public ApplyResult apply(Plan plan, ApplyListener listener) {
        return executor.apply(plan, listener);
    }

    public TeardownResult deleteAllOwned(Owner owner) {
        return teardown.deleteAllOwned(owner);
    }

    public TeardownResult deleteAllOwned(Owner owner, TeardownOptions options, ApplyListener listener) {
        return teardown.deleteAllOwned(owner, options, listener);
    }
}
