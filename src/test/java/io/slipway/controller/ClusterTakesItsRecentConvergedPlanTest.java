package io.slipway.controller;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.testing.CallCounts;
import io.slipway.testing.ClusterProgress;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconciles soon after a plan showed the Cluster's infrastructure converged (here every second: the cluster has no
 * control-plane group, so its workload phases wait and look again) take that plan instead of reading AWS again; a
 * reconcile asked for by annotation plans afresh. DescribeInternetGateways is read by the Cluster's plan alone.
 */
class ClusterTakesItsRecentConvergedPlanTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PLAN_READ = "ec2:DescribeInternetGateways";
    private static final ReconcileSettings SECOND_IN_FLIGHT =
            new ReconcileSettings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 50);

    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, SECOND_IN_FLIGHT));

    @Test
    void reconcilesRightAfterConvergenceReadNothingOfTheInfrastructureButARequestedOneDoes() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(ClusterProgress.infrastructureReady(cluster().get())).isTrue());
        long planReads = planReads();
        double reconciles = harness.reconciles(ClusterReconciler.NAME);

        await().atMost(WAIT).until(() -> harness.reconciles(ClusterReconciler.NAME) >= reconciles + 2);
        assertThat(planReads()).as("reconciles within the lifetime of the converged plan").isEqualTo(planReads);

        cluster().edit(c -> {
            HashMap<String, String> annotations = new HashMap<>(c.getMetadata().getAnnotations() == null
                    ? java.util.Map.of() : c.getMetadata().getAnnotations());
            annotations.put(ReconcileTrigger.REQUESTED_AT, "now");
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster().get().getStatus().lastHandledReconcileAt).isEqualTo("now"));
        assertThat(planReads()).as("the requested reconcile's plan").isGreaterThan(planReads);
    }

    private long planReads() {
        return CallCounts.byOperation(harness.registry).getOrDefault(PLAN_READ, 0L);
    }

    private Resource<Cluster> cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo");
    }
}
