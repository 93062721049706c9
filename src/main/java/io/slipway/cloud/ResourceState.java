package io.slipway.cloud;

import java.util.Map;

/** A public view of one live resource: what a status needs (ids, readiness, a few values). */
public record ResourceState(String kind, String logicalId, String cloudId, boolean owned, boolean ready,
                            Map<String, String> outputs) {
    public ResourceState {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }
}
