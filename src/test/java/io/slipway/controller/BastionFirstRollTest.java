package io.slipway.controller;

import io.slipway.api.BastionSpec;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsCallCounter;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static io.slipway.controller.RollingClusterFixture.CONTROL_PLANE;
import static io.slipway.controller.RollingClusterFixture.NODES;
import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bastion group rolls first, with no drain and no validation gate: a forced restart of the bastion and the node
 * group together, while the cluster fails validation (a node NotReady), replaces the bastion (terminate, wait for the
 * termination) while the nodes wait; once the cluster validates again, the nodes roll after it.
 */
@ExtendWith(MotoExtension.class)
class BastionFirstRollTest {
    private static final String BASTION = "bastions";

    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(List.of(CONTROL_PLANE.get(0), NODES)).size(NODES, 2).build();

    @Test
    void theBastionRollsFirstWithoutDrainOrValidationThenTheNodes() throws Exception {
        // a bastion group needs the Cluster's topology.bastion (its security group and IAM role)
        fixture.editCluster(c -> {
            c.getSpec().topology.bastion = new BastionSpec();
            return c;
        });
        InstanceGroup bastion = fixture.harness.example(InstanceGroup.class, "examples/instancegroups.yaml", NODES);
        bastion.getMetadata().setName(BASTION);
        bastion.getMetadata().setResourceVersion(null);
        InstanceGroupSpec spec = bastion.getSpec();
        spec.role = InstanceGroupRole.Bastion.name();
        spec.machineType = "t3.micro";
        spec.minSize = 1;
        spec.maxSize = 1;
        spec.subnets = List.of("utility-us-east-1a");
        spec.rollingUpdate = null;
        spec.remediation = null;
        fixture.harness.client.resource(bastion).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroupStatus s = fixture.group(BASTION).getStatus();
            assertThat(s.instances).hasSize(1);
            assertThat(s.rollout.phase).isEqualTo(RolloutPhase.IDLE);
        });
        String oldBastion = fixture.instanceIds(BASTION).get(0);
        List<String> oldNodes = fixture.instanceIds(NODES);
        assertThat(fixture.workload().client().nodes().list().getItems()).as("a bastion runs no kubelet: control plane and nodes")
                .hasSize(3);

        // the cluster fails validation: a roll of the nodes waits for it, the bastion's does not
        String notReady = fixture.group(NODES).getStatus().instances.get(0).nodeName;
        fixture.workload().makeNodeNotReady(notReady);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(fixture.cluster().getStatus().validation.valid).isFalse());
        fixture.editGroup(NODES, RollingClusterFixture.forcedRestart());
        // the bastion's restart is 9-10 s ahead, time enough for a loaded machine to show the wait: nothing is
        // replaced before it comes, and its replacement, launched after it, is not replaced again
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        fixture.editGroup(BASTION, RollingClusterFixture.forcedRestartAt(due));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(fixture.group(BASTION).getStatus().rollout.message)
                .contains("slipway.io/restartedAt " + due + " replaces every instance launched before it when it comes"));
        assertThat(Instant.now()).as("the test looked before the restart came").isBefore(due);
        assertThat(fixture.ec2State(oldBastion)).isEqualTo("running");
        InstanceGroupStatus.RolloutStatus bastionDone = fixture.awaitRollout(BASTION, RolloutPhase.COMPLETED);
        assertThat(bastionDone.replaced).isEqualTo(1);
        assertThat(fixture.ec2State(oldBastion)).isIn("shutting-down", "terminated");
        assertThat(fixture.group(NODES).getStatus().rollout.inFlight).as("the nodes wait while validation fails").isEmpty();
        assertThat(fixture.instanceIds(NODES)).isEqualTo(oldNodes);
        assertThat(fixture.cluster().getStatus().validation.valid).as("the bastion rolled through a failing validation")
                .isFalse();

        fixture.workload().makeNodeReady(notReady);
        InstanceGroupStatus.RolloutStatus nodesDone = fixture.awaitRollout(NODES, RolloutPhase.COMPLETED);
        assertThat(nodesDone.replaced).isEqualTo(2);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(fixture.instanceIds(NODES)).hasSize(2).doesNotContainAnyElementsOf(oldNodes);
            assertThat(fixture.instanceIds(BASTION)).hasSize(1).doesNotContain(oldBastion);
        });

        List<RollingClusterFixture.Seen> timeline = List.copyOf(fixture.timeline);
        int lastBastionInFlight = -1;
        int firstNodeInFlight = -1;
        for (int i = 0; i < timeline.size(); i++) {
            RollingClusterFixture.Seen seen = timeline.get(i);
            if (seen.rollout().inFlight == null || seen.rollout().inFlight.isEmpty()) {
                continue;
            }
            if (seen.group().equals(BASTION)) {
                lastBastionInFlight = i;
                assertThat(seen.rollout().inFlight).as("a bastion is neither drained nor validated")
                        .allSatisfy(e -> assertThat(e.step).isIn(Set.of("Terminate", "WaitForTermination")));
            } else if (seen.group().equals(NODES) && firstNodeInFlight < 0) {
                firstNodeInFlight = i;
            }
        }
        assertThat(lastBastionInFlight).as("the bastion rolled").isNotNegative();
        assertThat(firstNodeInFlight).as("the nodes start after the bastion").isGreaterThan(lastBastionInFlight);
        assertThat(fixture.harness.registry.find(RolloutMetrics.DRAIN_DURATION).tag("instancegroup", BASTION).timer())
                .as("no drain of the bastion").isNull();
        assertThat(AwsCallCounter.count(fixture.harness.registry, "autoscaling", "TerminateInstanceInAutoScalingGroup"))
                .as("the bastion, in its group").isEqualTo(1);
        assertThat(AwsCallCounter.count(fixture.harness.registry, "ec2", "TerminateInstances"))
                .as("the two nodes, detached first (maxSurge 1)").isEqualTo(2);
    }
}
