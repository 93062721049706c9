package io.slipway.rollout;

import io.slipway.api.InstanceGroupRole;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.testing.RollingUpdates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch in surge mode, as kops' rolling update sizes it: maxSurge + maxUnavailable instances at a time, the surge
 * filled first (capped at what is left), so that only maxUnavailable of a batch ever leave the group short.
 */
class SurgeBatchTest {
    @Test
    void aSurgingBatchAlsoTakesMaxUnavailable() {
        RolloutSettings s = RolloutSettings.resolve(spec(2, 1), null, InstanceGroupRole.Node, 10);
        assertThat(s.batchSize()).isEqualTo(3);
        assertThat(s.surgedIn(3)).isEqualTo(2);
        assertThat(s.batchSize() - s.surgedIn(s.batchSize())).as("unavailable in a full batch").isEqualTo(1);
    }

    @Test
    void theSurgeIsFilledFirstWhenFewerThanABatchAreLeft() {
        RolloutSettings s = RolloutSettings.resolve(spec(2, 1), null, InstanceGroupRole.Node, 10);
        assertThat(s.surgedIn(2)).as("two left: both surge, none unavailable").isEqualTo(2);
        assertThat(s.surgedIn(1)).isEqualTo(1);
    }

    @Test
    void percentagesResolveBeforeTheyAdd() {
        // 30% of 10: surge rounds up to 3, unavailable rounds down to 3
        RolloutSettings s = RolloutSettings.resolve(spec("30%", "30%"), null, InstanceGroupRole.Node, 10);
        assertThat(s.batchSize()).isEqualTo(6);
        assertThat(s.surgedIn(6)).isEqualTo(3);
        // 25% of 6: surge 2 (up), unavailable 1 (down)
        RolloutSettings six = RolloutSettings.resolve(spec("25%", "25%"), null, InstanceGroupRole.Node, 6);
        assertThat(six.batchSize()).isEqualTo(3);
        assertThat(six.batchSize() - six.surgedIn(six.batchSize())).isEqualTo(1);
    }

    @Test
    void withTheDefaultsABatchIsTheSurgeOrTheUnavailableAlone() {
        RolloutSettings surge = RolloutSettings.resolve(null, null, InstanceGroupRole.Node, 6);
        assertThat(surge.batchSize()).isEqualTo(1);
        assertThat(surge.surgedIn(1)).isEqualTo(1);
        RolloutSettings noSurge = RolloutSettings.resolve(spec(0, 2), null, InstanceGroupRole.Node, 6);
        assertThat(noSurge.batchSize()).isEqualTo(2);
        assertThat(noSurge.surgedIn(2)).isZero();
        RolloutSettings bigSurge = RolloutSettings.resolve(spec(3, null), null, InstanceGroupRole.Node, 30);
        assertThat(bigSurge.batchSize()).as("maxUnavailable defaults to 0 with a surge").isEqualTo(3);
    }

    @Test
    void theControlPlaneStaysOneAtATimeWhateverTheSettings() {
        RolloutSettings s = RolloutSettings.resolve(spec(3, 2), null, InstanceGroupRole.ControlPlane, 3);
        assertThat(s.batchSize()).isEqualTo(1);
        assertThat(s.surgedIn(1)).isZero();
    }

    private static RollingUpdateSpec spec(Object surge, Object unavailable) {
        return RollingUpdates.of(surge, unavailable);
    }
}
