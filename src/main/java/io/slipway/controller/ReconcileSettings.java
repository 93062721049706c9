package io.slipway.controller;

import java.time.Duration;

/**
 * How often the Cluster reconciler comes back.
 *
 * @param resync         when converged: look again after this long, to catch drift (default 5 minutes)
 * @param inFlight       while changes are being applied or waited on (default 5 seconds)
 * @param retryAfterError after a retryable AWS error (default 30 seconds)
 * @param maxPlanChanges changes listed in status.plan; the rest are counted (default 50)
 * @param teardownStallAfter how long a delete may be held by objects Slipway did not make before the Cluster says
 *                       Stalled (default 10 minutes; it keeps retrying)
 */
public record ReconcileSettings(Duration resync, Duration inFlight, Duration retryAfterError, int maxPlanChanges,
                                Duration teardownStallAfter) {
    public static final Duration DEFAULT_TEARDOWN_STALL_AFTER = Duration.ofMinutes(10);

    public ReconcileSettings(Duration resync, Duration inFlight, Duration retryAfterError, int maxPlanChanges) {
        this(resync, inFlight, retryAfterError, maxPlanChanges, DEFAULT_TEARDOWN_STALL_AFTER);
    }

    /**
     * How often a cluster that is Ready is validated again, and a Ready group's instances and nodes read again, at
     * the most: a node lost or an instance terminated shows within this time, not at the next resync.
     */
    public static final Duration OBSERVE_READY_EVERY = Duration.ofMinutes(1);

    /**
     * How soon a reconcile that applied changes, none of which waits for anything, comes back to verify them: the
     * next plan confirms convergence at once instead of an in-flight interval later (what is left to wait for, such
     * as a NAT gateway still pending, is still looked at every {@code inFlight}). Not zero, so that a change that
     * never converges cannot spin.
     */
    public static final Duration VERIFY_AFTER_APPLY = Duration.ofMillis(500);

    /**
     * How often the NAT gateways that the Cluster's plan waits for are looked at (by id, one call for all of them)
     * between reconciles, so that what waits for them is applied within this time of the last turning available (see
     * {@link NatGatewayWatch}): two calls a second per cluster, only while its gateways are pending.
     */
    public static final Duration POLL_PENDING_EVERY = Duration.ofMillis(500);

    /** {@link #POLL_PENDING_EVERY}, or the in-flight interval if shorter (then no extra look is needed). */
    public Duration pollPendingEvery() {
        return inFlight.compareTo(POLL_PENDING_EVERY) <= 0 ? inFlight : POLL_PENDING_EVERY;
    }

    /** When to verify changes that were all applied: {@link #VERIFY_AFTER_APPLY}, or the in-flight interval if shorter. */
    public Duration verifyAfterApply() {
        return inFlight.compareTo(VERIFY_AFTER_APPLY) <= 0 ? inFlight : VERIFY_AFTER_APPLY;
    }

    /** The next look at something Ready: the resync, or sooner. */
    public Duration observeReady() {
        return resync.compareTo(OBSERVE_READY_EVERY) <= 0 ? resync : OBSERVE_READY_EVERY;
    }

    /** What a reconcile takes, beyond the interval between reconciles, in {@link #readsMustLast()}. */
    public static final Duration RECONCILE_MARGIN = Duration.ofSeconds(1);

    /**
     * How long what a reconcile takes from the cluster's read share, or the converged plan it takes instead of
     * planning, must stay fresh: until the next reconcile of a resource that waits (the in-flight interval) is over.
     * What would be stale by then is read again in this reconcile, where nothing waits for it, so that the reconcile an
     * event brings meanwhile (a node turning Ready) finds fresh reads instead of reading everything first. At most half
     * the share's lifetime, so that the share still serves.
     */
    public Duration readsMustLast() {
        Duration wanted = inFlight.plus(RECONCILE_MARGIN);
        Duration half = io.slipway.cloud.ReadShare.lifetimeFor(resync).dividedBy(2);
        return wanted.compareTo(half) <= 0 ? wanted : half;
    }

    public static ReconcileSettings defaults() {
        return new ReconcileSettings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 50);
    }

    public ReconcileSettings withTeardownStallAfter(Duration stallAfter) {
        return new ReconcileSettings(resync, inFlight, retryAfterError, maxPlanChanges, stallAfter);
    }
}
