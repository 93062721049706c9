package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsCallCounter;
import io.slipway.rollout.ReplacementCandidates;
import io.slipway.rollout.SoleControlPlane;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.SimulatedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;

import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster with one control-plane instance: its roll stops before touching it (no drain, no deregistration, no etcd
 * Job, no termination), Stalled with a message that says why and what to do, until the user names that instance in
 * {@link SoleControlPlane#FORCE_ANNOTATION}; then it is replaced without an etcd member removal (there is no other
 * member to remove it from).
 */
@ExtendWith(MotoExtension.class)
class SoleControlPlaneRollTest {
    private static final String CONTROL_PLANE = "control-plane-us-east-1a";
    private static final String NODES = "nodes";

    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(List.of(CONTROL_PLANE, NODES)).size(NODES, 1).build();

    @Test
    void theOnlyControlPlaneInstanceIsReplacedOnlyWhenTheUserNamesIt() throws Exception {
        var registry = fixture.harness.registry;
        SimulatedCluster workload = fixture.workload();
        InstanceGroupStatus.InstanceStatus old = fixture.group(CONTROL_PLANE).getStatus().instances.get(0);

        String restartedAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
        fixture.editGroup(CONTROL_PLANE, ig -> {
            ig.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of(ReplacementCandidates.RESTARTED_AT_ANNOTATION, restartedAt)));
            return ig;
        });
        InstanceGroupStatus.RolloutStatus stalled = fixture.awaitRollout(CONTROL_PLANE, RolloutPhase.STALLED);
        assertThat(stalled.message).contains("instance " + old.id + " is the cluster's only control-plane instance")
                .contains("lose the cluster's state").contains("three control-plane groups")
                .contains(SoleControlPlane.FORCE_ANNOTATION + "=" + old.id);
        assertThat(stalled.inFlight).isEmpty();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Condition rolling = RollingClusterFixture.condition(fixture.group(CONTROL_PLANE).getStatus().conditions,
                    ConditionType.ROLLING_UPDATE);
            assertThat(rolling.reason).isEqualTo(RolloutPhase.STALLED);
            assertThat(rolling.message).contains(SoleControlPlane.FORCE_ANNOTATION);
            // kstatus and Argo CD read Stalled: a roll that waits for a human must say so there too
            Condition stalledCondition = RollingClusterFixture.condition(fixture.group(CONTROL_PLANE).getStatus().conditions,
                    ConditionType.STALLED);
            assertThat(stalledCondition.status).isEqualTo(Condition.TRUE);
            assertThat(stalledCondition.reason).isEqualTo("RollingUpdateStalled");
            assertThat(stalledCondition.message).contains(SoleControlPlane.FORCE_ANNOTATION);
        });
        assertThat(fixture.harness.events("default", CONTROL_PLANE)).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo(EventRecorder.WARNING);
            assertThat(e.getReason()).isEqualTo("RollingUpdateStalled");
            assertThat(e.getMessage()).contains(old.id).contains("only control-plane instance");
        });

        // it stays so, reconcile after reconcile
        double reconciles = fixture.harness.reconciles(RolloutReconciler.NAME);
        await().atMost(WAIT).until(() -> fixture.harness.reconciles(RolloutReconciler.NAME) >= reconciles + 5);
        assertThat(fixture.group(CONTROL_PLANE).getStatus().rollout.phase).isEqualTo(RolloutPhase.STALLED);
        assertThat(fixture.rollouts.get(CONTROL_PLANE)).as("never in flight").allSatisfy(r -> assertThat(r.inFlight).isEmpty());
        assertThat(fixture.ec2State(old.id)).isEqualTo("running");
        Node node = workload.client().nodes().withName(old.nodeName).get();
        assertThat(node.getSpec().getUnschedulable()).as("not cordoned").isNotEqualTo(Boolean.TRUE);
        assertThat(workload.etcdRemovals()).isEmpty();
        assertThat(workload.etcdMembers()).containsExactly(old.nodeName);
        assertThat(AwsCallCounter.count(registry, "elasticloadbalancingv2", "DeregisterTargets")).isZero();
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup")).isZero();
        assertThat(AwsCallCounter.count(registry, "ec2", "TerminateInstances")).isZero();

        // a force naming another instance forces nothing
        fixture.editGroup(CONTROL_PLANE, ig -> {
            ig.getMetadata().getAnnotations().put(SoleControlPlane.FORCE_ANNOTATION, "i-0000000000000000a");
            return ig;
        });
        double afterWrongForce = fixture.harness.reconciles(RolloutReconciler.NAME);
        await().atMost(WAIT).until(() -> fixture.harness.reconciles(RolloutReconciler.NAME) >= afterWrongForce + 3);
        assertThat(fixture.group(CONTROL_PLANE).getStatus().rollout.phase).isEqualTo(RolloutPhase.STALLED);
        assertThat(fixture.ec2State(old.id)).isEqualTo("running");

        // forced, naming the instance: drained, deregistered, terminated, replaced; no etcd Job
        fixture.editGroup(CONTROL_PLANE, ig -> {
            ig.getMetadata().getAnnotations().put(SoleControlPlane.FORCE_ANNOTATION, old.id);
            return ig;
        });
        InstanceGroupStatus.RolloutStatus done = fixture.awaitRollout(CONTROL_PLANE, RolloutPhase.COMPLETED);
        assertThat(done.replaced).isEqualTo(1);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(RollingClusterFixture.condition(
                fixture.group(CONTROL_PLANE).getStatus().conditions, ConditionType.STALLED).status).isEqualTo(Condition.FALSE));
        assertThat(fixture.ec2State(old.id)).isIn("shutting-down", "terminated");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(fixture.group(CONTROL_PLANE).getStatus().instances).singleElement().satisfies(i -> {
                    assertThat(i.id).isNotEqualTo(old.id);
                    assertThat(i.ready).isTrue();
                }));
        assertThat(AwsCallCounter.count(registry, "elasticloadbalancingv2", "DeregisterTargets"))
                .as("taken out of the API target group").isPositive();
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup")).isEqualTo(1);
        assertThat(workload.etcdRemovals()).as("no other member to remove it from").isEmpty();
        assertThat(fixture.group(NODES).getStatus().rollout.replaced).isZero();
    }
}
