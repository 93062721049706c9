package io.slipway.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The immutable set of resources an owner wants, with their dependencies. Built through {@link #builder};
 * {@link Builder#build()} refuses duplicate logical ids, references to unknown resources and cycles.
 */
public final class DesiredGraph {
    private final Owner owner;
    private final Map<String, DesiredResource<?>> byId;
    private final List<DesiredResource<?>> topologicalOrder;
    private final Map<String, Owner> externalOwners;
    private final Optional<Set<String>> ownedKinds;
    private final Set<String> leftAlone;

    private DesiredGraph(Owner owner, Map<String, DesiredResource<?>> byId, List<DesiredResource<?>> order,
                         Map<String, Owner> externalOwners, Optional<Set<String>> ownedKinds, Set<String> leftAlone) {
        this.owner = owner;
        this.byId = byId;
        this.topologicalOrder = order;
        this.externalOwners = externalOwners;
        this.ownedKinds = ownedKinds;
        this.leftAlone = leftAlone;
    }

    public static Builder builder(Owner owner) {
        return new Builder(owner);
    }

    public static DesiredGraph empty(Owner owner) {
        return builder(owner).build();
    }

    public Owner owner() {
        return owner;
    }

    public Optional<DesiredResource<?>> get(String logicalId) {
        return Optional.ofNullable(byId.get(logicalId));
    }

    public boolean contains(String logicalId) {
        return byId.containsKey(logicalId);
    }

    /** Every resource, each after all of its dependencies. */
    public List<DesiredResource<?>> inDependencyOrder() {
        return topologicalOrder;
    }

    /** The owner of an {@link Lifecycle#EXTERNAL} resource of this graph; empty for any other. */
    public Optional<Owner> externalOwner(String logicalId) {
        return Optional.ofNullable(externalOwners.get(logicalId));
    }

    /**
     * The only kinds this graph's owner ever owns, when the model says so ({@link Builder#ownsOnly}): a plan then
     * looks for the owner's resources among these kinds alone. Empty: any kind (the planner looks in every kind).
     */
    public Optional<Set<String>> ownedKinds() {
        return ownedKinds;
    }

    /**
     * The kinds this graph does not plan ({@link Builder#leaveAlone}): a plan of it neither creates, changes nor
     * deletes a resource of these kinds, whatever exists.
     */
    public Set<String> leftAlone() {
        return leftAlone;
    }

    public int size() {
        return byId.size();
    }

    @SuppressWarnings("unchecked")
    public <S extends ResourceSpec> List<DesiredResource<S>> ofKind(String kind) {
        List<DesiredResource<S>> result = new ArrayList<>();
        for (DesiredResource<?> resource : topologicalOrder) {
            if (resource.kind().equals(kind)) {
                result.add((DesiredResource<S>) resource);
            }
        }
        return result;
    }

    /**
     * A stable hash of the whole desired state. A caller that remembers the fingerprint of the last graph it
     * converged can tell drift (same fingerprint, yet changes) from a spec change.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Map<String, DesiredResource<?>> sorted = new TreeMap<>(byId);
            digest.update(owner.id().getBytes(StandardCharsets.UTF_8));
            for (DesiredResource<?> resource : sorted.values()) {
                String line = "\n" + resource.logicalId() + "|" + resource.lifecycle() + "|" + resource.spec()
                        + (externalOwners.containsKey(resource.logicalId()) ? "|" + externalOwners.get(resource.logicalId()) : "");
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            if (!leftAlone.isEmpty()) {
                digest.update(("\nleaves alone " + new java.util.TreeSet<>(leftAlone))
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final Owner owner;
        private final Map<String, DesiredResource<?>> byId = new LinkedHashMap<>();
        private final Map<String, Owner> externalOwners = new LinkedHashMap<>();
        private Set<String> ownedKinds;
        private final Set<String> leftAlone = new java.util.TreeSet<>();

        private Builder(Owner owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
        }

        public <S extends ResourceSpec> Builder add(String logicalId, Lifecycle lifecycle, S spec) {
            return add(new DesiredResource<>(logicalId, lifecycle, spec));
        }

        public Builder managed(String logicalId, ResourceSpec spec) {
            return add(logicalId, Lifecycle.MANAGED, spec);
        }

        public Builder shared(String logicalId, ResourceSpec spec) {
            return add(logicalId, Lifecycle.SHARED, spec);
        }

        /**
         * A resource another scope of the same cluster owns, which this graph only references ({@link
         * Lifecycle#EXTERNAL}). {@code spec} is what that scope wants of it; its kind's find reads it as if it were
         * that owner's (names, paths to look under), and its own references are not followed.
         */
        public Builder external(String logicalId, Owner of, ResourceSpec spec) {
            Objects.requireNonNull(of, "of");
            if (!of.id().equals(owner.id()) || of.equals(owner) || of.isEveryScope()) {
                throw new IllegalArgumentException(logicalId + ": an external resource belongs to another single scope of "
                        + owner.id() + ", not to " + of);
            }
            add(logicalId, Lifecycle.EXTERNAL, spec);
            externalOwners.put(logicalId, of);
            return this;
        }

        /**
         * Declares that the owner never owns a resource of any other kind (in any version of the model), so that a
         * plan need not look for leftovers in the others. A teardown still looks everywhere.
         */
        public Builder ownsOnly(Set<String> kinds) {
            this.ownedKinds = Set.copyOf(kinds);
            return this;
        }

        /**
         * Leaves the owner's resources of {@code kind} as they are in this graph's plans: none is created, changed or
         * deleted, and the graph holds none. For a model that cannot say yet what they should be (their content is
         * still being made): what exists must not be deleted or emptied meanwhile.
         */
        public Builder leaveAlone(String kind) {
            leftAlone.add(Objects.requireNonNull(kind, "kind"));
            return this;
        }

        public Builder add(DesiredResource<?> resource) {
            if (byId.putIfAbsent(resource.logicalId(), resource) != null) {
                throw new IllegalArgumentException("duplicate logical id " + resource.logicalId());
            }
            return this;
        }

        public DesiredGraph build() {
            for (DesiredResource<?> resource : byId.values()) {
                if (resource.lifecycle() == Lifecycle.EXTERNAL && !externalOwners.containsKey(resource.logicalId())) {
                    throw new IllegalArgumentException(resource.logicalId() + " is external: add it with external(id, owner, spec)");
                }
                if (ownedKinds != null && resource.lifecycle() != Lifecycle.EXTERNAL && !ownedKinds.contains(resource.kind())) {
                    throw new IllegalArgumentException(resource.logicalId() + " is a " + resource.kind()
                            + ", which this graph's owner does not own (ownsOnly " + new java.util.TreeSet<>(ownedKinds) + ")");
                }
                if (leftAlone.contains(resource.kind())) {
                    throw new IllegalArgumentException(resource.logicalId() + " is a " + resource.kind()
                            + ", a kind this graph leaves alone");
                }
                for (String dependency : resource.dependencies()) {
                    if (!byId.containsKey(dependency)) {
                        throw new IllegalArgumentException(resource.logicalId() + " references " + dependency
                                + ", which is not in the graph");
                    }
                }
            }
            return new DesiredGraph(owner, Map.copyOf(byId), List.copyOf(sort(byId.values())), Map.copyOf(externalOwners),
                    Optional.ofNullable(ownedKinds), Set.copyOf(leftAlone));
        }

        /** Kahn's algorithm, keeping insertion order among independent resources; rejects cycles. */
        private List<DesiredResource<?>> sort(Collection<DesiredResource<?>> resources) {
            Map<String, Integer> pending = new LinkedHashMap<>();
            Map<String, List<String>> dependants = new LinkedHashMap<>();
            for (DesiredResource<?> resource : resources) {
                pending.put(resource.logicalId(), resource.dependencies().size());
                for (String dependency : resource.dependencies()) {
                    dependants.computeIfAbsent(dependency, k -> new ArrayList<>()).add(resource.logicalId());
                }
            }
            Deque<String> ready = new ArrayDeque<>();
            pending.forEach((id, count) -> {
                if (count == 0) {
                    ready.add(id);
                }
            });
            List<DesiredResource<?>> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                String id = ready.poll();
                order.add(byId.get(id));
                for (String dependant : dependants.getOrDefault(id, List.of())) {
                    if (pending.merge(dependant, -1, Integer::sum) == 0) {
                        ready.add(dependant);
                    }
                }
            }
            if (order.size() != resources.size()) {
                List<String> inCycle = pending.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(Map.Entry::getKey).sorted().toList();
                throw new IllegalArgumentException("dependency cycle among " + inCycle);
            }
            return order;
        }
    }
}
