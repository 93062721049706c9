package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import io.slipway.testing.workload.SimulatedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The examples, applied as a user applies them, end in a Cluster whose Ready condition is True: the operator builds
 * the infrastructure and the instance groups in moto, the simulated kubelets register a Node per running instance
 * and run the control-plane pods, the operator applies the addons through the workload cluster's admin kubeconfig
 * (the simulator's address is the only thing that differs) and validates the cluster. Then it stays honest: a node
 * made NotReady takes Ready away, scaling changes the group in place, a new machine type marks the instances
 * outdated, and deleting the Cluster leaves nothing in AWS.
 */
@ExtendWith(MotoExtension.class)
class ExampleClusterReachesReadyTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final List<String> GROUPS = RollingClusterFixture.EXAMPLE_GROUPS;

    @RegisterExtension
    final RollingClusterFixture demo = RollingClusterFixture.of(GROUPS).bootDelay(Duration.ofSeconds(1)).build();

    @Test
    void theExamplesReachReadyAndTheClusterStaysHonestUntilItIsDeleted() {
        Cluster ready = awaitCondition(ConditionType.READY, Condition.TRUE);
        ClusterStatus status = ready.getStatus();
        for (String type : List.of(ConditionType.NETWORK_READY, ConditionType.IAM_READY, ConditionType.CREDENTIALS_READY,
                ConditionType.API_ENDPOINT_READY, ConditionType.CONTROL_PLANE_READY, ConditionType.ADDONS_READY,
                ConditionType.NODES_READY, ConditionType.CLUSTER_VALIDATED)) {
            assertThat(condition(status, type).status).as(type).isEqualTo(Condition.TRUE);
        }
        assertThat(status.phase).isEqualTo("Ready");
        assertThat(status.validation.valid).isTrue();
        assertThat(status.validation.failures).isEmpty();
        assertThat(status.addons).extracting(a -> a.name)
                .containsExactly("cilium", "aws-cloud-controller-manager", "aws-ebs-csi-driver");
        for (String group : GROUPS) {
            InstanceGroupStatus ig = demo.group(group).getStatus();
            int target = group.equals("nodes") ? 3 : 1;
            assertThat(ig.readyReplicas).as(group).isEqualTo(target);
            assertThat(ig.instances).as(group).hasSize(target).allSatisfy(i -> {
                assertThat(i.nodeName).isNotBlank();
                assertThat(i.ready).isTrue();
                assertThat(i.upToDate).isTrue();
            });
            assertThat(RollingClusterFixture.condition(ig.conditions, ConditionType.READY).status).as(group).isEqualTo(Condition.TRUE);
        }
        SimulatedCluster workload = demo.workload();
        assertThat(workload.client().nodes().list().getItems()).hasSize(6);

        // a node that stops being Ready takes Ready away from its group and from the cluster, and gives it back
        InstanceGroupStatus.InstanceStatus worker = demo.group("nodes").getStatus().instances.get(0);
        workload.makeNodeNotReady(worker.nodeName);
        Cluster degraded = awaitCondition(ConditionType.READY, Condition.FALSE);
        assertThat(condition(degraded.getStatus(), ConditionType.CLUSTER_VALIDATED).message).contains(worker.nodeName);
        workload.makeNodeReady(worker.nodeName);
        awaitCondition(ConditionType.READY, Condition.TRUE);

        // scaling up is done in place: the new instance joins, and nothing is outdated
        long version = demo.group("nodes").getStatus().launchTemplate.version;
        demo.editGroup("nodes", ig -> {
            ig.getSpec().minSize = 4;
            return ig;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroupStatus ig = demo.group("nodes").getStatus();
            assertThat(ig.readyReplicas).isEqualTo(4);
            assertThat(ig.updatedReplicas).isEqualTo(4);
            assertThat(ig.launchTemplate.version).isEqualTo(version);
        });
        awaitCondition(ConditionType.READY, Condition.TRUE);

        // a new machine type is a new configuration: the running instances are outdated (replacing them is a roll)
        String hash = demo.group("nodes").getStatus().launchTemplate.configHash;
        demo.editGroup("nodes", ig -> {
            ig.getSpec().machineType = "m6i.2xlarge";
            return ig;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroupStatus ig = demo.group("nodes").getStatus();
            assertThat(ig.launchTemplate.configHash).isNotEqualTo(hash);
            assertThat(ig.launchTemplate.version).isGreaterThan(version);
            assertThat(ig.instances).hasSize(4).allSatisfy(i -> assertThat(i.upToDate).isFalse());
            assertThat(ig.updatedReplicas).isZero();
        });

        demo.deleteCluster(WAIT);
        assertThat(demo.harness.client.resources(InstanceGroup.class).inNamespace("default").list().getItems()).isEmpty();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo")))
                .as("independent inventory").isZero();
        try (AwsInventory inventory = new AwsInventory(MotoServer.get().endpoint())) {
            assertThat(inventory.all(AwsInventory.Scope.of("default/demo"))).isEmpty();
        }
    }

    private Cluster awaitCondition(String type, String value) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(condition(demo.cluster().getStatus(), type).status).as("%s", demo.cluster().getStatus().conditions)
                        .isEqualTo(value));
        return demo.cluster();
    }

    private static Condition condition(ClusterStatus status, String type) {
        return RollingClusterFixture.condition(status.conditions, type);
    }
}
