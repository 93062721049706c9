package io.slipway.cloud;

import java.util.List;
import java.util.Map;

/**
 * Names what blocks deletes that failed as retryable. A teardown asks once, after its last round, so that the
 * caller can say which objects it must wait for (or a human must remove) instead of retrying silently.
 */
@FunctionalInterface
public interface BlockerLookup {
    BlockerLookup NONE = (failed, remaining) -> Map.of();

    /**
     * @param failed    deletes that failed with a retryable failure in the last round
     * @param remaining everything the owner still owns (what it may wait for is not a blocker to report)
     * @return per failed change's {@link Change#key()}, the blockers found; changes with none may be left out
     */
    Map<String, List<Blocker>> blockersOf(List<Change> failed, List<Change> remaining);
}
