package io.slipway.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Teardown settings: {@code slipway.teardown.*} (env SLIPWAY_TEARDOWN_STALL_AFTER). A mapping of its own because
 * {@link SlipwayConfig} maps {@code slipway.reconcile.*}.
 */
@ConfigMapping(prefix = "slipway.teardown")
public interface TeardownConfig {
    /**
     * How long a delete may stay blocked by objects Slipway did not make (a network interface of a Service load
     * balancer in a subnet) before the Cluster says {@code Stalled=True} with their ids; it keeps retrying.
     */
    @WithDefault("10m")
    Duration stallAfter();
}
