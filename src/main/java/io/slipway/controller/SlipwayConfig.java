package io.slipway.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Operator settings: {@code slipway.reconcile.*} (env SLIPWAY_RECONCILE_RESYNC etc.). */
@ConfigMapping(prefix = "slipway.reconcile")
public interface SlipwayConfig {
    /** Resync period of a converged Cluster: drift is found at most this late. */
    @WithDefault("5m")
    Duration resync();

    @WithDefault("5s")
    Duration inFlight();

    @WithDefault("30s")
    Duration retryAfterError();

    @WithDefault("50")
    int maxPlanChanges();

    /** Cloud changes in flight at once, over all clusters (AWS mutation limits are a few per second per account). */
    @WithDefault("8")
    int applyParallelism();

    default ReconcileSettings settings() {
        return new ReconcileSettings(resync(), inFlight(), retryAfterError(), maxPlanChanges());
    }
}
