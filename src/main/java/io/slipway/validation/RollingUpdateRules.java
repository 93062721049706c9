package io.slipway.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.api.SpecDefaults;

import java.time.Duration;

/**
 * Rolling-update settings: maxSurge / maxUnavailable forms, that a roll can make progress (not both 0, counting
 * the defaults and the Cluster's values an InstanceGroup inherits), and the timeouts as Go durations.
 */
final class RollingUpdateRules {
    /** Defaults when neither the InstanceGroup nor the Cluster sets a value. */
    static final IntOrPercent DEFAULT_MAX_SURGE = new IntOrPercent(SpecDefaults.MAX_SURGE, false);
    static final IntOrPercent DEFAULT_MAX_UNAVAILABLE = new IntOrPercent(SpecDefaults.MAX_UNAVAILABLE, false);

    private RollingUpdateRules() {
    }

    /** Checks one rollingUpdate block on its own; {@code inherited} (may be null) fills the values it leaves unset. */
    static void check(RollingUpdateSpec ru, RollingUpdateSpec inherited, String path, String inheritedFrom, ErrorList errors) {
        if (ru == null) {
            return;
        }
        IntOrPercent surge = parse(ru.maxSurge, path + ".maxSurge", errors);
        IntOrPercent unavailable = parse(ru.maxUnavailable, path + ".maxUnavailable", errors);
        if (!errors.has(path + ".maxSurge") && !errors.has(path + ".maxUnavailable")) {
            IntOrPercent effSurge = surge != null ? surge : quietParse(inherited == null ? null : inherited.maxSurge, DEFAULT_MAX_SURGE);
            IntOrPercent effUnavailable = unavailable != null ? unavailable
                    : quietParse(inherited == null ? null : inherited.maxUnavailable, DEFAULT_MAX_UNAVAILABLE);
            if ((surge != null || unavailable != null) && effSurge.isZero() && effUnavailable.isZero()) {
                String detail;
                if (surge != null && unavailable != null) {
                    detail = "; set maxSurge to 1 or more to start new instances before old ones go";
                } else if (surge != null) {
                    detail = " (maxUnavailable is " + (inherited != null && inherited.maxUnavailable != null ? "0 in " + inheritedFrom : "0 by default")
                            + "); set maxSurge to 1 or more, or maxUnavailable to 1 or more";
                } else {
                    detail = " (maxSurge is " + (inherited != null && inherited.maxSurge != null ? "0 in " + inheritedFrom : "0 by default")
                            + "); set maxSurge or maxUnavailable to 1 or more";
                }
                errors.add(path + ".maxSurge", CelMessages.SURGE_AND_UNAVAILABLE_ZERO + detail);
            }
        }
        checkTimeout(ru.drainTimeout, path + ".drainTimeout", errors);
        checkTimeout(ru.validationTimeout, path + ".validationTimeout", errors);
    }

    private static IntOrPercent parse(IntOrString v, String path, ErrorList errors) {
        if (v == null) {
            return null;
        }
        try {
            return IntOrPercent.parse(v);
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    private static IntOrPercent quietParse(IntOrString v, IntOrPercent fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return IntOrPercent.parse(v);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static void checkTimeout(String value, String path, ErrorList errors) {
        if (value == null || errors.has(path)) {
            return;
        }
        try {
            Duration d = GoDuration.parse(value);
            if (d.isZero() || d.isNegative()) {
                errors.add(path, "must be longer than 0, e.g. 15m");
            }
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
        }
    }
}
