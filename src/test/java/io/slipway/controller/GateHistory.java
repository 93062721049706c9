package io.slipway.controller;

import io.slipway.api.InstanceGroupStatus.RolloutInstance;
import io.slipway.api.InstanceGroupStatus.RolloutStatus;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a roll's recorded status.rollout (every patch, in order) says about its validation gate: no batch starts (no
 * instance of it is detached, drained or terminated) before two passes in a row, both after the previous batch was
 * done. The gate opens in the reconcile of its second pass, so the status just before a batch appears must show
 * nothing in flight and its first pass counted; a batch started on a single pass comes straight after the previous
 * batch's last status, or after one with no pass counted.
 */
final class GateHistory {
    private GateHistory() {
    }

    static void assertEachBatchStartsAfterTwoPasses(List<RolloutStatus> seen) {
        int batches = 0;
        for (int i = 1; i < seen.size(); i++) {
            Set<String> before = ids(seen.get(i - 1));
            Set<String> now = ids(seen.get(i));
            if (now.isEmpty() || now.stream().allMatch(before::contains)) {
                continue;
            }
            batches++;
            RolloutStatus previous = seen.get(i - 1);
            assertThat(previous.inFlight == null ? List.<RolloutInstance>of() : previous.inFlight)
                    .as("batch %s (%s) starts with the previous batch done", batches, now).isEmpty();
            assertThat(previous.validationPasses)
                    .as("batch %s (%s) starts in the reconcile of the gate's second pass, after its first", batches, now)
                    .isEqualTo(1);
        }
        assertThat(batches).as("batches seen starting").isPositive();
    }

    private static Set<String> ids(RolloutStatus status) {
        return status.inFlight == null ? Set.of()
                : status.inFlight.stream().map(e -> e.id).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
