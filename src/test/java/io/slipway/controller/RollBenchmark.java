package io.slipway.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9's roll benchmark (hack/bench, only with -Dslipway.bench=true): a node group of 30 rolls a new machine type
 * with maxSurge 3. Simulated boot B is the kubelets' time to a Ready node; drain D is what draining a node takes
 * (the simulator puts no evictable pods on nodes, so D is 0 here). It prints wall ÷ (ceil(30/3) × (B + D)); the
 * goal is at most 1.2. What the roll costs beyond that is the controller's own pacing: a step per reconcile, the
 * validation gate passing twice in a row before each batch, and moto's calls.
 */
@ExtendWith(MotoExtension.class)
@EnabledIfSystemProperty(named = "slipway.bench", matches = "true")
class RollBenchmark {
    private static final String NODES = "nodes";
    private static final int SIZE = 30;
    private static final int SURGE = 3;
    private static final Duration BOOT = Duration.ofSeconds(Long.getLong("slipway.bench.bootSeconds", 10));
    private static final Duration DRAIN = Duration.ZERO;

    @TempDir
    Path tmp;

    @Test
    void thirtyNodesWithMaxSurgeThree() throws Exception {
        try (RollingClusterFixture fixture = new RollingClusterFixture(tmp, List.of("control-plane-us-east-1a", NODES), BOOT)) {
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
            System.out.printf("ROLL BENCH: %d nodes, maxSurge %d, B=%ss D=%ss: wall %.1fs, ideal %d x (B+D) = %.1fs, ratio %.2f (goal <= 1.2)%n",
                    SIZE, SURGE, BOOT.toSeconds(), DRAIN.toSeconds(), wall.toMillis() / 1000.0, batches, ideal.toMillis() / 1000.0, ratio);
        }
    }
}
