package io.slipway.controller;

import io.slipway.api.InstanceGroupStatus.RolloutInstance;
import io.slipway.api.InstanceGroupStatus.RolloutStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check NodeGroupRollTest makes of a roll's recorded statuses tells a strict gate from a one-pass one. */
class GateHistoryTest {
    @Test
    void batchesThatEachStartAfterTwoPassesPass() {
        assertThatCode(() -> GateHistory.assertEachBatchStartsAfterTwoPasses(List.of(
                status(0), status(1), status(0, "i-1"), status(1, "i-1"), status(0, "i-1"),
                status(1), status(0, "i-2"), status(1))))
                .doesNotThrowAnyException();
    }

    @Test
    void aFirstBatchStartedOnOnePassFails() {
        assertThatThrownBy(() -> GateHistory.assertEachBatchStartsAfterTwoPasses(List.of(
                status(0), status(0, "i-1"), status(1, "i-1"), status(0, "i-1"), status(1))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("second pass");
    }

    @Test
    void aNextBatchStartedInTheReconcileThatTerminatedThePreviousOneFails() {
        assertThatThrownBy(() -> GateHistory.assertEachBatchStartsAfterTwoPasses(List.of(
                status(0), status(1), status(0, "i-1"), status(0, "i-2"), status(1))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("previous batch done");
    }

    @Test
    void aNextBatchStartedOnAPassCountedBeforeThePreviousBatchWasDoneFails() {
        assertThatThrownBy(() -> GateHistory.assertEachBatchStartsAfterTwoPasses(List.of(
                status(0), status(1), status(0, "i-1"), status(1, "i-1"), status(0, "i-2"))))
                .isInstanceOf(AssertionError.class);
    }

    private static RolloutStatus status(int passes, String... inFlight) {
        RolloutStatus s = new RolloutStatus();
        s.validationPasses = passes;
        s.inFlight = new ArrayList<>();
        for (String id : inFlight) {
            RolloutInstance i = new RolloutInstance();
            i.id = id;
            i.step = "Detach";
            s.inFlight.add(i);
        }
        return s;
    }
}
