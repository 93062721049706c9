package io.slipway.rollout;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.api.SpecDefaults;
import io.slipway.validation.GoDuration;
import io.slipway.validation.IntOrPercent;

import java.time.Duration;

/**
 * A group's rolling update settings, resolved as kops resolves them: each field the InstanceGroup leaves unset takes
 * the Cluster's, then the defaults. maxSurge (default {@value SpecDefaults#MAX_SURGE}) as a percentage rounds up,
 * maxUnavailable (default 1 when the surge is 0, else 0) rounds down, and a percentage of maxUnavailable resolves to at
 * least 1. Whatever the settings, a control-plane group never surges and replaces one instance at a time, and a
 * group always makes progress (1 unavailable when both resolve to 0). A batch is maxSurge + maxUnavailable instances,
 * as kops' rolling update drains that many at once when it surges: the surged ones have their replacements before they
 * are drained, so only the others leave the group short, never more than maxUnavailable of them.
 *
 * @param maxSurge       instances detached at a time, their replacements launched before they are drained
 * @param maxUnavailable instances drained and terminated in the group at a time, next to the surged ones
 */
public record RolloutSettings(int maxSurge, int maxUnavailable, Duration drainTimeout, Duration validationTimeout,
                              boolean paused) {

    /** The batch: how many instances are replaced together. */
    public int batchSize() {
        return maxSurge + maxUnavailable;
    }

    /**
     * How many of a batch of {@code batch} instances (at most {@link #batchSize()}: fewer are left at the end of a roll)
     * surge: as kops caps the surge at what is left, the surge is filled first and only the rest go unavailable.
     */
    public int surgedIn(int batch) {
        return Math.min(maxSurge, batch);
    }

    public boolean surges() {
        return maxSurge > 0;
    }

    /**
     * @param instances the number of instances of the group, the base of percentages
     * @throws IllegalArgumentException for a value validation would have refused
     */
    public static RolloutSettings resolve(RollingUpdateSpec group, RollingUpdateSpec cluster, InstanceGroupRole role,
                                          int instances) {
        IntOrString surgeValue = pick(group == null ? null : group.maxSurge, cluster == null ? null : cluster.maxSurge);
        IntOrString unavailableValue = pick(group == null ? null : group.maxUnavailable,
                cluster == null ? null : cluster.maxUnavailable);
        int surge = surgeValue == null ? SpecDefaults.MAX_SURGE : IntOrPercent.parse(surgeValue).resolve(instances, true);
        int unavailable;
        if (unavailableValue == null) {
            unavailable = surge == 0 ? 1 : 0;
        } else {
            IntOrPercent parsed = IntOrPercent.parse(unavailableValue);
            unavailable = parsed.resolve(instances, false);
            if (parsed.percent() && unavailable <= 0) {
                unavailable = 1;
            }
        }
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        if (role == InstanceGroupRole.ControlPlane) {
            surge = 0;
            unavailable = 1;
        }
        Duration drain = GoDuration.parse(pick(group == null ? null : group.drainTimeout,
                cluster == null ? null : cluster.drainTimeout, SpecDefaults.DRAIN_TIMEOUT));
        Duration validation = GoDuration.parse(pick(group == null ? null : group.validationTimeout,
                cluster == null ? null : cluster.validationTimeout, SpecDefaults.VALIDATION_TIMEOUT));
        Boolean paused = pick(group == null ? null : group.paused, cluster == null ? null : cluster.paused);
        return new RolloutSettings(surge, unavailable, drain, validation, Boolean.TRUE.equals(paused));
    }

    private static <T> T pick(T group, T cluster) {
        return group != null ? group : cluster;
    }

    private static String pick(String group, String cluster, String fallback) {
        return group != null ? group : cluster != null ? cluster : fallback;
    }
}
