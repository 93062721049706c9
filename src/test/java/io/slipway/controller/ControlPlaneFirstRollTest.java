package io.slipway.controller;

import io.slipway.api.InstanceGroupStatus;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.SimulatedEtcd;
import io.slipway.testing.RollingUpdates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.slipway.controller.RollingClusterFixture.CONTROL_PLANE;
import static io.slipway.controller.RollingClusterFixture.EXAMPLE_GROUPS;
import static io.slipway.controller.RollingClusterFixture.NODES;
import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A kubernetesVersion upgrade of the example cluster (three control-plane groups of one, a node group of three) rolls
 * every control-plane instance, one at a time across the groups, each removed from etcd before it goes, and only then
 * the nodes.
 */
@ExtendWith(MotoExtension.class)
class ControlPlaneFirstRollTest {
    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(EXAMPLE_GROUPS)
            .spec(NODES, s -> s.rollingUpdate = RollingUpdates.of(2, 0)).build();

    @Test
    void aVersionUpgradeRollsTheControlPlaneOneByOneThenTheNodes() {
        Map<String, List<String>> before = new HashMap<>();
        for (String g : EXAMPLE_GROUPS) {
            before.put(g, fixture.instanceIds(g));
        }
        List<String> controlPlaneNodes = CONTROL_PLANE.stream()
                .map(g -> fixture.group(g).getStatus().instances.get(0).nodeName).sorted().toList();

        fixture.editCluster(c -> {
            c.getSpec().kubernetesVersion = "1.32.5";
            return c;
        });
        for (String g : EXAMPLE_GROUPS) {
            InstanceGroupStatus.RolloutStatus done = fixture.awaitRollout(g, RolloutPhase.COMPLETED);
            assertThat(done.replaced).as(g).isEqualTo(before.get(g).size());
        }
        for (String g : EXAMPLE_GROUPS) {
            // status.instances is the InstanceGroup reconciler's, refreshed from AWS after the rollout's last step
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(fixture.instanceIds(g)).as(g).doesNotContainAnyElementsOf(before.get(g)));
        }

        List<RollingClusterFixture.Seen> timeline = List.copyOf(fixture.timeline);
        Map<String, Integer> inFlight = new HashMap<>();
        int lastControlPlaneInFlight = -1;
        int firstNodeInFlight = -1;
        for (int i = 0; i < timeline.size(); i++) {
            RollingClusterFixture.Seen seen = timeline.get(i);
            inFlight.put(seen.group(), seen.rollout().inFlight.size());
            int controlPlaneInFlight = CONTROL_PLANE.stream().mapToInt(g -> inFlight.getOrDefault(g, 0)).sum();
            assertThat(controlPlaneInFlight).as("control-plane instances in flight after change %d", i).isLessThanOrEqualTo(1);
            if (controlPlaneInFlight > 0) {
                lastControlPlaneInFlight = i;
            }
            if (seen.group().equals(NODES) && !seen.rollout().inFlight.isEmpty() && firstNodeInFlight < 0) {
                firstNodeInFlight = i;
            }
        }
        assertThat(lastControlPlaneInFlight).as("the control plane rolled").isPositive();
        List<InstanceGroupStatus.RolloutStatus> nodeRollouts = timeline.stream().filter(s -> s.group().equals(NODES))
                .map(RollingClusterFixture.Seen::rollout).toList();
        assertThat(nodeRollouts).as("a batch of two surged nodes").anySatisfy(r -> assertThat(r.inFlight).hasSize(2));
        assertThat(nodeRollouts).as("what the batch waits for, said once").allSatisfy(r -> {
            int waiting = r.message.indexOf("; waiting: ");
            List<String> waits = waiting < 0 ? List.of() : List.of(r.message.substring(waiting + "; waiting: ".length()).split("; "));
            assertThat(waits).as(r.message).doesNotHaveDuplicates();
        });
        assertThat(firstNodeInFlight).as("the nodes start after the last control-plane instance")
                .isGreaterThan(lastControlPlaneInFlight);
        List<SimulatedEtcd.Removal> removals = fixture.workload().etcdRemovals();
        assertThat(removals).extracting(SimulatedEtcd.Removal::member).containsExactlyInAnyOrderElementsOf(controlPlaneNodes);
        assertThat(removals).allSatisfy(r -> assertThat(r.ranOn()).isNotEqualTo(r.member()));
    }
}
