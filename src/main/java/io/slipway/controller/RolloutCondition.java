package io.slipway.controller;

import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;

import java.util.List;

/**
 * The InstanceGroup's {@code RollingUpdate} condition, from the status.rollout the rollout controller writes: True
 * while instances are being replaced or wait to be (RollingOut, Waiting, Paused, Stalled), False otherwise.
 */
public final class RolloutCondition {
    private RolloutCondition() {
    }

    /**
     * @param current  the conditions {@code conditions} writes to
     * @param previous the conditions as the object had them before this reconcile (null when none)
     */
    public static void set(Conditions conditions, List<Condition> current, List<Condition> previous,
                           InstanceGroupStatus.RolloutStatus rollout) {
        String phase = rollout == null || rollout.phase == null ? RolloutPhase.IDLE : rollout.phase;
        String message = rollout == null || rollout.message == null ? "" : rollout.message;
        boolean active = RolloutPhase.isActive(phase);
        conditions.set(ConditionType.ROLLING_UPDATE, active, phase, active ? message
                : rollout == null ? "no instance needs replacing" : message);
        // A stalled roll waits for a human (a blocking PodDisruptionBudget, a cluster that does not validate, a sole
        // control-plane instance): the object's Stalled condition, which kstatus and Argo CD read, says so too,
        // unless the group is already Stalled for a reason of its own.
        if (RolloutPhase.STALLED.equals(phase) && !Conditions.isTrue(current, ConditionType.STALLED)) {
            conditions.set(ConditionType.STALLED, true, STALLED_REASON, message);
            // this reconcile set it False first: a Stalled that was True before did not transition
            Conditions.get(previous, ConditionType.STALLED).filter(Condition::isTrue).ifPresent(was ->
                    Conditions.get(current, ConditionType.STALLED).orElseThrow().lastTransitionTime = was.lastTransitionTime);
        }
    }

    static final String STALLED_REASON = "RollingUpdateStalled";
}
