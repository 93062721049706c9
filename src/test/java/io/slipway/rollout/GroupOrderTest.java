package io.slipway.rollout;

import io.slipway.api.InstanceGroupRole;
import io.slipway.rollout.GroupOrder.GroupState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slipway.api.InstanceGroupRole.Bastion;
import static io.slipway.api.InstanceGroupRole.ControlPlane;
import static io.slipway.api.InstanceGroupRole.Node;
import static org.assertj.core.api.Assertions.assertThat;

class GroupOrderTest {
    @Test
    void bastionsThenControlPlaneThenNodes() {
        List<GroupState> all = List.of(state("bastions", Bastion, true), state("cp-a", ControlPlane, true),
                state("nodes", Node, true));
        assertThat(GroupOrder.waitingFor(all.get(0), all)).isEmpty();
        assertThat(GroupOrder.waitingFor(all.get(1), all)).contains("bastions");
        assertThat(GroupOrder.waitingFor(all.get(2), all)).contains("bastions");

        List<GroupState> bastionsDone = List.of(state("bastions", Bastion, false), state("cp-a", ControlPlane, true),
                state("nodes", Node, true));
        assertThat(GroupOrder.waitingFor(bastionsDone.get(1), bastionsDone)).isEmpty();
        assertThat(GroupOrder.waitingFor(bastionsDone.get(2), bastionsDone)).contains("cp-a");
    }

    @Test
    void controlPlaneGroupsGoOneAtATimeByName() {
        List<GroupState> all = List.of(state("cp-a", ControlPlane, true), state("cp-b", ControlPlane, true),
                state("cp-c", ControlPlane, false));
        assertThat(GroupOrder.waitingFor(all.get(0), all)).isEmpty();
        assertThat(GroupOrder.waitingFor(all.get(1), all)).contains("cp-a");
        // a later group already in flight (e.g. after a restart) finishes before an earlier one starts
        List<GroupState> bInFlight = List.of(state("cp-a", ControlPlane, true),
                new GroupState("cp-b", ControlPlane, true, true));
        assertThat(GroupOrder.waitingFor(bInFlight.get(0), bInFlight)).contains("cp-b");
        assertThat(GroupOrder.waitingFor(bInFlight.get(1), bInFlight)).isEmpty();
    }

    @Test
    void aGroupInFlightNeverStopsHalfway() {
        GroupState nodes = new GroupState("nodes", Node, true, true);
        assertThat(GroupOrder.waitingFor(nodes, List.of(state("cp-a", ControlPlane, true), nodes))).isEmpty();
    }

    private static GroupState state(String name, InstanceGroupRole role, boolean needsRoll) {
        return new GroupState(name, role, needsRoll, false);
    }
}
