package io.slipway.controller;

import java.time.Duration;

/**
 * How often the Cluster reconciler comes back.
 *
 * @param resync         when converged: look again after this long, to catch drift (default 5 minutes)
 * @param inFlight       while changes are being applied or waited on (default 5 seconds)
 * @param retryAfterError after a retryable AWS error (default 30 seconds)
 * @param maxPlanChanges changes listed in status.plan; the rest are counted (default 50)
 */
public record ReconcileSettings(Duration resync, Duration inFlight, Duration retryAfterError, int maxPlanChanges) {
    public static ReconcileSettings defaults() {
        return new ReconcileSettings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 50);
    }
}
