package io.slipway.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.workload.NodeIndex;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.RollingUpdates;
import io.slipway.testing.workload.DisruptionWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.slipway.controller.RollingClusterFixture.CONTROL_PLANE;
import static io.slipway.controller.RollingClusterFixture.NODES;
import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node group of six with PodDisruptionBudget-protected pods rolls with maxUnavailable 1 while a watcher checks, at
 * every change in the workload cluster, that no more than one node is unavailable and no budget is violated; then a
 * budget that allows no disruption holds a drain until drainTimeout, and the roll is Stalled naming the blocking pod.
 */
@ExtendWith(MotoExtension.class)
class PdbProtectedRollTest {
    private static final String NS = "default";

    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(List.of(CONTROL_PLANE.get(0), NODES)).size(NODES, 6)
            .spec(NODES, s -> s.rollingUpdate = RollingUpdates.of(0, 1)).build();

    @Test
    void sixNodesRollWithinTheirBudgetsThenABlockingBudgetStallsTheDrain() throws Exception {
        KubernetesClient workload = fixture.workload().client();
        workload.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(4).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("example.invalid/web:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        workload.policy().v1().podDisruptionBudget().inNamespace(NS).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", "web")
                .endSelector().endSpec().build()).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(workload.pods().inNamespace(NS)
                .withLabel("app", "web").list().getItems()).hasSize(4).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotNull()));
        List<String> original = fixture.instanceIds(NODES);
        assertThat(original).hasSize(6);

        try (DisruptionWatcher watcher = DisruptionWatcher.start(workload, Map.of(NODES, 6))) {
            fixture.editGroup(NODES, ig -> {
                ig.getSpec().machineType = "m6i.2xlarge";
                return ig;
            });
            InstanceGroupStatus.RolloutStatus done = fixture.awaitRollout(NODES, RolloutPhase.COMPLETED);
            assertThat(done.replaced).isEqualTo(6);
            assertThat(workload.nodes().withLabel("kops.k8s.io/instancegroup", NODES).list().getItems())
                    .as("a completed roll has its replacements serving").filteredOn(NodeIndex::isReady).hasSize(6);
            // status.instances is the InstanceGroup reconciler's, refreshed from AWS after the rollout's last step
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(fixture.instanceIds(NODES)).hasSize(6).doesNotContainAnyElementsOf(original));
            watcher.assertNeverExceeded(NODES, 1);
            watcher.assertNoBudgetViolated();
        }

        // a budget that allows no disruption: the first drain cannot finish, and after drainTimeout the roll stalls
        workload.policy().v1().podDisruptionBudget().inNamespace(NS).withName("web").edit(pdb -> {
            pdb.getSpec().setMaxUnavailable(new IntOrString(0));
            return pdb;
        });
        fixture.editGroup(NODES, ig -> {
            ig.getSpec().rollingUpdate.drainTimeout = "2s";
            return RollingClusterFixture.forcedRestart().apply(ig);
        });
        InstanceGroupStatus.RolloutStatus stalled = fixture.awaitRollout(NODES, RolloutPhase.STALLED);
        assertThat(stalled.message).contains("drainTimeout").contains(NS + "/web-");
        assertThat(stalled.inFlight).singleElement().satisfies(i -> assertThat(i.step).isEqualTo("Drain"));
        // an instance whose node holds no budgeted pod may have drained and gone first: the blocked one stays
        String blocked = stalled.inFlight.get(0).id;
        assertThat(fixture.ec2State(blocked)).as("the instance whose drain is blocked is not terminated").isEqualTo("running");
        assertThat(fixture.instanceIds(NODES)).contains(blocked);
        assertThat(fixture.harness.registry.find(RolloutMetrics.EVICTIONS_REFUSED).tag("instancegroup", NODES).counter()
                .count()).isPositive();
    }
}
