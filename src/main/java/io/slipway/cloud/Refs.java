package io.slipway.cloud;

import java.util.Optional;

/** Resolves references against live state (what has been found or created so far). */
public interface Refs {
    /** Live state of a resource of the graph, by logical id; empty when it does not exist (yet). */
    Optional<LiveResource<?>> live(String logicalId);

    /**
     * The value a reference stands for: a literal, the referenced resource's cloud id, or its named output.
     * Empty when the referenced resource does not exist yet or does not offer that output.
     */
    default Optional<String> value(Ref ref) {
        if (ref == null) {
            return Optional.empty();
        }
        if (ref.isLiteral()) {
            return Optional.of(ref.literalId());
        }
        Optional<LiveResource<?>> live = live(ref.logicalId());
        if (ref.output() == null) {
            return live.map(LiveResource::cloudId);
        }
        return live.map(LiveResource::state).filter(Outputs.class::isInstance).map(Outputs.class::cast)
                .map(state -> state.outputs().get(ref.output()));
    }

    /** The cloud id (or output) a reference stands for; empty when the referenced resource does not exist yet. */
    default Optional<String> cloudId(Ref ref) {
        return value(ref);
    }

    /** Like {@link #value(Ref)} but for apply time, when the dependency must exist. */
    default String require(Ref ref) {
        return value(ref).orElseThrow(() -> new IllegalStateException("dependency " + ref
                + (ref.output() == null ? " does not exist" : " does not exist or has no " + ref.output() + " yet")));
    }

    /** Typed live state of a resource of the graph. */
    default <L> Optional<L> state(String logicalId, Class<L> type) {
        return live(logicalId).map(LiveResource::state).filter(type::isInstance).map(type::cast);
    }
}
