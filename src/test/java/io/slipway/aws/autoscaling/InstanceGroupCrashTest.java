package io.slipway.aws.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash at every step of building a control-plane group on a converged cluster: for k = 1..N (N = mutating calls of
 * a clean build), the process "dies" after k mutating calls; a fresh engine then converges with exactly one launch
 * template and one auto scaling group, counted by boto3.
 */
class InstanceGroupCrashTest {
    private static final InstanceGroup GROUP = InstanceGroupFixture.group("control-plane", InstanceGroupRole.ControlPlane, 1, 1);

    @Test
    void aFreshEngineConvergesAfterACrashAtEveryStep() {
        InstanceGroupFixture.freshCluster();
        SimpleMeterRegistry cleanRun = new SimpleMeterRegistry();
        DesiredGraph graph;
        try (InstanceGroupFixture aws = InstanceGroupFixture.of(cleanRun)) {
            graph = aws.graph(GROUP);
            double before = AwsCallCounter.mutating(cleanRun);
            Engine engine = aws.engine();
            assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
            assertThat(AwsCallCounter.mutating(cleanRun) - before).as("launch template, auto scaling group").isEqualTo(2);
        }
        int n = 2;
        for (int k = 1; k <= n; k++) {
            InstanceGroupFixture.freshCluster();
            FaultInjector crash = new FaultInjector(k).crashAfterMutatingCalls(k);
            try (InstanceGroupFixture aws = InstanceGroupFixture.withFaults(new SimpleMeterRegistry(), crash)) {
                Engine dying = aws.engine();
                dying.apply(dying.plan(graph));
            }
            assertThat(crash.crashed()).as("k=%d crashed", k).isEqualTo(k < n);

            try (InstanceGroupFixture aws = InstanceGroupFixture.of(new SimpleMeterRegistry())) {
                Engine fresh = aws.engine();
                ApplyResult result = fresh.apply(fresh.plan(graph));
                assertThat(result.isComplete()).as("k=%d: %s", k, result).isTrue();
                assertThat(fresh.plan(graph).isConverged()).as("k=%d converged", k).isTrue();
            }
            JsonNode inventory = Boto3Inventory.tagged(MotoServer.get().endpoint(), InstanceGroupFixture.OWNER);
            assertThat(inventory.path("launch-template")).as("k=%d", k).hasSize(1);
            assertThat(inventory.path("auto-scaling-group")).as("k=%d", k).hasSize(1);
            assertThat(inventory.path("auto-scaling-group").get(0).path("targetGroups")).as("k=%d", k).hasSize(1);
        }
    }
}
