package io.slipway.rollout.remediation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.RemediationSpec;
import io.slipway.api.SpecDefaults;
import io.slipway.validation.GoDuration;
import io.slipway.validation.IntOrPercent;

import java.time.Duration;
import java.util.function.Function;

/**
 * A group's effective remediation settings: each field the InstanceGroup leaves unset takes the Cluster's, and
 * then {@link SpecDefaults}. Values are validated before a reconcile gets here; one that does not parse anyway
 * falls back to the next layer rather than failing the roll.
 */
public record RemediationSettings(boolean enabled, Duration unhealthyAfter, IntOrPercent maxUnhealthy) {
    public static final RemediationSettings DEFAULTS = new RemediationSettings(SpecDefaults.REMEDIATION_ENABLED,
            GoDuration.parse(SpecDefaults.UNHEALTHY_AFTER), IntOrPercent.parse(new IntOrString(SpecDefaults.MAX_UNHEALTHY)));

    public static RemediationSettings of(InstanceGroupSpec group, ClusterSpec cluster) {
        RemediationSpec own = group == null ? null : group.remediation;
        RemediationSpec inherited = cluster == null ? null : cluster.remediation;
        return new RemediationSettings(
                pick(own, inherited, r -> r.enabled, Function.identity(), DEFAULTS.enabled),
                pick(own, inherited, r -> r.unhealthyAfter, RemediationSettings::positiveDuration, DEFAULTS.unhealthyAfter),
                pick(own, inherited, r -> r.maxUnhealthy, IntOrPercent::parse, DEFAULTS.maxUnhealthy));
    }

    private static <R, T> T pick(RemediationSpec own, RemediationSpec inherited, Function<RemediationSpec, R> field,
                                 Function<R, T> parse, T fallback) {
        for (RemediationSpec layer : new RemediationSpec[]{own, inherited}) {
            R raw = layer == null ? null : field.apply(layer);
            if (raw != null) {
                try {
                    return parse.apply(raw);
                } catch (IllegalArgumentException e) {
                    // validation reports it; the next layer stands in meanwhile
                }
            }
        }
        return fallback;
    }

    private static Duration positiveDuration(String text) {
        Duration d = GoDuration.parse(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("not positive");
        }
        return d;
    }
}
