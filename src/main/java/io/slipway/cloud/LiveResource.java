package io.slipway.cloud;

import java.util.Objects;

/**
 * A resource as it exists in the cloud.
 *
 * @param kind      kind name
 * @param logicalId the logical id it carries (read from its ownership tag, or the desired id for shared ones)
 * @param cloudId   the cloud's id for it
 * @param state     the kind's typed view of it
 * @param owned     true when it carries the owner's tag (only owned resources are ever deleted)
 */
public record LiveResource<L>(String kind, String logicalId, String cloudId, L state, boolean owned) {
    public LiveResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(cloudId, "cloudId");
        Objects.requireNonNull(state, "state");
    }
}
