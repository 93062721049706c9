package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.InstanceGroupStatus.InstanceStatus;
import io.slipway.aws.AwsCallCounter;
import io.slipway.rollout.remediation.RemediationVerdict;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.SimulatedEtcd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Control-plane remediation end to end: three control-plane groups of one, whose instances count as unhealthy after
 * 3s NotReady and of which maxUnhealthy 1 may be replaced. With two of the three NotReady, replacing either would leave
 * etcd one healthy member of three: nothing is replaced and RemediationAllowed says EtcdQuorumAtRisk. Once one is
 * Ready again, the other is replaced through the roll's control-plane steps: deregistered from the API target group,
 * its etcd member removed (from another control-plane node), terminated, and a new instance joins with a Ready node.
 * The Events say so: a Warning RemediationBlocked naming the instance and the quorum while it is at risk, then
 * RemediatingInstances and one InstanceReplaced (reason Unhealthy) for the instance replaced.
 */
@ExtendWith(MotoExtension.class)
class ControlPlaneRemediationTest {
    private static final String A = "control-plane-us-east-1a";
    private static final String B = "control-plane-us-east-1b";
    private static final String C = "control-plane-us-east-1c";

    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(List.of(A, B, C, "nodes")).size("nodes", 1)
            .spec(A, s -> s.remediation = RollingClusterFixture.remediation("3s", 1))
            .spec(B, s -> s.remediation = RollingClusterFixture.remediation("3s", 1))
            .spec(C, s -> s.remediation = RollingClusterFixture.remediation("3s", 1)).build();

    @Test
    void anUnhealthyControlPlaneInstanceIsReplacedOnlyWhileEtcdKeepsQuorum() throws Exception {
        var registry = fixture.harness.registry;
        InstanceStatus a = fixture.group(A).getStatus().instances.get(0);
        InstanceStatus b = fixture.group(B).getStatus().instances.get(0);
        SimulatedCluster workload = fixture.workload();

        // two of three NotReady at once: replacing either would leave etcd without quorum (one after the other, the
        // first could be found unhealthy, and rightly remediated, before the second went NotReady)
        workload.makeNodeNotReady(b.nodeName);
        workload.makeNodeNotReady(a.nodeName);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            for (String g : List.of(A, B)) {
                assertThat(condition(g).reason).as(g).isEqualTo(RemediationVerdict.ETCD_QUORUM_AT_RISK);
            }
        });
        Condition blocked = condition(A);
        assertThat(blocked.status).isEqualTo(Condition.FALSE);
        assertThat(blocked.message).contains(a.id).contains("fewer than the quorum of 2");
        double reconciles = fixture.harness.reconciles(RolloutReconciler.NAME);
        await().atMost(WAIT).until(() -> fixture.harness.reconciles(RolloutReconciler.NAME) >= reconciles + 10);
        for (String g : List.of(A, B)) {
            InstanceGroupStatus s = fixture.group(g).getStatus();
            assertThat(s.instances).as(g).noneMatch(i -> i.unhealthy);
            assertThat(s.rollout.inFlight).as(g).isEmpty();
            assertThat(condition(g).reason).as(g).isEqualTo(RemediationVerdict.ETCD_QUORUM_AT_RISK);
        }
        assertThat(fixture.ec2State(a.id)).isEqualTo("running");
        assertThat(fixture.ec2State(b.id)).isEqualTo("running");
        assertThat(workload.etcdRemovals()).isEmpty();
        assertThat(AwsCallCounter.count(registry, "elasticloadbalancingv2", "DeregisterTargets")).isZero();
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup")).isZero();
        for (String g : List.of(A, B)) {
            String id = g.equals(A) ? a.id : b.id;
            List<Event> events = fixture.harness.events("default", g);
            assertThat(events).as(g).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo(EventRecorder.WARNING);
                assertThat(e.getReason()).isEqualTo("RemediationBlocked");
                assertThat(e.getMessage()).contains(id).contains("fewer than the quorum of 2");
            });
            assertThat(events).as(g).extracting(Event::getReason)
                    .doesNotContain("RemediatingInstances", "InstanceReplaced", "RollingUpdateStarted");
        }

        // one of them Ready again: two of three stay healthy without the other, which is replaced
        workload.makeNodeReady(b.nodeName);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(fixture.ec2State(a.id)).isIn("shutting-down", "terminated");
            InstanceGroupStatus s = fixture.group(A).getStatus();
            assertThat(s.instances).singleElement().satisfies(i -> {
                assertThat(i.id).isNotEqualTo(a.id);
                assertThat(i.ready).isTrue();
            });
            assertThat(condition(A).reason).isEqualTo(RemediationVerdict.HEALTHY);
        });
        assertThat(fixture.group(A).getStatus().rollout.replaced).isEqualTo(1);
        assertThat(AwsCallCounter.count(registry, "elasticloadbalancingv2", "DeregisterTargets"))
                .as("taken out of the API target group").isPositive();
        assertThat(workload.etcdRemovals()).singleElement().satisfies(r -> {
            assertThat(r.member()).isEqualTo(a.nodeName);
            assertThat(r.ranOn()).isIn(b.nodeName, fixture.group(C).getStatus().instances.get(0).nodeName);
        });
        assertThat(AwsCallCounter.count(registry, "autoscaling", "TerminateInstanceInAutoScalingGroup")).isEqualTo(1);
        List<Event> events = fixture.harness.events("default", A);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo(EventRecorder.NORMAL);
            assertThat(e.getReason()).isEqualTo("RemediatingInstances");
            assertThat(e.getMessage()).contains("replacing control-plane instance " + a.id).contains("quorum 2");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo(EventRecorder.NORMAL);
            assertThat(e.getReason()).isEqualTo("InstanceReplaced");
            assertThat(e.getMessage()).contains(a.id).contains(a.nodeName).contains("Unhealthy");
        });
        assertThat(events).filteredOn(e -> e.getReason().equals("InstanceReplaced")).singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
        assertThat(fixture.harness.events("default", B)).as("B's own instance stayed: blocked once, never replaced")
                .extracting(Event::getReason).doesNotContain("RemediatingInstances", "InstanceReplaced");
        for (String g : List.of(B, C)) {
            assertThat(fixture.group(g).getStatus().rollout.replaced).as(g).isZero();
        }
        assertThat(fixture.ec2State(b.id)).isEqualTo("running");
        assertThat(workload.client().nodes().withName(a.nodeName).get()).as("its node is gone with it").isNull();
    }

    private Condition condition(String group) {
        return RollingClusterFixture.condition(fixture.group(group).getStatus().conditions, ConditionType.REMEDIATION_ALLOWED);
    }
}
