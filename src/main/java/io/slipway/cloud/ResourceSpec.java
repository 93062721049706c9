package io.slipway.cloud;

import java.util.List;

/**
 * The desired state of one resource: plain data. Implementations are records whose {@code toString()} is
 * deterministic (sorted maps), because the graph's fingerprint is built from it.
 */
public interface ResourceSpec {
    /** Name of the {@link ResourceKind} that handles this spec. */
    String kind();

    /** Every reference this spec holds; references to logical ids are its dependencies. */
    List<Ref> references();
}
