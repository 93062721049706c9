package io.slipway.cloud;

import java.util.Optional;

/** Resolves references against live state (what has been found or created so far). */
public interface Refs {
    /** Live state of a resource of the graph, by logical id; empty when it does not exist (yet). */
    Optional<LiveResource<?>> live(String logicalId);

    /** The cloud id a reference stands for; empty when the referenced resource does not exist yet. */
    default Optional<String> cloudId(Ref ref) {
        if (ref == null) {
            return Optional.empty();
        }
        if (ref.isLiteral()) {
            return Optional.of(ref.literalId());
        }
        return live(ref.logicalId()).map(LiveResource::cloudId);
    }

    /** Like {@link #cloudId(Ref)} but for apply time, when the dependency must exist. */
    default String require(Ref ref) {
        return cloudId(ref).orElseThrow(() -> new IllegalStateException(
                "dependency " + ref.logicalId() + " does not exist"));
    }

    /** Typed live state of a resource of the graph. */
    default <L> Optional<L> state(String logicalId, Class<L> type) {
        return live(logicalId).map(LiveResource::state).filter(type::isInstance).map(type::cast);
    }
}
