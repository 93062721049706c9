package io.slipway.cloud;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a {@link Plan}. Creates and updates run first, each as soon as its dependencies are applied and ready,
 * independent ones in parallel (at most {@code parallelism} at a time). Deletes run afterwards, each after the
 * deletes of everything that uses it. A failure stops only what depends on it; all outcomes are returned.
 * <p>
 * Of the changes that could run, those with the longest chain of changes waiting on them start first, and no more
 * start than the pool has threads: a change that others wait for (a subnet, then its NAT gateway, which takes
 * minutes to become available) is not queued behind every independent one that became ready before it.
 * <p>
 * Changes that lead to a kind that is {@link ResourceKind#slowToBecomeReady() slow to become ready} go first, and
 * while one of them only waits for changes in flight, no other change starts: its wait for the cloud starts
 * without queueing behind independent calls for the client's rate limit, which serves callers in the order they
 * asked. The others start as soon as it has started (or cannot).
 */
public final class Executor {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final FailureClassifier classifier;
    private final ApplyPool pool;

    /** An executor with a pool of its own (tests, tools). */
    public Executor(FailureClassifier classifier, int parallelism) {
        this(classifier, new ApplyPool(parallelism, "slipway-apply-" + POOLS.incrementAndGet()));
    }

    /** An executor on a pool shared with other engines: at most the pool's size of changes run at once in all. */
    public Executor(FailureClassifier classifier, ApplyPool pool) {
        this.classifier = classifier;
        this.pool = pool;
    }

    public ApplyResult apply(Plan plan) {
        return apply(plan, ApplyListener.NONE);
    }

    /** Listener calls come from the calling thread. */
    public ApplyResult apply(Plan plan, ApplyListener listener) {
        if (plan.owner().isEveryScope()) {
            plan.steps().stream().filter(s -> s.change().action() == Action.CREATE || s.change().action() == Action.UPDATE)
                    .findFirst().ifPresent(s -> {
                        throw new IllegalArgumentException("a plan for every scope of " + plan.owner().id()
                                + " may only delete, not " + s.change().action() + " " + s.change().logicalId());
                    });
        }
        ReadShare share = plan.readShare();
        if (share == null || plan.pending().isEmpty()) {
            return new Run(plan, listener, pool.executor(), () -> {
            }).execute();
        }
        // before the first write: no reader keeps what the writes change; after: nor what it read while they ran (what
        // other owners' plans published stays: these writes are all of the plan's own owner). An apply whose every
        // change waits for a dependency (routes for a pending NAT gateway) writes nothing and keeps the reads.
        java.util.concurrent.atomic.AtomicBoolean wrote = new java.util.concurrent.atomic.AtomicBoolean();
        Run run = new Run(plan, listener, pool.executor(), () -> {
            if (wrote.compareAndSet(false, true)) {
                share.invalidate(plan.owner());
            }
        });
        ApplyResult result;
        try {
            result = run.execute();
        } finally {
            if (wrote.get()) {
                share.invalidate(plan.owner());
            }
        }
        // what the apply proved goes back to the other owners' plans (a group's plan takes the Cluster's subnets from
        // it); it counts as read when the plan began to read, and a write of anyone since the invalidation drops it
        share.publish(plan.owner(), result.proven(), share.generation(), plan.readAt());
        return result;
    }

    ApplyPool pool() {
        return pool;
    }

    /** The state of one apply. */
    private final class Run {
        private final Plan plan;
        private final ApplyListener listener;
        private final ExecutorService pool;
        private final Map<String, LiveResource<?>> live;
        private final Map<String, ChangeOutcome> outcomes = new HashMap<>();
        private final Set<String> inError = new HashSet<>();
        private final Refs refs;
        private final List<java.util.concurrent.Future<ChangeOutcome>> submitted = new ArrayList<>();
        /** Called before each change is made (on the calling thread): the share forgets what it changes. */
        private final Runnable beforeWrite;

        Run(Plan plan, ApplyListener listener, ExecutorService pool, Runnable beforeWrite) {
            this.beforeWrite = beforeWrite;
            this.plan = plan;
            this.listener = listener;
            this.pool = pool;
            this.live = new ConcurrentHashMap<>(plan.live());
            this.refs = logicalId -> Optional.ofNullable(live.get(logicalId));
            plan.errors().forEach(e -> inError.add(e.logicalId()));
        }

        /** Ends the apply: when it ends early (an Error), changes not started yet must not run after it. */
        ApplyResult execute() {
            try {
                return executeAll();
            } finally {
                submitted.forEach(f -> f.cancel(true));
            }
        }

        private ApplyResult executeAll() {
            List<Step> writes = new ArrayList<>();
            List<Step> deletes = new ArrayList<>();
            for (Step step : plan.steps()) {
                switch (step.change().action()) {
                    case CREATE, UPDATE -> writes.add(step);
                    case DELETE -> deletes.add(step);
                    case NONE -> {
                    }
                }
            }
            runPhase(writes, this::writeDependencies, this::gateWrite, true);
            runPhase(deletes, s -> deleteDependencies(s, deletes), this::gateDelete, false);
            List<ChangeOutcome> ordered = new ArrayList<>();
            for (Step step : plan.steps()) {
                ChangeOutcome outcome = outcomes.get(step.key());
                if (outcome != null) {
                    ordered.add(outcome);
                }
            }
            return new ApplyResult(plan, ordered, live);
        }

        /** Logical ids a create/update waits for (those that are themselves in this phase). */
        private Set<String> writeDependencies(Step step) {
            return new HashSet<>(step.desired().dependencies());
        }

        /** Keys of deletes that must finish first: the deletes of everything that uses this resource. */
        private Set<String> deleteDependencies(Step step, List<Step> deletes) {
            Set<String> users = new HashSet<>();
            for (Step other : deletes) {
                if (other != step && references(other.live()).contains(step.live().cloudId())) {
                    users.add(other.key());
                }
            }
            return users;
        }

        private Optional<ChangeOutcome> gateWrite(Step step) {
            Change change = step.change();
            ChangeOutcome waiting = null;
            for (String dependency : step.desired().dependencies()) {
                ChangeOutcome outcome = outcomes.get(dependency);
                if (outcome != null && outcome.status() != ChangeOutcome.Status.APPLIED) {
                    if (outcome.status() == ChangeOutcome.Status.WAITING) {
                        waiting = ChangeOutcome.waiting(change, dependency);
                        continue;
                    }
                    return Optional.of(ChangeOutcome.skipped(change, dependency,
                            "dependency " + dependency + " " + outcome.status().name().toLowerCase()));
                }
                if (inError.contains(dependency)) {
                    return Optional.of(ChangeOutcome.skipped(change, dependency,
                            "dependency " + dependency + " is in error"));
                }
                LiveResource<?> resource = live.get(dependency);
                if (resource == null) {
                    return Optional.of(ChangeOutcome.skipped(change, dependency,
                            "dependency " + dependency + " does not exist"));
                }
                if (!ready(resource)) {
                    waiting = ChangeOutcome.waiting(change, dependency);
                }
            }
            return Optional.ofNullable(waiting);
        }

        private Optional<ChangeOutcome> gateDelete(Step step) {
            Change change = step.change();
            for (Step other : plan.steps()) {
                ChangeOutcome outcome = outcomes.get(other.key());
                if (other.change().action() == Action.DELETE && outcome != null
                        && outcome.status() != ChangeOutcome.Status.APPLIED
                        && references(other.live()).contains(step.live().cloudId())) {
                    return Optional.of(ChangeOutcome.skipped(change, other.change().logicalId(),
                            "still used by " + other.change().logicalId() + ", which was not deleted"));
                }
            }
            for (LiveResource<?> kept : live.values()) {
                if (references(kept).contains(step.live().cloudId())) {
                    return Optional.of(ChangeOutcome.skipped(change, kept.logicalId(),
                            "still used by " + kept.logicalId()));
                }
            }
            return Optional.empty();
        }

        /** {@code slowFirst}: changes that lead to a kind slow to become ready go first (see the class comment). */
        private void runPhase(List<Step> steps, java.util.function.Function<Step, Set<String>> dependencies,
                              java.util.function.Function<Step, Optional<ChangeOutcome>> gate, boolean slowFirst) {
            Map<String, Step> byKey = new LinkedHashMap<>();
            steps.forEach(s -> byKey.put(s.key(), s));
            Map<String, Integer> open = new HashMap<>();
            Map<String, List<String>> dependants = new HashMap<>();
            for (Step step : steps) {
                int count = 0;
                for (String dependency : dependencies.apply(step)) {
                    if (byKey.containsKey(dependency)) {
                        dependants.computeIfAbsent(dependency, k -> new ArrayList<>()).add(step.key());
                        count++;
                    }
                }
                open.put(step.key(), count);
            }
            Map<String, Integer> order = new HashMap<>();
            steps.forEach(s -> order.put(s.key(), order.size()));
            Map<String, Integer> chain = new HashMap<>();
            Set<String> slowBelow = slowFirst ? leadingToSlow(steps, byKey, dependants) : Set.of();
            java.util.Queue<Step> ready = new java.util.PriorityQueue<>(java.util.Comparator
                    .<Step, Boolean>comparing(s -> !slowBelow.contains(s.key()))
                    .thenComparingInt(s -> -chainBelow(s.key(), dependants, chain))
                    .thenComparingInt(s -> order.get(s.key())));
            steps.stream().filter(s -> open.get(s.key()) == 0).forEach(ready::add);
            Set<String> started = new HashSet<>();
            CompletionService<ChangeOutcome> completions = new ExecutorCompletionService<>(pool);
            int running = 0;
            int limit = Executor.this.pool.size();
            while (!ready.isEmpty() || running > 0) {
                while (!ready.isEmpty() && running < limit) {
                    if (!slowBelow.contains(ready.peek().key())
                            && slowAboutToStart(steps, slowBelow, started, ready, dependencies, byKey)) {
                        break; // running > 0 here: a change about to start waits for one in flight
                    }
                    Step step = ready.poll();
                    started.add(step.key());
                    Optional<ChangeOutcome> blocked = gate.apply(step);
                    if (blocked.isPresent()) {
                        finish(blocked.get(), step, byKey, open, dependants, ready);
                        continue;
                    }
                    beforeWrite.run();
                    listener.started(step.change());
                    submitted.add(completions.submit(() -> perform(step)));
                    running++;
                }
                if (running > 0) {
                    ChangeOutcome outcome = take(completions);
                    running--;
                    finish(outcome, byKey.get(outcome.change().key()), byKey, open, dependants, ready);
                }
            }
        }

        /** The keys of the changes of a slow kind and of every change they wait for, transitively. */
        private Set<String> leadingToSlow(List<Step> steps, Map<String, Step> byKey, Map<String, List<String>> dependants) {
            Set<String> slow = new HashSet<>();
            Map<String, List<String>> dependencies = new HashMap<>();
            dependants.forEach((dependency, users) -> users.forEach(
                    user -> dependencies.computeIfAbsent(user, k -> new ArrayList<>()).add(dependency)));
            java.util.Deque<String> todo = new java.util.ArrayDeque<>();
            steps.stream().filter(s -> s.kind().slowToBecomeReady()).forEach(s -> todo.add(s.key()));
            while (!todo.isEmpty()) {
                String key = todo.poll();
                if (byKey.containsKey(key) && slow.add(key)) {
                    todo.addAll(dependencies.getOrDefault(key, List.of()));
                }
            }
            return slow;
        }

        /**
         * True when a change that leads to a slow kind has not started, is not ready, and waits only for changes that
         * have started: it becomes ready when those finish.
         */
        private boolean slowAboutToStart(List<Step> steps, Set<String> slowBelow, Set<String> started,
                                         java.util.Queue<Step> ready, java.util.function.Function<Step, Set<String>> dependencies,
                                         Map<String, Step> byKey) {
            for (Step step : steps) {
                if (!slowBelow.contains(step.key()) || started.contains(step.key()) || outcomes.containsKey(step.key())
                        || ready.contains(step)) {
                    continue;
                }
                boolean waitsOnlyForStarted = dependencies.apply(step).stream()
                        .filter(byKey::containsKey).allMatch(started::contains);
                if (waitsOnlyForStarted) {
                    return true;
                }
            }
            return false;
        }

        /** The number of changes on the longest chain from {@code key} through what waits on it (itself included). */
        private int chainBelow(String key, Map<String, List<String>> dependants, Map<String, Integer> chain) {
            Integer known = chain.get(key);
            if (known != null) {
                return known;
            }
            int longest = 0;
            for (String dependant : dependants.getOrDefault(key, List.of())) {
                longest = Math.max(longest, chainBelow(dependant, dependants, chain));
            }
            chain.put(key, longest + 1);
            return longest + 1;
        }

        private void finish(ChangeOutcome outcome, Step step, Map<String, Step> byKey, Map<String, Integer> open,
                            Map<String, List<String>> dependants, java.util.Queue<Step> ready) {
            outcomes.put(step.key(), outcome);
            listener.finished(outcome);
            for (String dependant : dependants.getOrDefault(step.key(), List.of())) {
                if (open.merge(dependant, -1, Integer::sum) == 0) {
                    ready.add(byKey.get(dependant));
                }
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private ChangeOutcome perform(Step step) {
            Change change = step.change();
            ResourceKind kind = step.kind();
            try {
                switch (change.action()) {
                    case CREATE -> {
                        Object state = kind.create(plan.owner(), change.logicalId(), step.desired().spec(), refs);
                        live.put(change.logicalId(), new LiveResource<>(kind.name(), change.logicalId(),
                                kind.cloudId(state), state, true));
                    }
                    case UPDATE -> {
                        Object state = kind.update(change.logicalId(), step.desired().spec(), step.live().state(),
                                change.fields(), refs);
                        live.put(change.logicalId(), new LiveResource<>(kind.name(), change.logicalId(),
                                kind.cloudId(state), state, true));
                    }
                    case DELETE -> kind.delete(step.live().state());
                    case NONE -> {
                    }
                }
                return ChangeOutcome.applied(change);
            } catch (RuntimeException e) {
                return ChangeOutcome.failed(change, classifier.describe(e), classifier.classify(e));
            }
        }

        private ChangeOutcome take(CompletionService<ChangeOutcome> completions) {
            try {
                return completions.take().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying a plan", e);
            } catch (ExecutionException e) {
                // perform() catches RuntimeExceptions: what arrives here is an Error; let it end the apply
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Set<String> references(LiveResource<?> resource) {
            ResourceKind kind = plan.kinds().get(resource.kind());
            return kind.references(resource.state());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private boolean ready(LiveResource<?> resource) {
            ResourceKind kind = plan.kinds().get(resource.kind());
            return kind.ready(resource.state());
        }
    }
}
