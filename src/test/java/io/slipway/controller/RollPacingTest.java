package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.rollout.ReplacementCandidates;
import io.slipway.rollout.RolloutStep;
import io.slipway.testing.MotoExtension;
import io.slipway.workload.NodeIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the roll is paced. The reconcilers resync only every hour here, so a roll that happens at all after an idle
 * group's Node is marked slipway.io/needs-update was woken by the watch on the workload cluster's Nodes; and the steps
 * that need no waiting happen in the reconcile that makes them possible, which status.rollout shows as it changes
 * (a drained instance's termination too: status never shows it waiting to be terminated).
 */
@ExtendWith(MotoExtension.class)
class RollPacingTest {
    private static final String NODES = "nodes";
    private static final ReconcileSettings HOURLY_RESYNC =
            new ReconcileSettings(Duration.ofHours(1), Duration.ofMillis(300), Duration.ofSeconds(2), 50);

    @Test
    void aNodeMarkedForUpdateWakesTheRollWhichChainsTheStepsThatNeedNoWaiting() throws Exception {
        try (RollingClusterFixture fixture = RollingClusterFixture.of(List.of("control-plane-us-east-1a", NODES))
                .settings(HOURLY_RESYNC).start()) {
            KubernetesClient workload = fixture.workload().client();
            Node marked = workload.nodes().withLabel("kops.k8s.io/instancegroup", NODES).list().getItems().get(0);
            String instanceId = marked.getSpec().getProviderID().substring(marked.getSpec().getProviderID().lastIndexOf('/') + 1);
            workload.nodes().withName(marked.getMetadata().getName()).edit(n -> new NodeBuilder(n).editMetadata()
                    .addToAnnotations(ReplacementCandidates.NEEDS_UPDATE_ANNOTATION, "").endMetadata().build());

            // the group may still show the Completed of the roll that settled its creation: wait for this roll's
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                InstanceGroupStatus.RolloutStatus done = fixture.group(NODES).getStatus().rollout;
                assertThat(done.phase).isEqualTo(RolloutPhase.COMPLETED);
                assertThat(done.replaced).isEqualTo(1);
            });
            assertThat(fixture.liveInstancesTaggedFor(NODES)).doesNotContain(instanceId);
            await().atMost(WAIT).untilAsserted(() -> assertThat(workload.nodes().withLabel("kops.k8s.io/instancegroup", NODES)
                    .list().getItems()).filteredOn(NodeIndex::isReady).hasSize(3));

            List<InstanceGroupStatus.RolloutInstance> seen = fixture.rollouts.get(NODES).stream()
                    .filter(r -> r.inFlight != null).flatMap(r -> r.inFlight.stream()).toList();
            assertThat(seen).as("the roll went through its steps").extracting(i -> i.step)
                    .contains(RolloutStep.DETACH.wireName(), RolloutStep.VALIDATE.wireName());
            assertThat(seen).as("a drain begins in the reconcile that opens the gate")
                    .filteredOn(i -> RolloutStep.DRAIN.wireName().equals(i.step))
                    .allSatisfy(i -> assertThat(i.drainStartedAt).isNotNull());
            assertThat(seen).as("an instance in flight is terminated in the reconcile that drains it, and done in it")
                    .noneMatch(i -> RolloutStep.TERMINATE.wireName().equals(i.step)
                            || RolloutStep.WAIT_FOR_TERMINATION.wireName().equals(i.step));
        }
    }
}
