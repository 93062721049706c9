package io.slipway.controller;

import io.slipway.testing.ClusterProgress;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deleting a Cluster alone removes everything: its InstanceGroups first, then its AWS resources. */
class ClusterDeletionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ReconcileSettings FAST = new ReconcileSettings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2), 50);
    /** A finalizer of the test's own, standing for an InstanceGroup whose AWS resources take a while to go. */
    private static final String HOLD = "test.slipway.io/hold";
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST));

    @Test
    void instanceGroupsAreDeletedBeforeTheNetwork() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        harness.client.resource(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "control-plane-us-east-1a")).create();
        InstanceGroup nodes = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        nodes.getMetadata().setFinalizers(new ArrayList<>(List.of(HOLD)));
        harness.client.resource(nodes).create();
        InstanceGroup stranger = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        stranger.getMetadata().setName("other-nodes");
        stranger.getSpec().clusterName = "other";
        harness.client.resource(stranger).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = cluster().get();
            assertThat(ClusterProgress.infrastructureReady(seen)).isTrue();
            assertThat(ig("nodes").get().getStatus().conditions).isNotEmpty();
        });
        // the cluster's own scope: the groups' launch templates, ASGs and instances come and go on their own
        int owned = Boto3Inventory.count(Boto3Inventory.taggedWith(MotoServer.get().endpoint(), "slipway.io/owner=cluster"));
        assertThat(owned).isGreaterThan(20);

        cluster().delete();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Condition ready = Conditions.get(cluster().get().getStatus().conditions, ConditionType.READY).orElseThrow();
            assertThat(ready.reason).isEqualTo("DeletingInstanceGroups");
            assertThat(ready.message).contains("nodes").doesNotContain("other-nodes");
            assertThat(ig("control-plane-us-east-1a").get()).as("a group without other finalizers is gone").isNull();
            assertThat(ig("nodes").get().isMarkedForDeletion()).isTrue();
        });
        assertThat(cluster().get().getStatus().phase).isEqualTo("Deleting");
        // While a group exists the network stays: every cleanup pass sees the held group and stops before AWS.
        assertThat(Boto3Inventory.count(Boto3Inventory.taggedWith(MotoServer.get().endpoint(), "slipway.io/owner=cluster")))
                .isEqualTo(owned);

        ig("nodes").edit(ig -> {
            ig.getMetadata().setFinalizers(new ArrayList<>(ig.getMetadata().getFinalizers().stream().filter(f -> !f.equals(HOLD)).toList()));
            return ig;
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster().get()).isNull());
        assertThat(ig("nodes").get()).isNull();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo")))
                .as("resources tagged for the cluster after delete").isZero();
        assertThat(ig("other-nodes").get()).as("another cluster's group is left alone").isNotNull();
        assertThat(harness.events("default", "demo")).extracting(e -> e.getReason()).contains("DeletingInstanceGroups", "Deleted");
    }

    @Test
    void clusterThatNeverReachedAwsStillTakesItsGroups() {
        Cluster demo = harness.example(Cluster.class, "examples/cluster.yaml", "demo");
        demo.getSpec().paused = true;
        harness.client.resource(demo).create();
        harness.client.resource(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes")).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(cluster().get().getStatus().phase).isEqualTo("Paused");
            assertThat(cluster().get().getMetadata().getFinalizers()).isNotEmpty();
        });

        cluster().delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster().get()).isNull();
            assertThat(ig("nodes").get()).isNull();
        });
        assertThat(harness.awsCalls()).as("a paused cluster that never reached AWS is deleted without it").isZero();
    }

    private Resource<Cluster> cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo");
    }

    private Resource<InstanceGroup> ig(String name) {
        return harness.client.resources(InstanceGroup.class).inNamespace("default").withName(name);
    }
}
