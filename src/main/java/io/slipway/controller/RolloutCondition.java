package io.slipway.controller;

import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;

/**
 * The InstanceGroup's {@code RollingUpdate} condition, from the status.rollout the rollout controller writes: True
 * while instances are being replaced or wait to be (RollingOut, Waiting, Paused, Stalled), False otherwise.
 */
public final class RolloutCondition {
    private RolloutCondition() {
    }

    public static void set(Conditions conditions, InstanceGroupStatus.RolloutStatus rollout) {
        String phase = rollout == null || rollout.phase == null ? RolloutPhase.IDLE : rollout.phase;
        String message = rollout == null || rollout.message == null ? "" : rollout.message;
        boolean active = RolloutPhase.isActive(phase);
        conditions.set(ConditionType.ROLLING_UPDATE, active, phase, active ? message
                : rollout == null ? "no instance needs replacing" : message);
    }
}
