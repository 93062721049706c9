package io.slipway.controller;

import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsCallCounter;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.RollingUpdates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.slipway.controller.RollingClusterFixture.CONTROL_PLANE;
import static io.slipway.controller.RollingClusterFixture.NODES;
import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node group of three rolls through the rollout controller against moto and the simulated workload: a new machine
 * type is rolled with maxSurge 1 (each instance detached first, its replacement Ready before it is drained and
 * terminated, one at a time); a forced restart with maxUnavailable 1 survives an operator restart mid-roll with
 * every instance terminated exactly once; and a cluster that fails validation stalls the roll before anything is
 * touched.
 */
@ExtendWith(MotoExtension.class)
class NodeGroupRollTest {
    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(List.of(CONTROL_PLANE.get(0), NODES)).build();

    @Test
    void aNodeGroupRollsWithSurgeThenResumesAfterARestartThenStallsOnAFailingValidation() throws Exception {
        var registry = fixture.harness.registry;
        List<String> original = fixture.instanceIds(NODES);
        assertThat(original).hasSize(3);
        assertThat(condition(ConditionType.ROLLING_UPDATE).status).isEqualTo(Condition.FALSE);

        // 1. a new machine type: maxSurge 1 (the default for nodes)
        fixture.editGroup(NODES, ig -> {
            ig.getSpec().machineType = "m6i.2xlarge";
            return ig;
        });
        InstanceGroupStatus.RolloutStatus done = fixture.awaitRollout(NODES, RolloutPhase.COMPLETED);
        assertThat(done.replaced).isEqualTo(3);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroupStatus s = fixture.group(NODES).getStatus();
            assertThat(s.instances).hasSize(3).allSatisfy(i -> {
                assertThat(i.upToDate).isTrue();
                assertThat(i.ready).isTrue();
            });
            assertThat(s.updatedReplicas).isEqualTo(3);
            assertThat(condition(ConditionType.ROLLING_UPDATE).status).isEqualTo(Condition.FALSE);
            assertThat(condition(ConditionType.ROLLING_UPDATE).reason).isEqualTo(RolloutPhase.COMPLETED);
        });
        List<String> afterSurge = fixture.instanceIds(NODES);
        assertThat(afterSurge).doesNotContainAnyElementsOf(original);
        for (String id : original) {
            assertThat(fixture.ec2State(id)).as(id).isIn("shutting-down", "terminated");
        }
        assertThat(fixture.liveInstancesTaggedFor(NODES)).as("no detached instance left running").isEqualTo(afterSurge);
        List<InstanceGroupStatus.RolloutStatus> seen = List.copyOf(fixture.rollouts.get(NODES));
        assertThat(seen).as("at most maxSurge (1) in flight at every change").allSatisfy(r ->
                assertThat(r.inFlight).hasSizeLessThanOrEqualTo(1));
        assertThat(seen.stream().flatMap(r -> r.inFlight.stream()).filter(i -> "Drain".equals(i.step)))
                .as("drained only once detached, its replacement launched").isNotEmpty()
                .allSatisfy(i -> assertThat(i.detached).isTrue());
        GateHistory.assertEachBatchStartsAfterTwoPasses(seen);
        assertThat(AwsCallCounter.count(registry, "autoscaling", "DetachInstances")).isEqualTo(3);
        assertThat(AwsCallCounter.count(registry, "ec2", "TerminateInstances")).as("each detached instance once").isEqualTo(3);
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup")).isZero();
        assertThat(fixture.harness.events("default", NODES)).filteredOn(e -> "InstanceReplaced".equals(e.getReason()))
                .hasSize(3);
        assertThat(registry.find(RolloutMetrics.REPLACED).tag("instancegroup", NODES).counter().count()).isEqualTo(3.0);
        assertThat(registry.find(RolloutMetrics.ROLL_DURATION).tag("instancegroup", NODES).timer().count()).isEqualTo(1);
        assertThat(registry.find(RolloutMetrics.DRAIN_DURATION).tag("instancegroup", NODES).timer().count()).isEqualTo(3);

        // 2. a forced restart without surge; the operator is restarted while an instance is in flight
        fixture.rollouts.get(NODES).clear();
        fixture.editGroup(NODES, ig -> {
            ig.getSpec().rollingUpdate = RollingUpdates.of(0, 1);
            return RollingClusterFixture.forcedRestart().apply(ig);
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroupStatus.RolloutStatus r = fixture.group(NODES).getStatus().rollout;
            assertThat(r.replaced).isGreaterThanOrEqualTo(1);
            assertThat(r.inFlight).isNotEmpty();
        });
        fixture.harness.restartOperator();
        InstanceGroupStatus.RolloutStatus restarted = fixture.awaitRollout(NODES, RolloutPhase.COMPLETED);
        assertThat(restarted.replaced).isEqualTo(3);
        // the InstanceGroup reconciler reads the replacements back on its next reconcile
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(fixture.instanceIds(NODES)).hasSize(3).doesNotContainAnyElementsOf(afterSurge));
        List<String> afterRestart = fixture.instanceIds(NODES);
        for (String id : afterSurge) {
            assertThat(fixture.ec2State(id)).as(id).isIn("shutting-down", "terminated");
        }
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup"))
                .as("each instance terminated once, the restart notwithstanding").isEqualTo(3);
        assertThat(AwsCallCounter.count(registry, "ec2", "TerminateInstances")).isEqualTo(3);
        assertThat(fixture.rollouts.get(NODES)).as("at most maxUnavailable (1) in flight at every change")
                .allSatisfy(r -> assertThat(r.inFlight).hasSizeLessThanOrEqualTo(1));

        // 3. validation fails (a control-plane node NotReady): the roll stalls before it touches anything
        fixture.editGroup(NODES, ig -> {
            ig.getSpec().rollingUpdate.validationTimeout = "2s";
            return ig;
        });
        String controlPlaneNode = fixture.group(CONTROL_PLANE.get(0)).getStatus().instances.get(0).nodeName;
        fixture.workload().makeNodeNotReady(controlPlaneNode);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(fixture.cluster().getStatus().validation.valid).isFalse());
        long mutatingBefore = fixture.harness.awsMutatingCalls();
        fixture.editGroup(NODES, RollingClusterFixture.forcedRestart());
        InstanceGroupStatus.RolloutStatus stalled = fixture.awaitRollout(NODES, RolloutPhase.STALLED);
        assertThat(stalled.message).contains("validationTimeout").contains(controlPlaneNode);
        assertThat(stalled.inFlight).isEmpty();
        double reconciles = fixture.harness.reconciles(RolloutReconciler.NAME);
        await().atMost(WAIT).until(() -> fixture.harness.reconciles(RolloutReconciler.NAME) >= reconciles + 5);
        assertThat(fixture.group(NODES).getStatus().rollout.phase).isEqualTo(RolloutPhase.STALLED);
        assertThat(fixture.instanceIds(NODES)).isEqualTo(afterRestart);
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup")).isEqualTo(3);
        assertThat(AwsCallCounter.count(registry, "autoscaling", "DetachInstances")).isEqualTo(3);
        assertThat(fixture.harness.events("default", NODES)).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("RollingUpdateStalled");
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition(ConditionType.ROLLING_UPDATE).status).isEqualTo(Condition.TRUE);
            assertThat(condition(ConditionType.ROLLING_UPDATE).reason).isEqualTo(RolloutPhase.STALLED);
        });
        assertThat(mutatingBefore).isPositive();
    }

    private Condition condition(String type) {
        return RollingClusterFixture.condition(fixture.group(NODES).getStatus().conditions, type);
    }
}
