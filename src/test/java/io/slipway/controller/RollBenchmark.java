package io.slipway.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9's roll benchmark (only with -Dslipway.bench=true): a node group of 30 rolls a new machine type with maxSurge
 * 3, under the production reconcilers with production settings ({@link ReconcileSettings#defaults()}). Simulated boot
 * B (-Dslipway.bench.bootSeconds, default 20) is the kubelets' time from a running instance to a Ready node; drain D
 * (-Dslipway.bench.drainSeconds, default 10) is what draining a node takes: a Deployment of one pod per node, under a
 * PodDisruptionBudget that allows maxSurge pods down, whose pods take D to terminate once evicted (their
 * terminationGracePeriodSeconds, used in full). It prints wall ÷ (ceil(30/3) × (B + D)); the goal is at most 1.2. What
 * the roll costs beyond that is the controller's own pacing and moto's calls.
 */
@ExtendWith(MotoExtension.class)
@EnabledIfSystemProperty(named = "slipway.bench", matches = "true")
class RollBenchmark {
    private static final String NODES = "nodes";
    private static final String NS = "default";
    private static final int SIZE = 30;
    private static final int SURGE = 3;
    private static final Duration BOOT = Duration.ofSeconds(Long.getLong("slipway.bench.bootSeconds", 20));
    private static final Duration DRAIN = Duration.ofSeconds(Long.getLong("slipway.bench.drainSeconds", 10));

    @Test
    void thirtyNodesWithMaxSurgeThree() throws Exception {
        try (RollingClusterFixture fixture = RollingClusterFixture.of(List.of("control-plane-us-east-1a", NODES))
                .bootDelay(BOOT).settings(ReconcileSettings.defaults()).start()) {
            fixture.editGroup(NODES, ig -> {
                ig.getSpec().minSize = SIZE;
                ig.getSpec().maxSize = SIZE;
                ig.getSpec().rollingUpdate = new RollingUpdateSpec();
                ig.getSpec().rollingUpdate.maxSurge = new IntOrString(SURGE);
                return ig;
            });
            await().atMost(Duration.ofMinutes(10)).ignoreExceptions().untilAsserted(() -> {
                InstanceGroupStatus s = fixture.group(NODES).getStatus();
                assertThat(s.readyReplicas).isEqualTo(SIZE);
                assertThat(s.updatedReplicas).isEqualTo(SIZE);
                assertThat(s.rollout.phase).isIn(RolloutPhase.IDLE, RolloutPhase.COMPLETED);
            });
            KubernetesClient workload = fixture.workload().client();
            workload.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                    .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                    .withNewSpec().withReplicas(SIZE).withNewSelector().addToMatchLabels("app", "web").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                    .withNewSpec().withTerminationGracePeriodSeconds(DRAIN.toSeconds())
                    .addNewContainer().withName("web").withImage("example.invalid/web:1").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            workload.policy().v1().podDisruptionBudget().inNamespace(NS).resource(new PodDisruptionBudgetBuilder()
                    .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                    .withNewSpec().withMaxUnavailable(new IntOrString(SURGE)).withNewSelector().addToMatchLabels("app", "web")
                    .endSelector().endSpec().build()).create();
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> assertThat(workload.apps()
                    .deployments().inNamespace(NS).withName("web").get().getStatus().getReadyReplicas()).isEqualTo(SIZE));

            String loadBefore = loadAverage();
            RollBreakdown breakdown = new RollBreakdown(fixture.harness.client, NS, NODES, workload);
            long t0 = breakdown.elapsed();
            long start = System.nanoTime();
            fixture.editGroup(NODES, ig -> {
                ig.getSpec().machineType = "m6i.2xlarge";
                return ig;
            });
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
                InstanceGroupStatus s = fixture.group(NODES).getStatus();
                assertThat(s.rollout.phase).isEqualTo(RolloutPhase.COMPLETED);
                assertThat(s.rollout.replaced).isEqualTo(SIZE);
            });
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            int batches = (SIZE + SURGE - 1) / SURGE;
            Duration ideal = BOOT.plus(DRAIN).multipliedBy(batches);
            double ratio = (double) wall.toMillis() / ideal.toMillis();
            System.out.printf("ROLL BENCH: %d nodes, maxSurge %d, B=%ss D=%ss: wall %.1fs, ideal %d x (B+D) = %.1fs, "
                            + "ratio %.2f (goal <= 1.2); load average before %s, after %s%n",
                    SIZE, SURGE, BOOT.toSeconds(), DRAIN.toSeconds(), wall.toMillis() / 1000.0, batches,
                    ideal.toMillis() / 1000.0, ratio, loadBefore, loadAverage());
            System.out.print(breakdown.report(t0));
            breakdown.close();
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), as the figures are noisy on a busy machine. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
