package io.slipway.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of applying a plan: one outcome per pending change, and the live state afterwards. */
public final class ApplyResult {
    private final Plan plan;
    private final List<ChangeOutcome> outcomes;
    private final Map<String, LiveResource<?>> live;

    ApplyResult(Plan plan, List<ChangeOutcome> outcomes, Map<String, LiveResource<?>> live) {
        this.plan = plan;
        this.outcomes = List.copyOf(outcomes);
        this.live = Map.copyOf(live);
    }

    public Plan plan() {
        return plan;
    }

    /** One per pending change of the plan, in the plan's order. */
    public List<ChangeOutcome> outcomes() {
        return outcomes;
    }

    public List<ChangeOutcome> withStatus(ChangeOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    public List<Change> applied() {
        return withStatus(ChangeOutcome.Status.APPLIED).stream().map(ChangeOutcome::change).toList();
    }

    /** Every change applied and no plan error: the live state now matches the desired graph. */
    public boolean isComplete() {
        return plan.errors().isEmpty() && outcomes.stream().allMatch(o -> o.status() == ChangeOutcome.Status.APPLIED);
    }

    /**
     * When the apply is complete: the plan that planning again would give if nothing changed since, every desired
     * resource as the apply left it and nothing pending (for status; a later reconcile still plans afresh).
     */
    public Optional<Plan> convergedPlan() {
        if (!isComplete()) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        for (Step step : plan.steps()) {
            Change change = step.change();
            if (change.action() == Action.DELETE) {
                continue;
            }
            LiveResource<?> resource = live.get(change.logicalId());
            steps.add(new Step(new Change(change.kind(), change.logicalId(), Action.NONE, change.lifecycle(),
                    resource == null ? change.cloudId() : resource.cloudId(), List.of(), null), step.kind(), step.desired(), resource));
        }
        return Optional.of(new Plan(plan.owner(), plan.graphFingerprint(), steps, List.of(), live, plan.kinds()));
    }

    /** True when only a human can make progress: a plan error or a fatal failure. */
    public boolean needsHuman() {
        return !plan.errors().isEmpty() || outcomes.stream().anyMatch(o -> o.failureClass() == FailureClass.FATAL);
    }

    /** Plan errors and failed changes, one line each, for status and events. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        plan.errors().forEach(e -> errors.add(e.toString()));
        withStatus(ChangeOutcome.Status.FAILED).forEach(o -> errors.add(o.change().kind() + " "
                + o.change().logicalId() + ": " + o.message()));
        return errors;
    }

    /** Live state of the desired resources after the apply. */
    public List<ResourceState> resources() {
        List<ResourceState> result = new ArrayList<>();
        for (Change change : plan.changes()) {
            if (change.action() != Action.DELETE && live.containsKey(change.logicalId())) {
                result.add(Views.state(plan.kinds(), live.get(change.logicalId())));
            }
        }
        return result;
    }

    /**
     * The live resources this apply vouches for: those the plan found unchanged (nothing of the apply wrote them)
     * and those whose create or update it applied, as the call answered. Not what failed, waited or was skipped, nor
     * what a plan error concerns.
     */
    Map<String, LiveResource<?>> proven() {
        java.util.Set<String> applied = new java.util.HashSet<>();
        outcomes.stream().filter(o -> o.status() == ChangeOutcome.Status.APPLIED).forEach(o -> applied.add(o.change().key()));
        java.util.Set<String> inError = new java.util.HashSet<>();
        plan.errors().forEach(e -> inError.add(e.logicalId()));
        Map<String, LiveResource<?>> proven = new java.util.LinkedHashMap<>();
        for (Change change : plan.changes()) {
            LiveResource<?> resource = live.get(change.logicalId());
            if (resource == null || change.action() == Action.DELETE || inError.contains(change.logicalId())) {
                continue;
            }
            if (change.action() == Action.NONE || applied.contains(change.key())) {
                proven.put(change.logicalId(), resource);
            }
        }
        return proven;
    }

    public Optional<ResourceState> resource(String logicalId) {
        return Optional.ofNullable(live.get(logicalId)).map(r -> Views.state(plan.kinds(), r));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(isComplete() ? "complete" : "incomplete");
        outcomes.forEach(o -> text.append("\n  ").append(o));
        plan.errors().forEach(e -> text.append("\n  error: ").append(e));
        return text.toString();
    }
}
