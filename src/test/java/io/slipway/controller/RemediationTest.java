package io.slipway.controller;

import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.InstanceGroupStatus.InstanceStatus;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.SimulatedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static io.slipway.controller.RollingClusterFixture.EXAMPLE_GROUPS;
import static io.slipway.controller.RollingClusterFixture.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node remediation end to end, with moto and the simulated workload cluster: the examples' cluster with a node group
 * whose nodes may be NotReady for 3s and of which at most one may be unhealthy. Two NotReady nodes are more than that:
 * nothing is replaced and RemediationAllowed says why. Once one of them is Ready again, the other is drained and
 * replaced by the rollout controller, as a roll would replace it, and the group is whole again.
 */
@ExtendWith(MotoExtension.class)
class RemediationTest {
    private static final Duration WAIT = Duration.ofSeconds(240);

    /** The examples' cluster, Ready; the node group's nodes may be NotReady for 3s and at most one may be unhealthy. */
    @RegisterExtension
    final RollingClusterFixture demo = RollingClusterFixture.of(EXAMPLE_GROUPS)
            .spec("nodes", s -> s.remediation = RollingClusterFixture.remediation("3s", 1))
            .bootDelay(Duration.ofSeconds(1)).build();

    @Test
    void aNotReadyNodeIsReplacedButNotWhileMoreThanMaxUnhealthyAreNotReady() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition(demo.cluster().getStatus().conditions, ConditionType.READY).status).isEqualTo(Condition.TRUE);
            assertThat(condition(nodes().conditions, ConditionType.REMEDIATION_ALLOWED).reason).isEqualTo("InstancesHealthy");
        });
        InstanceGroupStatus healthy = nodes();
        assertThat(healthy.instances).hasSize(3).allSatisfy(i -> {
            assertThat(Instant.parse(i.launchedAt)).isBefore(Instant.now());
            assertThat(i.notReadySince).isNull();
            assertThat(i.unhealthy).isFalse();
        });
        InstanceStatus first = healthy.instances.get(0);
        InstanceStatus second = healthy.instances.get(1);
        SimulatedCluster workload = demo.workload();

        // two of three NotReady is more than maxUnhealthy 1: the fault is not in the nodes, nothing is replaced
        workload.makeNodeNotReady(first.nodeName);
        workload.makeNodeNotReady(second.nodeName);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(condition(nodes().conditions, ConditionType.REMEDIATION_ALLOWED).reason).isEqualTo("TooManyUnhealthy"));
        InstanceGroupStatus blocked = nodes();
        Condition allowed = condition(blocked.conditions, ConditionType.REMEDIATION_ALLOWED);
        assertThat(allowed.status).isEqualTo(Condition.FALSE);
        assertThat(allowed.message).startsWith("2 of 3 instance(s) are unhealthy, more than maxUnhealthy 1 (1 of 3): the fault is likely "
                + "not in the nodes, so none is replaced: ").contains(first.id, second.id);
        assertThat(blocked.instances).extracting(i -> i.id).contains(first.id, second.id);
        assertThat(blocked.instances).noneMatch(i -> i.unhealthy);
        assertThat(blocked.instances).filteredOn(i -> i.id.equals(first.id)).singleElement()
                .satisfies(i -> assertThat(i.notReadySince).isNotNull());
        assertThat(blocked.rollout == null || blocked.rollout.inFlight == null || blocked.rollout.inFlight.isEmpty())
                .as("no replacement started: %s", blocked.rollout == null ? null : blocked.rollout.message).isTrue();
        assertThat(demo.ec2State(first.id)).isEqualTo("running");
        assertThat(demo.ec2State(second.id)).isEqualTo("running");

        // with one of them Ready again, the other is within maxUnhealthy: drained and replaced through the roll
        workload.makeNodeReady(second.nodeName);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(demo.ec2State(first.id)).isIn("shutting-down", "terminated");
            InstanceGroupStatus ig = nodes();
            assertThat(ig.instances).extracting(i -> i.id).doesNotContain(first.id).contains(second.id);
            assertThat(ig.readyReplicas).isEqualTo(3);
            assertThat(ig.rollout.replaced).isGreaterThanOrEqualTo(1);
            assertThat(condition(ig.conditions, ConditionType.REMEDIATION_ALLOWED).reason).isEqualTo("InstancesHealthy");
        });
        // the simulated kubelet's Node goes at the simulator's next pass after its instance stopped running
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(workload.client().nodes().withName(first.nodeName).get()).as("its node is gone with it").isNull());
        assertThat(demo.ec2State(second.id)).isEqualTo("running");
    }

    private InstanceGroupStatus nodes() {
        return demo.group("nodes").getStatus();
    }
}
