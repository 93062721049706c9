package io.slipway.cloud;

import java.util.List;

/** What a kind's find may use. */
public interface FindContext<S extends ResourceSpec> {
    Owner owner();

    /** Desired resources of this kind (empty on teardown); shared ones tell which existing objects to read. */
    List<DesiredResource<S>> desired();

    /** Resolves references against what the kinds found before this one. */
    Refs refs();

    /** Live resources of an earlier kind (declared in {@link ResourceKind#findsAfter()}). */
    List<LiveResource<?>> found(String kind);
}
