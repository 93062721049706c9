package io.slipway.rollout;

import io.slipway.rollout.RolloutStep.Path;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.rollout.RolloutStep.*;
import static org.assertj.core.api.Assertions.assertThat;

class RolloutStepTest {
    @Test
    void aSurgedNodeIsDetachedThenWaitedForValidatedDrainedAndTerminated() {
        assertThat(steps(new Path(true, true, false)))
                .containsExactly(DETACH, WAIT_FOR_REPLACEMENTS, VALIDATE, DRAIN, TERMINATE, WAIT_FOR_TERMINATION);
    }

    @Test
    void withoutSurgeANodeIsDrainedFirst() {
        assertThat(steps(new Path(false, true, false))).containsExactly(DRAIN, TERMINATE, WAIT_FOR_TERMINATION);
    }

    @Test
    void aControlPlaneInstanceLeavesTheControlPlaneBeforeItIsTerminated() {
        assertThat(steps(new Path(false, true, true)))
                .containsExactly(DRAIN, REMOVE_FROM_CONTROL_PLANE, TERMINATE, WAIT_FOR_TERMINATION);
    }

    @Test
    void aBastionIsNotDrained() {
        assertThat(steps(new Path(false, false, false))).containsExactly(TERMINATE, WAIT_FOR_TERMINATION);
    }

    @Test
    void wireNamesRoundTrip() {
        for (RolloutStep s : values()) {
            assertThat(fromWireName(s.wireName())).contains(s);
        }
        assertThat(fromWireName("Nonsense")).isEmpty();
    }

    private static List<RolloutStep> steps(Path path) {
        List<RolloutStep> steps = new ArrayList<>();
        Optional<RolloutStep> s = Optional.of(first(path));
        while (s.isPresent()) {
            steps.add(s.get());
            s = next(s.get(), path);
        }
        return steps;
    }
}
