package io.slipway.controller;

import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A stalled roll shows in the group's Stalled condition, which moves only when the roll's state does. */
class RolloutConditionTest {
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aStalledRollMakesTheGroupStalledAndKeepsWhenItBecameSo() {
        Condition was = new Condition(ConditionType.STALLED, Condition.TRUE, RolloutCondition.STALLED_REASON, "blocked");
        was.lastTransitionTime = "2026-12-01T09:00:00Z";
        List<Condition> previous = List.of(was);
        List<Condition> current = new ArrayList<>(List.of(new Condition(ConditionType.STALLED, Condition.TRUE,
                RolloutCondition.STALLED_REASON, "blocked")));
        current.get(0).lastTransitionTime = was.lastTransitionTime;
        Conditions conditions = new Conditions(current, 3, LATER);
        conditions.set(ConditionType.STALLED, false, "Progressing", ""); // what the reconcile's own phases say

        RolloutCondition.set(conditions, current, previous, rollout(RolloutPhase.STALLED, "drain timed out: pod web-1 blocks"));

        Condition stalled = Conditions.get(current, ConditionType.STALLED).orElseThrow();
        assertThat(stalled.status).isEqualTo(Condition.TRUE);
        assertThat(stalled.reason).isEqualTo("RollingUpdateStalled");
        assertThat(stalled.message).isEqualTo("drain timed out: pod web-1 blocks");
        assertThat(stalled.lastTransitionTime).isEqualTo("2026-12-01T09:00:00Z");

        List<Condition> fresh = new ArrayList<>();
        Conditions first = new Conditions(fresh, 3, LATER);
        first.set(ConditionType.STALLED, false, "Progressing", "");
        RolloutCondition.set(first, fresh, List.of(), rollout(RolloutPhase.STALLED, "blocked"));
        assertThat(Conditions.get(fresh, ConditionType.STALLED).orElseThrow().lastTransitionTime).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void aRollingOrFinishedRollLeavesStalledAlone() {
        for (String phase : List.of(RolloutPhase.IDLE, RolloutPhase.ROLLING_OUT, RolloutPhase.COMPLETED)) {
            List<Condition> current = new ArrayList<>();
            Conditions conditions = new Conditions(current, 1, LATER);
            conditions.set(ConditionType.STALLED, false, "Progressing", "");
            RolloutCondition.set(conditions, current, null, rollout(phase, "m"));
            assertThat(Conditions.get(current, ConditionType.STALLED).orElseThrow().status).as(phase).isEqualTo(Condition.FALSE);
        }
    }

    private static InstanceGroupStatus.RolloutStatus rollout(String phase, String message) {
        InstanceGroupStatus.RolloutStatus rollout = new InstanceGroupStatus.RolloutStatus();
        rollout.phase = phase;
        rollout.message = message;
        return rollout;
    }
}
