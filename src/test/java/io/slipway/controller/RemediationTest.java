package io.slipway.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.InstanceGroupStatus.InstanceStatus;
import io.slipway.api.RemediationSpec;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.charts.ChartRepository;
import io.slipway.testing.charts.UpstreamLikeCharts;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.WorkloadSimulator;
import io.slipway.workload.EndpointOverrides;
import io.slipway.workload.addons.AddonChannel;
import io.slipway.workload.addons.AddonSettings;
import io.slipway.workload.addons.RepositoryOverride;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.slipway.controller.TestReconcilers.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node remediation end to end, with moto and the simulated workload cluster: the examples' cluster with a node group
 * whose nodes may be NotReady for 3s and of which at most one may be unhealthy. Two NotReady nodes are more than that:
 * nothing is replaced and RemediationAllowed says why. Once one of them is Ready again, the other is drained and
 * replaced by the rollout controller, as a roll would replace it, and the group is whole again.
 */
@ExtendWith(MotoExtension.class)
class RemediationTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final List<String> GROUPS = List.of("control-plane-us-east-1a", "control-plane-us-east-1b",
            "control-plane-us-east-1c", "nodes");

    @TempDir
    Path tmp;
    private ChartRepository charts;
    private WorkloadSimulator simulator;
    private OperatorHarness harness;

    @BeforeEach
    void start() throws IOException {
        charts = ChartRepository.start(tmp.resolve("charts"));
        charts.publish(UpstreamLikeCharts.forChannel(AddonChannel.load()));
        int port = freePort();
        EndpointOverrides endpoints = EndpointOverrides.of(Map.of("default/demo", "https://127.0.0.1:" + port));
        AddonSettings addons = new AddonSettings(RepositoryOverride.all(charts.url()), tmp.resolve("addon-cache"));
        harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST, endpoints, addons));
        simulator = new WorkloadSimulator(harness.client, harness.consoleEc2(), Duration.ofSeconds(1), Clock.systemUTC());
        simulator.serve("default", "demo", port);
        simulator.start(Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        simulator.close();
        harness.close();
        charts.close();
    }

    @Test
    void aNotReadyNodeIsReplacedButNotWhileMoreThanMaxUnhealthyAreNotReady() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        for (String group : GROUPS) {
            InstanceGroup ig = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", group);
            if (group.equals("nodes")) {
                ig.getSpec().remediation = new RemediationSpec();
                ig.getSpec().remediation.unhealthyAfter = "3s";
                ig.getSpec().remediation.maxUnhealthy = new IntOrString(1);
            }
            harness.client.resource(ig).create();
        }
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition(cluster().getStatus().conditions, ConditionType.READY).status).isEqualTo(Condition.TRUE);
            assertThat(condition(nodes().conditions, ConditionType.REMEDIATION_ALLOWED).reason).isEqualTo("InstancesHealthy");
        });
        InstanceGroupStatus healthy = nodes();
        assertThat(healthy.instances).hasSize(3).allSatisfy(i -> {
            assertThat(Instant.parse(i.launchedAt)).isBefore(Instant.now());
            assertThat(i.notReadySince).isNull();
            assertThat(i.unhealthy).isFalse();
        });
        InstanceStatus first = healthy.instances.get(0);
        InstanceStatus second = healthy.instances.get(1);
        SimulatedCluster workload = simulator.cluster("default", "demo").orElseThrow();

        // two of three NotReady is more than maxUnhealthy 1: the fault is not in the nodes, nothing is replaced
        workload.makeNodeNotReady(first.nodeName);
        workload.makeNodeNotReady(second.nodeName);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(condition(nodes().conditions, ConditionType.REMEDIATION_ALLOWED).reason).isEqualTo("TooManyUnhealthy"));
        InstanceGroupStatus blocked = nodes();
        Condition allowed = condition(blocked.conditions, ConditionType.REMEDIATION_ALLOWED);
        assertThat(allowed.status).isEqualTo(Condition.FALSE);
        assertThat(allowed.message).startsWith("2 of 3 instance(s) are unhealthy, more than maxUnhealthy 1 (1 of 3): the fault is likely "
                + "not in the nodes, so none is replaced: ").contains(first.id, second.id);
        assertThat(blocked.instances).extracting(i -> i.id).contains(first.id, second.id);
        assertThat(blocked.instances).noneMatch(i -> i.unhealthy);
        assertThat(blocked.instances).filteredOn(i -> i.id.equals(first.id)).singleElement()
                .satisfies(i -> assertThat(i.notReadySince).isNotNull());
        assertThat(blocked.rollout == null || blocked.rollout.inFlight == null || blocked.rollout.inFlight.isEmpty())
                .as("no replacement started: %s", blocked.rollout == null ? null : blocked.rollout.message).isTrue();
        assertThat(ec2State(first.id)).isEqualTo("running");
        assertThat(ec2State(second.id)).isEqualTo("running");

        // with one of them Ready again, the other is within maxUnhealthy: drained and replaced through the roll
        workload.makeNodeReady(second.nodeName);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(ec2State(first.id)).isIn("shutting-down", "terminated");
            InstanceGroupStatus ig = nodes();
            assertThat(ig.instances).extracting(i -> i.id).doesNotContain(first.id).contains(second.id);
            assertThat(ig.readyReplicas).isEqualTo(3);
            assertThat(ig.rollout.replaced).isGreaterThanOrEqualTo(1);
            assertThat(condition(ig.conditions, ConditionType.REMEDIATION_ALLOWED).reason).isEqualTo("InstancesHealthy");
        });
        // the simulated kubelet's Node goes at the simulator's next pass after its instance stopped running
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(workload.client().nodes().withName(first.nodeName).get()).as("its node is gone with it").isNull());
        assertThat(ec2State(second.id)).isEqualTo("running");
    }

    private String ec2State(String instanceId) {
        return harness.consoleEc2().describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0)
                .state().nameAsString();
    }

    private Cluster cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
    }

    private InstanceGroupStatus nodes() {
        return harness.client.resources(InstanceGroup.class).inNamespace("default").withName("nodes").get().getStatus();
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
