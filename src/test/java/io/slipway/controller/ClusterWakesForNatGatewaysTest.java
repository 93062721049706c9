package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.ConditionType;
import io.slipway.testing.Examples;
import io.slipway.testing.LatencyProxy;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Cluster whose private routes wait for pending NAT gateways applies them once the gateways are available, not at
 * its next in-flight requeue: here that requeue is ten minutes away, and the network is ready long before. The
 * gateways are held pending by a {@link LatencyProxy} in front of moto (which makes them available at once).
 */
class ClusterWakesForNatGatewaysTest {
    private static final ReconcileSettings SLOW_REQUEUE = new ReconcileSettings(Duration.ofMinutes(30),
            Duration.ofMinutes(10), Duration.ofMinutes(10), 50);

    @Test
    void theRoutesAreAppliedWhenTheGatewaysTurnAvailable() {
        MotoServer.get().reset();
        try (LatencyProxy proxy = LatencyProxy.start(MotoServer.get().endpoint(), Duration.ZERO, Duration.ofSeconds(3),
                Duration.ZERO);
             OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, SLOW_REQUEUE), api -> {
             }, proxy.endpoint(), MotoServer.UNTHROTTLED)) {
            harness.client.resource(Examples.read(Cluster.class, "examples/cluster.yaml", "demo")).create();

            await().atMost(Duration.ofMinutes(3)).ignoreExceptions().untilAsserted(() -> {
                Cluster seen = harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
                assertThat(Conditions.isTrue(seen.getStatus().conditions, ConditionType.NETWORK_READY)).isTrue();
            });
        }
    }
}
