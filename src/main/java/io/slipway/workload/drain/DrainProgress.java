package io.slipway.workload.drain;

import java.util.List;

/**
 * What one drain pass found and did on a node.
 *
 * @param done         nothing is left to evict or to wait for on the node
 * @param remaining    {@code namespace/name} of the pods still to go (evicted this pass but not yet deleted included)
 * @param refused      {@code namespace/name: message} of the evictions the API refused this pass (a PodDisruptionBudget)
 * @param evicted      evictions accepted this pass
 * @param refusedCount evictions refused this pass with 429 TooManyRequests (PodDisruptionBudgets)
 */
public record DrainProgress(boolean done, List<String> remaining, List<String> refused, int evicted, int refusedCount) {
    public DrainProgress {
        remaining = List.copyOf(remaining);
        refused = List.copyOf(refused);
    }
}
