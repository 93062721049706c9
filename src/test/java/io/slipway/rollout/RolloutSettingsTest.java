package io.slipway.rollout;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.testing.RollingUpdates;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutSettingsTest {
    @Test
    void nodesSurgeOneByDefaultAndKeepEveryInstanceAvailable() {
        RolloutSettings s = RolloutSettings.resolve(null, null, InstanceGroupRole.Node, 6);
        assertThat(s.maxSurge()).isEqualTo(1);
        assertThat(s.maxUnavailable()).isZero();
        assertThat(s.batchSize()).isEqualTo(1);
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.validationTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.paused()).isFalse();
    }

    @Test
    void withoutSurgeOneIsUnavailableByDefault() {
        RolloutSettings s = RolloutSettings.resolve(spec(0, null), null, InstanceGroupRole.Node, 6);
        assertThat(s.maxSurge()).isZero();
        assertThat(s.maxUnavailable()).isEqualTo(1);
        assertThat(s.surges()).isFalse();
    }

    @Test
    void percentagesRoundAsKopsRoundsThem() {
        // surge rounds up: 25% of 6 = 1.5 -> 2; unavailable rounds down: 25% of 6 -> 1
        RolloutSettings s = RolloutSettings.resolve(spec("25%", "25%"), null, InstanceGroupRole.Node, 6);
        assertThat(s.maxSurge()).isEqualTo(2);
        assertThat(s.maxUnavailable()).isEqualTo(1);
        // a percentage of maxUnavailable that rounds down to 0 is still 1
        RolloutSettings small = RolloutSettings.resolve(spec(0, "10%"), null, InstanceGroupRole.Node, 3);
        assertThat(small.maxUnavailable()).isEqualTo(1);
        RolloutSettings zeroSurge = RolloutSettings.resolve(spec("0%", null), null, InstanceGroupRole.Node, 3);
        assertThat(zeroSurge.maxSurge()).isZero();
        assertThat(zeroSurge.maxUnavailable()).isEqualTo(1);
    }

    @Test
    void aGroupTakesTheClustersValuesItLeavesUnset() {
        RollingUpdateSpec cluster = spec(3, 2);
        cluster.drainTimeout = "2s";
        cluster.paused = true;
        RollingUpdateSpec group = new RollingUpdateSpec();
        group.maxUnavailable = new IntOrString(1);
        group.validationTimeout = "1m";
        RolloutSettings s = RolloutSettings.resolve(group, cluster, InstanceGroupRole.Node, 10);
        assertThat(s.maxSurge()).isEqualTo(3);
        assertThat(s.maxUnavailable()).isEqualTo(1);
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.validationTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.paused()).isTrue();
        group.paused = false;
        assertThat(RolloutSettings.resolve(group, cluster, InstanceGroupRole.Node, 10).paused()).isFalse();
    }

    @Test
    void theControlPlaneNeverSurgesAndGoesOneAtATime() {
        RolloutSettings s = RolloutSettings.resolve(spec(3, 2), null, InstanceGroupRole.ControlPlane, 3);
        assertThat(s.maxSurge()).isZero();
        assertThat(s.maxUnavailable()).isEqualTo(1);
        assertThat(s.batchSize()).isEqualTo(1);
    }

    private static RollingUpdateSpec spec(Object surge, Object unavailable) {
        return RollingUpdates.of(surge, unavailable);
    }
}
