package io.slipway.cloud;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What a kind's find may use. */
public interface FindContext<S extends ResourceSpec> {
    Owner owner();

    /** Desired resources of this kind (empty on teardown); shared ones tell which existing objects to read. */
    List<DesiredResource<S>> desired();

    /** Resolves references against what the kinds found before this one. */
    Refs refs();

    /** Live resources of an earlier kind (declared in {@link ResourceKind#findsAfter()}). */
    List<LiveResource<?>> found(String kind);

    /** Desired resources of another kind, for a find that reads several kinds in one batched call. */
    <T extends ResourceSpec> List<DesiredResource<T>> desiredOf(String kind);

    /** A value the finds of this plan share ({@link FindShare}): computed by the first kind that asks. */
    <T> T shared(String key, Class<T> type, Supplier<? extends T> compute);

    /**
     * A read that the plans of the whole cluster share ({@link ReadShare}) when the plan reads through one, else
     * one this plan shares. {@code key} must name everything the read depends on (the cluster, the filter): the
     * value goes to other owners' plans too.
     */
    default <T> T sharedAcrossPlans(String key, Class<T> type, Supplier<? extends T> compute) {
        return shared(key, type, compute);
    }

    /**
     * A read of {@code key} that was handed over for this plan ({@link ReadShare#hand}), taken once; empty when none
     * was or the plan reads on its own.
     */
    default <T> Optional<T> handed(String key, Class<T> type) {
        return Optional.empty();
    }
}
