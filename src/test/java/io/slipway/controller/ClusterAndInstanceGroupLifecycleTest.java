package io.slipway.controller;

import io.slipway.testing.ClusterProgress;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reconcilers' contract with the Kubernetes API, independent of what they build in AWS. */
class ClusterAndInstanceGroupLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A short resync, so that converged Clusters are reconciled again and again during a test. */
    private static final ReconcileSettings FAST = new ReconcileSettings(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(2), 50);
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST));

    @Test
    void instanceGroupWaitsForItsClusterAndIsReconciledWhenItAppears() {
        InstanceGroup nodes = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        harness.client.resource(nodes).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            List<Condition> c = status(ig("nodes"));
            assertThat(condition(c, ConditionType.CLUSTER_FOUND).status).isEqualTo("False");
            assertThat(condition(c, ConditionType.CLUSTER_FOUND).message).contains("Cluster demo not found in namespace default");
            assertThat(condition(c, ConditionType.READY).reason).isEqualTo("ClusterNotFound");
            assertThat(condition(c, ConditionType.STALLED).status).isEqualTo("False");
        });
        assertThat(harness.events("default", "nodes")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("WaitingForCluster"));

        Cluster demo = harness.example(Cluster.class, "examples/cluster.yaml", "demo");
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
        Cluster demo = harness.example(Cluster.class, "examples/cluster.yaml", "demo");
        demo.getSpec().paused = true;
        harness.client.resource(demo).create();
        harness.client.resource(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes")).create();
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
        Cluster demo = harness.example(Cluster.class, "examples/cluster.yaml", "demo");
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
    void statusIsPatchedOnlyWhenItChangesAndDeletionRemovesTheFinalizer() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(ClusterProgress.infrastructureReady(cluster("demo").get())).isTrue());
        double converged = harness.reconciles(ClusterReconciler.NAME);
        await().atMost(WAIT).until(() -> harness.reconciles(ClusterReconciler.NAME) > converged);
        String settled = cluster("demo").get().getMetadata().getResourceVersion();

        // A metadata-only change starts no reconcile, and the resyncs that follow find nothing new: status is not
        // written again. Two finished resyncs after the change are the positive signal that reconciles did happen.
        cluster("demo").edit(c -> {
            c.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
            return c;
        });
        String afterTouch = cluster("demo").get().getMetadata().getResourceVersion();
        double touched = harness.reconciles(ClusterReconciler.NAME);
        await().atMost(WAIT).until(() -> harness.reconciles(ClusterReconciler.NAME) >= touched + 2);
        assertThat(cluster("demo").get().getMetadata().getResourceVersion()).isEqualTo(afterTouch).isNotEqualTo(settled);
        assertThat(condition(status(cluster("demo").get()), ConditionType.SPEC_VALID).observedGeneration).isEqualTo(1L);

        cluster("demo").delete();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(cluster("demo").get()).isNull());
    }

    @Test
    void phaseIsProvisioningFromTheFirstStatusAndNeverClaimsReadyWithoutInstances() {
        List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var watch = cluster("demo").watch(new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, Cluster resource) {
                String phase = resource.getStatus() == null ? null : resource.getStatus().phase;
                if (phase != null && (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase))) {
                    phases.add(phase);
                }
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            }
        })) {
            harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
            await().atMost(WAIT).until(() -> ClusterProgress.infrastructureReady(cluster("demo").get()));
        }
        // Every status written on the way was watched: the first apply shows Provisioning from its start, and with
        // no instance running the cluster is never called Ready.
        assertThat(phases).as("phases in the order they were written").containsExactly("Provisioning");
    }

    @Test
    void sshOpenToTheWorldIsWarnedAboutOncePerGeneration() {
        Cluster demo = harness.example(Cluster.class, "examples/cluster.yaml", "demo");
        demo.getSpec().paused = true;
        demo.getSpec().sshAccess = new java.util.ArrayList<>(List.of("203.0.113.0/24", "0.0.0.0/0"));
        harness.client.resource(demo).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(sshWarnings()).isEqualTo(1));
        assertThat(harness.events("default", "demo")).filteredOn(e -> "SshOpenToWorld".equals(e.getReason()))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("0.0.0.0/0").doesNotContain("203.0.113.0/24");
                });

        // Another reconcile of the same generation (requested, so it surely ran) does not warn again.
        cluster("demo").edit(c -> {
            c.getMetadata().setAnnotations(java.util.Map.of(ReconcileTrigger.REQUESTED_AT, "again"));
            return c;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster("demo").get().getStatus().lastHandledReconcileAt).isEqualTo("again"));
        assertThat(sshWarnings()).isEqualTo(1);

        // A new generation that still opens SSH to the world warns once more.
        cluster("demo").edit(c -> {
            c.getSpec().kubernetesApiAccess = new java.util.ArrayList<>(List.of("198.51.100.0/24"));
            return c;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster("demo").get().getStatus().observedGeneration).isEqualTo(2L));
        assertThat(sshWarnings()).isEqualTo(2);
    }

    /**
     * With a mixed instances policy AWS launches only the listed types: a machineType outside the list never runs,
     * though the printer column shows it and a change of it rolls the group onto the same types.
     */
    @Test
    void aMachineTypeThatAMixedInstancesPolicyNeverLaunchesIsWarnedAbout() {
        InstanceGroup nodes = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        nodes.getSpec().machineType = "m6i.2xlarge";
        nodes.getSpec().mixedInstancesPolicy = new io.slipway.api.MixedInstancesPolicySpec();
        nodes.getSpec().mixedInstancesPolicy.instances = List.of("m6i.xlarge", "m6a.xlarge");
        harness.client.resource(nodes).create();

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(harness.events("default", "nodes"))
                .filteredOn(e -> "MachineTypeNotLaunched".equals(e.getReason())).singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("spec.machineType m6i.2xlarge", "spec.mixedInstancesPolicy.instances",
                            "m6i.xlarge, m6a.xlarge");
                }));
    }

    /** SshOpenToWorld warnings recorded on the Cluster, repeats included (the recorder folds them into a count). */
    private int sshWarnings() {
        return harness.events("default", "demo").stream().filter(e -> "SshOpenToWorld".equals(e.getReason()))
                .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
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
}
