package io.slipway.testing;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.RollingUpdateSpec;

/** spec.rollingUpdate as a test writes it. */
public final class RollingUpdates {
    private RollingUpdates() {
    }

    /** Each of maxSurge and maxUnavailable an Integer, a percentage String such as "25%", or null (unset). */
    public static RollingUpdateSpec of(Object maxSurge, Object maxUnavailable) {
        RollingUpdateSpec spec = new RollingUpdateSpec();
        spec.maxSurge = value(maxSurge);
        spec.maxUnavailable = value(maxUnavailable);
        return spec;
    }

    private static IntOrString value(Object v) {
        return v == null ? null : v instanceof Integer i ? new IntOrString(i) : new IntOrString((String) v);
    }
}
