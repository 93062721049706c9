package io.slipway.controller;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reconcilers' contract with the Kubernetes API, independent of what they build in AWS. */
class ClusterAndInstanceGroupLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private OperatorHarness harness;

    @BeforeEach
    void start() {
        harness = new OperatorHarness(TestReconcilers::all);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void instanceGroupWaitsForItsClusterAndIsReconciledWhenItAppears() {
        InstanceGroup nodes = example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        harness.client.resource(nodes).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            List<Condition> c = status(ig("nodes"));
            assertThat(condition(c, ConditionType.CLUSTER_FOUND).status).isEqualTo("False");
            assertThat(condition(c, ConditionType.CLUSTER_FOUND).message).contains("Cluster demo not found in namespace default");
            assertThat(condition(c, ConditionType.READY).reason).isEqualTo("ClusterNotFound");
            assertThat(condition(c, ConditionType.STALLED).status).isEqualTo("False");
        });
        assertThat(harness.events("default", "nodes")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("WaitingForCluster"));

        Cluster demo = example(Cluster.class, "examples/cluster.yaml", "demo");
        demo.getSpec().paused = true; // the Cluster's own AWS work is not what this test is about
        harness.client.resource(demo).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            List<Condition> c = status(ig("nodes"));
            assertThat(condition(c, ConditionType.CLUSTER_FOUND).status).isEqualTo("True");
            assertThat(condition(c, ConditionType.SPEC_VALID).status).isEqualTo("True");
            assertThat(ig("nodes").getStatus().clusterName).isEqualTo("demo");
        });
    }

    @Test
    void clusterChangeRevalidatesItsInstanceGroups() {
        Cluster demo = example(Cluster.class, "examples/cluster.yaml", "demo");
        demo.getSpec().paused = true;
        harness.client.resource(demo).create();
        harness.client.resource(example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes")).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(condition(status(ig("nodes")), ConditionType.SPEC_VALID).status).isEqualTo("True"));

        // Removing the subnets the group names makes the group invalid, without touching the group itself.
        cluster("demo").edit(c -> {
            c.getSpec().subnets.removeIf(s -> s.name.equals("us-east-1a"));
            return c;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Condition specValid = condition(status(ig("nodes")), ConditionType.SPEC_VALID);
            assertThat(specValid.status).isEqualTo("False");
            assertThat(specValid.message).contains("spec.subnets[0]").contains("us-east-1a");
        });
    }

    @Test
    void immutableFieldChangeIsRefusedAndNothingIsLost() {
        Cluster demo = example(Cluster.class, "examples/cluster.yaml", "demo");
        harness.client.resource(demo).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(cluster("demo").get().getStatus().applied).isNotNull());
        assertThat(cluster("demo").get().getStatus().applied.region).isEqualTo("us-east-1");
        assertThat(cluster("demo").get().getMetadata().getFinalizers()).isNotEmpty();

        java.util.function.UnaryOperator<Cluster> moveRegion = c -> {
            c.getSpec().region = "us-west-2";
            c.getSpec().subnets.forEach(s -> s.zone = s.zone.replace("us-east-1", "us-west-2"));
            return c;
        };
        // The CRD's transition rule refuses this at admission; the operator's own check is what is tested below.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cluster("demo").edit(moveRegion))
                .hasMessageContaining("spec.region: Forbidden: region is immutable");
        harness.api.setCustomResourceValidation(false);
        cluster("demo").edit(moveRegion);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = cluster("demo").get();
            Condition specValid = condition(status(seen), ConditionType.SPEC_VALID);
            assertThat(specValid.status).isEqualTo("False");
            assertThat(specValid.message).contains("spec.region").contains("immutable");
            assertThat(seen.getStatus().observedGeneration).isEqualTo(seen.getMetadata().getGeneration());
            assertThat(seen.getStatus().applied.region).as("what was applied is kept").isEqualTo("us-east-1");
            assertThat(seen.getSpec().region).as("spec is never written by the operator").isEqualTo("us-west-2");
        });
    }

    @Test
    void statusIsPatchedOnlyWhenItChangesAndDeletionRemovesTheFinalizer() throws Exception {
        Cluster demo = example(Cluster.class, "examples/cluster.yaml", "demo");
        demo.getSpec().paused = true;
        harness.client.resource(demo).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(cluster("demo").get().getStatus().phase).isEqualTo("Paused"));
        String settled = cluster("demo").get().getMetadata().getResourceVersion();

        // A metadata-only change triggers a reconcile that finds nothing new: status is not written again.
        cluster("demo").edit(c -> {
            c.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
            return c;
        });
        String afterTouch = cluster("demo").get().getMetadata().getResourceVersion();
        Thread.sleep(1500);
        assertThat(cluster("demo").get().getMetadata().getResourceVersion()).isEqualTo(afterTouch).isNotEqualTo(settled);
        Condition ready = condition(status(cluster("demo").get()), ConditionType.SPEC_VALID);
        assertThat(ready.observedGeneration).isEqualTo(1L);

        cluster("demo").delete();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(cluster("demo").get()).isNull());
    }

    private Resource<Cluster> cluster(String name) {
        return harness.client.resources(Cluster.class).inNamespace("default").withName(name);
    }

    private InstanceGroup ig(String name) {
        return harness.client.resources(InstanceGroup.class).inNamespace("default").withName(name).get();
    }

    private static List<Condition> status(Cluster c) {
        assertThat(c.getStatus()).as("status").isNotNull();
        return c.getStatus().conditions;
    }

    private static List<Condition> status(InstanceGroup ig) {
        assertThat(ig.getStatus()).as("status").isNotNull();
        return ig.getStatus().conditions;
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.get(conditions, type).orElseThrow(() -> new AssertionError("no " + type + " condition yet"));
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T example(Class<T> type, String file, String name) {
        try {
            String kind = type.getSimpleName();
            return java.util.Arrays.stream(java.nio.file.Files.readString(Path.of(file)).split("(?m)^---\\s*$"))
                    .filter(doc -> doc.contains("kind: " + kind))
                    .map(doc -> harness.client.getKubernetesSerialization().unmarshal(doc, type))
                    .filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
