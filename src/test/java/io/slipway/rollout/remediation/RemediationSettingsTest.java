package io.slipway.rollout.remediation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.RemediationSpec;
import io.slipway.api.SpecDefaults;
import io.slipway.validation.IntOrPercent;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RemediationSettingsTest {

    private static RemediationSpec spec(Boolean enabled, String after, IntOrString max) {
        RemediationSpec r = new RemediationSpec();
        r.enabled = enabled;
        r.unhealthyAfter = after;
        r.maxUnhealthy = max;
        return r;
    }

    @Test
    void nothingSetIsTheSpecDefaults() {
        RemediationSettings s = RemediationSettings.of(new InstanceGroupSpec(), new ClusterSpec());
        assertThat(s).isEqualTo(new RemediationSettings(true, Duration.ofMinutes(5), new IntOrPercent(40, true)));
        assertThat(s).isEqualTo(RemediationSettings.DEFAULTS);
        assertThat(SpecDefaults.UNHEALTHY_AFTER).isEqualTo("5m");
    }

    @Test
    void eachFieldTheGroupLeavesUnsetIsTheClusters() {
        ClusterSpec cluster = new ClusterSpec();
        cluster.remediation = spec(false, "10m", new IntOrString(2));
        InstanceGroupSpec group = new InstanceGroupSpec();
        group.remediation = spec(null, "90s", null);
        assertThat(RemediationSettings.of(group, cluster))
                .isEqualTo(new RemediationSettings(false, Duration.ofSeconds(90), new IntOrPercent(2, false)));
    }

    @Test
    void theGroupWins() {
        ClusterSpec cluster = new ClusterSpec();
        cluster.remediation = spec(false, "10m", new IntOrString(2));
        InstanceGroupSpec group = new InstanceGroupSpec();
        group.remediation = spec(true, "1m", new IntOrString("100%"));
        assertThat(RemediationSettings.of(group, cluster))
                .isEqualTo(new RemediationSettings(true, Duration.ofMinutes(1), new IntOrPercent(100, true)));
    }

    @Test
    void anUnparsableValueFallsBackToTheNextLayer() {
        ClusterSpec cluster = new ClusterSpec();
        cluster.remediation = spec(null, "0s", new IntOrString("7"));
        InstanceGroupSpec group = new InstanceGroupSpec();
        group.remediation = spec(null, "soon", new IntOrString("lots"));
        assertThat(RemediationSettings.of(group, cluster)).isEqualTo(RemediationSettings.DEFAULTS);
    }

    @Test
    void goDurationsInMessages() {
        assertThat(GoDurations.format(Duration.ofSeconds(0))).isEqualTo("0s");
        assertThat(GoDurations.format(Duration.ofMillis(900))).isEqualTo("0s");
        assertThat(GoDurations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(GoDurations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(GoDurations.format(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
        assertThat(GoDurations.format(Duration.ofHours(2))).isEqualTo("2h");
    }
}
