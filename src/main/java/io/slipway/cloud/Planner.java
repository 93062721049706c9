package io.slipway.cloud;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds live state (one batched find per kind), diffs it against the desired graph and produces a {@link Plan}.
 * Makes no changes. Owned live resources the graph does not want (left over by an earlier spec, or leaked by a
 * crash) and duplicates of one logical id become deletes.
 */
public final class Planner {
    private final Kinds kinds;
    private final ApplyPool pool;

    /** A planner that finds one kind after the other. */
    public Planner(Kinds kinds) {
        this(kinds, null);
    }

    /** A planner that runs the finds of kinds that do not read each other at once, on {@code pool}. */
    public Planner(Kinds kinds, ApplyPool pool) {
        this.kinds = kinds;
        this.pool = pool;
    }

    public Plan plan(DesiredGraph graph) {
        return plan(graph, null);
    }

    /** See {@link Engine#plan(DesiredGraph, ReadShare)}; {@code share} may be null. */
    public Plan plan(DesiredGraph graph, ReadShare share) {
        for (DesiredResource<?> resource : graph.inDependencyOrder()) {
            if (!kinds.has(resource.kind())) {
                throw new IllegalArgumentException(resource.logicalId() + " has unknown kind " + resource.kind());
            }
            if (!kinds.get(resource.kind()).specType().isInstance(resource.spec())) {
                throw new IllegalArgumentException(resource.logicalId() + ": kind " + resource.kind() + " takes "
                        + kinds.get(resource.kind()).specType().getSimpleName() + ", not "
                        + resource.spec().getClass().getSimpleName());
            }
        }
        long generation = share == null ? 0 : share.generation();
        java.time.Instant readAt = share == null ? null : share.now();
        Found found = findAll(graph.owner(), graph, kindsToFind(graph), share);
        Map<String, LiveResource<?>> keepers = chooseKeepers(graph, found);
        if (share != null) {
            share.publish(graph.owner(), keepers, generation, readAt);
        }
        keepers.putAll(findExternal(graph, share));
        Refs refs = logicalId -> Optional.ofNullable(keepers.get(logicalId));

        List<Step> steps = new ArrayList<>();
        List<PlanError> errors = new ArrayList<>();
        for (DesiredResource<?> desired : graph.inDependencyOrder()) {
            steps.add(planDesired(desired, keepers.get(desired.logicalId()), refs, errors));
        }
        steps.addAll(planDeletes(graph, found, keepers));
        return new Plan(graph.owner(), graph.fingerprint(), steps, errors, keepers, kinds, share, readAt);
    }

    /** A plan that deletes everything the owner owns (shared resources are never owned). */
    public Plan planTeardown(Owner owner) {
        return plan(DesiredGraph.empty(owner));
    }

    /**
     * A plan that deletes everything the owner owns, found with {@code lookup}'s desired resources in the kinds'
     * find contexts: kinds that cannot search by ownership (names derived from the spec, DNS records in a shared
     * zone) learn there where to look. Nothing of {@code lookup} is created or kept, and what is found without
     * being owned (shared resources, other owners' records) is never deleted.
     */
    public Plan planTeardown(Owner owner, DesiredGraph lookup) {
        if (!owner.id().equals(lookup.owner().id())) {
            throw new IllegalArgumentException("the lookup graph of " + lookup.owner() + " cannot find " + owner + "'s resources");
        }
        Found found = findAll(owner, lookup, Optional.empty(), null); // a teardown looks in every kind, afresh
        DesiredGraph nothing = DesiredGraph.empty(owner);
        return new Plan(owner, nothing.fingerprint(), planDeletes(nothing, found, Map.of()), List.of(), Map.of(), kinds);
    }

    /** The owner's live resources of every kind, or of {@code only} those kinds. */
    private Found findAll(Owner owner, DesiredGraph graph, Optional<Set<String>> only, ReadShare share) {
        Found found = new Found(share);
        List<ResourceKind<?, ?>> toFind = kinds.inFindOrder().stream()
                .filter(kind -> only.isEmpty() || only.get().contains(kind.name())).toList();
        if (pool == null || toFind.size() < 2 || ApplyPool.onPoolThread()) {
            for (List<ResourceKind<?, ?>> level : levels(toFind)) {
                findAtOnce(level, kind -> find(kind, owner, graph, found)).forEach(results -> results.forEach(found::add));
            }
            return found;
        }
        findEachWhenItsReadsAreFound(toFind, kind -> find(kind, owner, graph, found), found);
        return found;
    }

    /**
     * Finds each kind of {@code toFind} (in find order) on the pool as soon as the kinds it reads are found, not after
     * a whole level: a kind is not held up by slow finds of kinds it does not read. What a find returns is added to
     * {@code found} when it ends (the kinds that read it start after that), and put in find order once all are done,
     * so the plan is the same whichever find ends first. A kind whose reads failed is not found; the first failure in
     * find order is thrown once every find has ended.
     */
    private void findEachWhenItsReadsAreFound(List<ResourceKind<?, ?>> toFind,
                                              Function<ResourceKind<?, ?>, List<? extends LiveResource<?>>> find, Found found) {
        Map<String, java.util.concurrent.CompletableFuture<Void>> finds = new LinkedHashMap<>();
        for (ResourceKind<?, ?> kind : toFind) {
            java.util.concurrent.CompletableFuture<?>[] reads = kind.findsAfter().stream().map(finds::get)
                    .filter(java.util.Objects::nonNull).toArray(java.util.concurrent.CompletableFuture[]::new);
            finds.put(kind.name(), java.util.concurrent.CompletableFuture.allOf(reads).thenRunAsync(() -> {
                try {
                    found.addAll(find.apply(kind));
                } catch (RuntimeException e) {
                    throw new PlanningException(kind.name(), e);
                }
            }, pool.executor()));
        }
        PlanningException failure = null;
        for (Map.Entry<String, java.util.concurrent.CompletableFuture<Void>> entry : finds.entrySet()) {
            try {
                entry.getValue().get();
            } catch (InterruptedException e) {
                finds.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new PlanningException(entry.getKey(), e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                if (failure == null) {
                    failure = cause instanceof PlanningException planning ? planning : new PlanningException(entry.getKey(), cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        found.inOrderOf(toFind.stream().map(ResourceKind::name).toList());
    }

    /**
     * {@code toFind} (in find order) in levels: a kind's level comes after those of the kinds it reads, so the kinds
     * of one level can be found at once.
     */
    private static List<List<ResourceKind<?, ?>>> levels(List<ResourceKind<?, ?>> toFind) {
        Map<String, Integer> levelOf = new HashMap<>();
        List<List<ResourceKind<?, ?>>> levels = new ArrayList<>();
        for (ResourceKind<?, ?> kind : toFind) {
            int level = 0;
            for (String read : kind.findsAfter()) {
                Integer before = levelOf.get(read);
                if (before != null) {
                    level = Math.max(level, before + 1);
                }
            }
            levelOf.put(kind.name(), level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(kind);
        }
        return levels;
    }

    /**
     * The results of {@code find} for each kind, in the kinds' order, found at once on the pool (bounded, so a plan
     * never has more reads in flight than the pool has threads). The first failure in that order is thrown, once all
     * are done: no read of a failed plan is left running.
     */
    private List<List<? extends LiveResource<?>>> findAtOnce(List<ResourceKind<?, ?>> level,
                                                              Function<ResourceKind<?, ?>, List<? extends LiveResource<?>>> find) {
        List<List<? extends LiveResource<?>>> results = new ArrayList<>();
        if (pool == null || level.size() < 2 || ApplyPool.onPoolThread()) {
            for (ResourceKind<?, ?> kind : level) {
                try {
                    results.add(find.apply(kind));
                } catch (RuntimeException e) {
                    throw new PlanningException(kind.name(), e);
                }
            }
            return results;
        }
        List<java.util.concurrent.Future<List<? extends LiveResource<?>>>> futures = new ArrayList<>();
        for (ResourceKind<?, ?> kind : level) {
            futures.add(pool.executor().submit(() -> find.apply(kind)));
        }
        PlanningException failure = null;
        for (int i = 0; i < level.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new PlanningException(level.get(i).name(), e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                if (failure == null) {
                    failure = new PlanningException(level.get(i).name(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /**
     * The kinds a plan of {@code graph} looks in (empty: every kind): those its owner may own, but the ones it leaves
     * alone, and what their finds read.
     */
    private Optional<Set<String>> kindsToFind(DesiredGraph graph) {
        if (graph.leftAlone().isEmpty()) {
            return graph.ownedKinds().map(this::withWhatTheyRead);
        }
        Set<String> names = new HashSet<>(graph.ownedKinds().orElseGet(
                () -> kinds.inFindOrder().stream().map(ResourceKind::name).collect(Collectors.toSet())));
        names.removeAll(graph.leftAlone());
        return Optional.of(withWhatTheyRead(names));
    }

    /** The kinds named, and every kind their finds read, transitively. */
    private Set<String> withWhatTheyRead(Set<String> names) {
        Set<String> all = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (kinds.has(name) && all.add(name)) {
                todo.addAll(kinds.get(name).findsAfter());
            }
        }
        return all;
    }

    private List<? extends LiveResource<?>> find(ResourceKind<?, ?> kind, Owner owner, DesiredGraph graph, Found found) {
        return find(kind, owner, managedOf(graph, kind.name()), found, name -> managedOf(graph, name));
    }

    /** What the graph manages of a kind: its {@link Lifecycle#EXTERNAL} resources are another owner's to find. */
    private static List<DesiredResource<?>> managedOf(DesiredGraph graph, String kindName) {
        List<DesiredResource<?>> desired = new ArrayList<>(graph.ofKind(kindName));
        desired.removeIf(d -> d.lifecycle() == Lifecycle.EXTERNAL);
        return desired;
    }

    /**
     * The graph's {@link Lifecycle#EXTERNAL} resources, each found under its own owner: one find per kind that has
     * any (each sees them as that owner's managed resources), without the kinds it reads. Found ones are never owned
     * here, so nothing of this plan deletes them.
     */
    private Map<String, LiveResource<?>> findExternal(DesiredGraph graph, ReadShare share) {
        Map<String, LiveResource<?>> external = new LinkedHashMap<>();
        Map<Owner, Map<String, List<DesiredResource<?>>>> byOwnerAndKind = new LinkedHashMap<>();
        long generation = share == null ? 0 : share.generation();
        java.time.Instant readAt = share == null ? null : share.now();
        for (DesiredResource<?> resource : graph.inDependencyOrder()) {
            Optional<Owner> externalOwner = graph.externalOwner(resource.logicalId());
            if (externalOwner.isEmpty()) {
                continue;
            }
            // what the owner's own plan found a moment ago (within the share's lifetime, no write since)
            Optional<LiveResource<?>> published = share == null ? Optional.empty()
                    : share.published(externalOwner.get(), resource.logicalId(), resource.kind());
            if (published.isPresent()) {
                LiveResource<?> r = published.get();
                external.put(resource.logicalId(), new LiveResource<>(r.kind(), r.logicalId(), r.cloudId(), r.state(), false));
                continue;
            }
            byOwnerAndKind.computeIfAbsent(externalOwner.get(), o -> new LinkedHashMap<>())
                    .computeIfAbsent(resource.kind(), k -> new ArrayList<>())
                    .add(new DesiredResource<>(resource.logicalId(), Lifecycle.MANAGED, resource.spec()));
        }
        byOwnerAndKind.forEach((owner, byKind) -> {
            Found found = new Found(share);
            List<ResourceKind<?, ?>> toFind = kinds.inFindOrder().stream().filter(k -> byKind.containsKey(k.name())).toList();
            for (List<ResourceKind<?, ?>> level : levels(toFind)) {
                List<List<? extends LiveResource<?>>> results = findAtOnce(level, kind -> find(kind, owner,
                        byKind.get(kind.name()), found, name -> byKind.getOrDefault(name, List.of())));
                results.forEach(r -> r.forEach(found::add));
            }
            Map<String, LiveResource<?>> ofOwner = new LinkedHashMap<>();
            for (ResourceKind<?, ?> kind : toFind) {
                List<DesiredResource<?>> wanted = byKind.get(kind.name());
                for (DesiredResource<?> desired : wanted) {
                    found.candidates(desired.logicalId()).stream()
                            .filter(r -> r.kind().equals(kind.name()) && r.owned())
                            .min(Comparator.comparing(LiveResource::cloudId))
                            .ifPresent(r -> {
                                ofOwner.put(desired.logicalId(), r);
                                external.put(desired.logicalId(),
                                        new LiveResource<>(r.kind(), r.logicalId(), r.cloudId(), r.state(), false));
                            });
                }
            }
            // the other plans that use these (the cluster's other groups) take them from here, as from the owner's plan
            if (share != null) {
                share.publishMore(owner, ofOwner, generation, readAt);
            }
        });
        return external;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<? extends LiveResource<?>> find(ResourceKind kind, Owner owner, List desired, Found found,
                                                 Function<String, List<DesiredResource<?>>> desiredOfKind) {
        FindContext context = new FindContext() {
            @Override
            public Owner owner() {
                return owner;
            }

            @Override
            public List desired() {
                return desired;
            }

            @Override
            public Refs refs() {
                return logicalId -> Optional.ofNullable(found.first(logicalId));
            }

            @Override
            public List<LiveResource<?>> found(String kindName) {
                return found.ofKind(kindName);
            }

            @Override
            public List desiredOf(String kindName) {
                return desiredOfKind.apply(kindName);
            }

            @Override
            public Object shared(String key, Class type, Supplier compute) {
                return found.share.get(key, type, compute);
            }

            @Override
            public Object sharedAcrossPlans(String key, Class type, Supplier compute) {
                return found.sharedAcrossPlans(key, type, compute);
            }

            @Override
            public Optional handed(String key, Class type) {
                return found.handed(key, type);
            }
        };
        return kind.find(context);
    }

    /**
     * Among several live objects with one logical id (a duplicate left by a lost response), keep the one other
     * live objects use most; ties go to the lowest cloud id so that every planner picks the same one.
     */
    private Map<String, LiveResource<?>> chooseKeepers(DesiredGraph graph, Found found) {
        Map<String, Integer> inbound = new HashMap<>();
        for (LiveResource<?> resource : found.all()) {
            for (String referenced : references(resource)) {
                inbound.merge(referenced, 1, Integer::sum);
            }
        }
        Map<String, LiveResource<?>> keepers = new LinkedHashMap<>();
        for (DesiredResource<?> desired : graph.inDependencyOrder()) {
            if (desired.lifecycle() == Lifecycle.EXTERNAL) {
                continue;
            }
            found.candidates(desired.logicalId()).stream()
                    .filter(r -> r.kind().equals(desired.kind()))
                    .filter(r -> desired.lifecycle() == Lifecycle.SHARED || r.owned())
                    .min(Comparator.<LiveResource<?>>comparingInt(r -> -inbound.getOrDefault(r.cloudId(), 0))
                            .thenComparing(LiveResource::cloudId))
                    .ifPresent(keeper -> keepers.put(desired.logicalId(), keeper));
        }
        return keepers;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Step planDesired(DesiredResource<?> desired, LiveResource<?> live, Refs refs, List<PlanError> errors) {
        ResourceKind kind = kinds.get(desired.kind());
        String id = desired.logicalId();
        if (desired.lifecycle() == Lifecycle.EXTERNAL) {
            if (live == null) {
                errors.add(new PlanError(kind.name(), id, "needs " + id + ", which its owner has not made (yet)"));
            }
            return new Step(change(desired, Action.NONE, live == null ? null : live.cloudId(), List.of(), null), kind, desired, live);
        }
        if (desired.lifecycle() == Lifecycle.SHARED) {
            if (live == null) {
                errors.add(new PlanError(kind.name(), id, "shared resource not found"));
                return new Step(change(desired, Action.NONE, null, List.of(), null), kind, desired, null);
            }
            List<FieldChange> mismatches = kind.diff(desired.spec(), live.state(), refs);
            if (!mismatches.isEmpty()) {
                errors.add(new PlanError(kind.name(), id, "shared resource " + live.cloudId()
                        + " does not match the spec (Slipway never modifies it): " + renderMismatches(mismatches)));
            }
            return new Step(change(desired, Action.NONE, live.cloudId(), List.of(), null), kind, desired, live);
        }
        if (live == null) {
            return new Step(change(desired, Action.CREATE, null, List.of(), "does not exist"), kind, desired, null);
        }
        List<FieldChange> fields = kind.diff(desired.spec(), live.state(), refs);
        List<FieldChange> immutable = fields.stream().filter(FieldChange::immutable).toList();
        if (!immutable.isEmpty()) {
            errors.add(new PlanError(kind.name(), id, "refusing to change immutable "
                    + (immutable.size() == 1 ? "field " : "fields ") + render(immutable)
                    + " of " + live.cloudId() + "; Slipway does not replace resources: revert the spec"));
            return new Step(change(desired, Action.NONE, live.cloudId(), fields, null), kind, desired, live);
        }
        Action action = fields.isEmpty() ? Action.NONE : Action.UPDATE;
        return new Step(change(desired, action, live.cloudId(), fields, null), kind, desired, live);
    }

    private List<Step> planDeletes(DesiredGraph graph, Found found, Map<String, LiveResource<?>> keepers) {
        Map<String, Integer> findOrder = new HashMap<>();
        List<ResourceKind<?, ?>> ordered = kinds.inFindOrder();
        for (int i = 0; i < ordered.size(); i++) {
            findOrder.put(ordered.get(i).name(), i);
        }
        List<Step> deletes = new ArrayList<>();
        for (LiveResource<?> resource : found.all()) {
            if (!resource.owned() || graph.leftAlone().contains(resource.kind())) {
                continue;
            }
            LiveResource<?> keeper = keepers.get(resource.logicalId());
            if (keeper == resource) {
                continue;
            }
            String reason;
            if (keeper != null && keeper.kind().equals(resource.kind())) {
                reason = "duplicate of " + keeper.cloudId();
            } else if (graph.contains(resource.logicalId())) {
                reason = "kind differs from the desired " + graph.get(resource.logicalId()).orElseThrow().kind();
            } else {
                reason = "not in the desired state";
            }
            Change change = new Change(resource.kind(), resource.logicalId(), Action.DELETE, Lifecycle.MANAGED,
                    resource.cloudId(), List.of(), reason);
            deletes.add(new Step(change, kinds.get(resource.kind()), null, resource));
        }
        deletes.sort(Comparator.<Step>comparingInt(s -> -findOrder.get(s.change().kind()))
                .thenComparing(s -> s.change().logicalId()).thenComparing(s -> s.change().cloudId()));
        return deletes;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private java.util.Set<String> references(LiveResource<?> resource) {
        ResourceKind kind = kinds.get(resource.kind());
        return kind.references(resource.state());
    }

    private static Change change(DesiredResource<?> desired, Action action, String cloudId,
                                 List<FieldChange> fields, String reason) {
        return new Change(desired.kind(), desired.logicalId(), action, desired.lifecycle(), cloudId, fields, reason);
    }

    private static String renderMismatches(List<FieldChange> mismatches) {
        return mismatches.stream().map(f -> f.field() + " is " + f.from() + ", spec says " + f.to())
                .collect(Collectors.joining("; "));
    }

    private static String render(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::toString).collect(Collectors.joining(", "));
    }

    /** Everything found, by kind and by logical id, in find order. */
    private static final class Found {
        private final FindShare share = new FindShare();
        private final ReadShare acrossPlans;
        private final List<LiveResource<?>> all = new ArrayList<>();
        private final Map<String, List<LiveResource<?>>> byLogicalId = new LinkedHashMap<>();
        private final Map<String, List<LiveResource<?>>> byKind = new LinkedHashMap<>();

        Found(ReadShare acrossPlans) {
            this.acrossPlans = acrossPlans;
        }

        <T> T sharedAcrossPlans(String key, Class<T> type, Supplier<? extends T> compute) {
            return acrossPlans == null ? share.get(key, type, compute) : acrossPlans.get(key, type, compute);
        }

        <T> Optional<T> handed(String key, Class<T> type) {
            return acrossPlans == null ? Optional.empty() : acrossPlans.takeHanded(key, type);
        }

        synchronized void add(LiveResource<?> resource) {
            all.add(resource);
            byLogicalId.computeIfAbsent(resource.logicalId(), k -> new ArrayList<>()).add(resource);
            byKind.computeIfAbsent(resource.kind(), k -> new ArrayList<>()).add(resource);
        }

        synchronized void addAll(List<? extends LiveResource<?>> resources) {
            resources.forEach(this::add);
        }

        /** Puts what was found in the order of {@code kindOrder} (each kind's own order kept). */
        synchronized void inOrderOf(List<String> kindOrder) {
            List<LiveResource<?>> found = new ArrayList<>(all);
            found.sort(Comparator.comparingInt(r -> kindOrder.indexOf(r.kind())));
            all.clear();
            byLogicalId.clear();
            byKind.clear();
            found.forEach(this::add);
        }

        synchronized List<LiveResource<?>> all() {
            return List.copyOf(all);
        }

        synchronized List<LiveResource<?>> candidates(String logicalId) {
            return List.copyOf(byLogicalId.getOrDefault(logicalId, List.of()));
        }

        synchronized LiveResource<?> first(String logicalId) {
            List<LiveResource<?>> candidates = byLogicalId.getOrDefault(logicalId, List.of());
            return candidates.isEmpty() ? null : candidates.get(0);
        }

        synchronized List<LiveResource<?>> ofKind(String kind) {
            return List.copyOf(byKind.getOrDefault(kind, List.of()));
        }
    }
}
