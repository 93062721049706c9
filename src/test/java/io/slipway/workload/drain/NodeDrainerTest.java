package io.slipway.workload.drain;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.aws.AwsClientFactory;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.kube.Kubectl;
import io.slipway.testing.workload.DisruptionWatcher;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.TestWorkload;
import io.slipway.testing.workload.WorkloadSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The production drain, and the real kubectl drain, against the workload simulator: nodes for instances in moto,
 * Deployment pods that are replaced and rescheduled, budgets enforced by the simulated API's Eviction API.
 */
@ExtendWith(MotoExtension.class)
class NodeDrainerTest {
    private static final String NS = "default";
    private static final String GROUP = "nodes";
    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T16:00:00Z"));
    private final NodeDrainer drainer = new NodeDrainer();
    private WorkloadSimulator simulator;
    private SimulatedCluster workload;
    private KubernetesClient client;
    private List<String> nodes;

    @BeforeEach
    void threeNodes(TestInfo test, AwsClientFactory aws) {
        TestWorkload cluster = TestWorkload.create(management, test, aws, Duration.ZERO, clock);
        simulator = cluster.simulator;
        workload = cluster.serve();
        workload.setPodReadyAfter(Duration.ofSeconds(10));
        client = workload.client();
        for (String zone : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
            cluster.instances.launch(GROUP, false, zone);
        }
        simulator.syncNow();
        nodes = client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        assertThat(nodes).hasSize(3);
        client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
                .withNewMetadata().withName("cilium").withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "cilium").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "cilium").endMetadata()
                .withNewSpec().addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName("cilium").withImage("example.invalid/cilium:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("example.invalid/web:1").endContainer()
                .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume().endSpec()
                .endTemplate().endSpec().build()).create();
        client.policy().v1().podDisruptionBudget().inNamespace(NS).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .endSpec().build()).create();
        settle();
        assertThat(webPods()).hasSize(2).allSatisfy(p -> assertThat(isReady(p)).isTrue());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void drainsTwoNodesOneAfterTheOtherWhileTheBudgetRefusesUntilTheReplacementIsReady() {
        List<String> webNodes = webPods().stream().map(p -> p.getSpec().getNodeName()).sorted().toList();
        String first = webNodes.get(0);
        String second = webNodes.get(1);
        String spare = nodes.stream().filter(n -> !webNodes.contains(n)).findFirst().orElseThrow();
        assertThat(first).isNotEqualTo(second);

        try (DisruptionWatcher watcher = DisruptionWatcher.start(client, Map.of(GROUP, 3))) {
            drainer.cordon(client, first);
            DrainProgress firstPass = drainer.drainStep(client, first);
            assertThat(firstPass.evicted()).isEqualTo(1);
            assertThat(firstPass.refused()).isEmpty();
            simulator.syncNow(); // the replacement is made and bound (to the spare node: the drained one is cordoned), not Ready yet

            drainer.cordon(client, second);
            DrainProgress refused = drainer.drainStep(client, second);
            assertThat(refused.done()).isFalse();
            assertThat(refused.evicted()).isZero();
            assertThat(refused.refusedCount()).isEqualTo(1);
            assertThat(refused.refused()).singleElement().asString()
                    .startsWith(NS + "/web-").endsWith(": Cannot evict pod as it would violate the pod's disruption budget.");

            clock.advance(Duration.ofSeconds(10));
            simulator.syncNow(); // the replacement is Ready now
            DrainProgress allowed = drainer.drainStep(client, second);
            assertThat(allowed.evicted()).isEqualTo(1);
            assertThat(allowed.refusedCount()).isZero();
            settle();

            assertThat(drainer.drainStep(client, first).done()).isTrue();
            assertThat(drainer.drainStep(client, second).done()).isTrue();
            assertThat(webPods()).hasSize(2).allSatisfy(p -> {
                assertThat(p.getSpec().getNodeName()).isEqualTo(spare);
                assertThat(isReady(p)).isTrue();
            });
            assertThat(client.pods().inNamespace("kube-system").withLabel("app", "cilium").list().getItems())
                    .extracting(p -> p.getSpec().getNodeName()).as("DaemonSet pods stay").containsExactlyInAnyOrderElementsOf(nodes);
            assertThat(client.nodes().withName(first).get().getSpec().getUnschedulable()).isTrue();
            assertThat(client.nodes().withName(second).get().getSpec().getUnschedulable()).isTrue();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(watcher.maxUnavailable(GROUP)).as("both cordons seen").isEqualTo(2);
                assertThat(watcher.samples().get(watcher.samples().size() - 1).budgets().get(NS + "/web").currentHealthy()).isEqualTo(2);
            });
            watcher.assertNeverExceeded(GROUP, 2);
            watcher.assertNoBudgetViolated();
            assertThatThrownBy(() -> watcher.assertNeverExceeded(GROUP, 1)).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void theWatcherCatchesABudgetViolatedByDeletingPodsBehindTheEvictionApi() {
        try (DisruptionWatcher watcher = DisruptionWatcher.start(client, Map.of(GROUP, 3))) {
            webPods().forEach(p -> client.pods().inNamespace(NS).withName(p.getMetadata().getName()).delete());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(watcher::assertNoBudgetViolated).hasMessageContaining("budget default/web violated"));
        }
    }

    @Test
    void theRealKubectlDrainEvictsThroughTheSimulatedEvictionApi(@TempDir Path dir) {
        Kubectl.requireOnPath();
        String node = webPods().get(0).getSpec().getNodeName();
        Kubectl kubectl = Kubectl.against(workload.api(), dir);

        String out = kubectl.ok("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s");

        assertThat(out).contains("node/" + node + " cordoned").contains("evicting pod").contains("node/" + node + " drained");
        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems())
                .extracting(p -> p.getMetadata().getLabels().get("app")).containsExactly("cilium");
        clock.advance(Duration.ofSeconds(10));
        settle();
        assertThat(webPods()).hasSize(2).extracting(p -> p.getSpec().getNodeName()).doesNotContain(node);
    }

    /** Syncs until the pods made in one pass have been bound and passed their Ready delay. */
    private void settle() {
        simulator.syncNow();
        clock.advance(Duration.ofSeconds(10));
        simulator.syncNow();
    }

    private List<Pod> webPods() {
        return client.pods().inNamespace(NS).withLabel("app", "web").list().getItems();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
