package io.slipway.cloud;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the engine needs to know about one kind of cloud resource. Implementations are small and
 * stateless apart from their cloud client; the engine calls them from several threads at once.
 *
 * @param <S> desired spec type
 * @param <L> live state type (an immutable snapshot)
 */
public interface ResourceKind<S extends ResourceSpec, L> {

    /** Unique kind name, used in plans, metrics and as {@link ResourceSpec#kind()}. */
    String name();

    Class<S> specType();

    /**
     * Kinds whose find results this kind's {@link #find} reads (through {@link FindContext#found}) or whose
     * live state its references resolve against. They are found first.
     */
    default Set<String> findsAfter() {
        return Set.of();
    }

    /**
     * Reads every live resource of this kind that the owner owns, plus the shared ones the desired graph
     * names. Ideally one batched call (per page) for the whole kind. Objects that are being deleted or are
     * gone for good are not returned.
     */
    List<LiveResource<L>> find(FindContext<S> context);

    /** Fields of {@code live} that differ from {@code desired}; immutable ones are flagged. */
    List<FieldChange> diff(S desired, L live, Refs refs);

    /**
     * Creates the resource with the fewest calls and returns its live state. The ownership marks (owner and
     * logical id, which {@link #find} reads back) go into the create call itself. Must not leave a duplicate
     * behind when a call's outcome is unknown (find by those marks before creating again).
     */
    L create(Owner owner, String logicalId, S desired, Refs refs);

    /** Applies the (mutable) changes and returns the new live state. */
    L update(String logicalId, S desired, L live, List<FieldChange> changes, Refs refs);

    /** Deletes it; deleting something already gone is a success. */
    void delete(L live);

    String cloudId(L live);

    /** Cloud ids of the live resources this one uses; they are deleted after it. */
    default Set<String> references(L live) {
        return Set.of();
    }

    /**
     * True when minutes pass between its create and its being usable (a NAT gateway, a load balancer): the executor
     * starts it, and what it needs, ahead of the other changes of a plan.
     */
    default boolean slowToBecomeReady() {
        return false;
    }

    /** False while the resource exists but cannot be used yet (dependants wait, e.g. a pending NAT gateway). */
    default boolean ready(L live) {
        return true;
    }

    /**
     * Values worth publishing (public IP, state, zone...). By default, the live state's own {@link Outputs} (what other
     * resources' references read), or none.
     */
    default Map<String, String> outputs(L live) {
        return live instanceof Outputs offered ? offered.outputs() : Map.of();
    }
}
