package io.slipway.controller;

import java.util.Set;

/** The values of status.rollout.phase. */
public final class RolloutPhase {
    public static final String IDLE = "Idle";
    public static final String WAITING = "Waiting";
    public static final String ROLLING_OUT = "RollingOut";
    public static final String PAUSED = "Paused";
    public static final String STALLED = "Stalled";
    public static final String COMPLETED = "Completed";

    private static final Set<String> ACTIVE = Set.of(WAITING, ROLLING_OUT, PAUSED, STALLED);

    private RolloutPhase() {
    }

    /** Instances are being replaced, or wait to be. */
    public static boolean isActive(String phase) {
        return phase != null && ACTIVE.contains(phase);
    }
}
