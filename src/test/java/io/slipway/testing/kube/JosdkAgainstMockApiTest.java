package io.slipway.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.Condition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain JOSDK operator against {@link KubeApiServer}: finalizer added, status patched and seen, a spec change
 * reconciled, deletion runs the cleaner and the object goes away. Run with SSA on (production's setting: apply
 * patches on /status, emulated as three-way merge patches) and off (JSON patch on /status).
 */
class JosdkAgainstMockApiTest {

    @ParameterizedTest(name = "server-side apply for the primary resource: {0}")
    @ValueSource(booleans = {false, true})
    void reconcilesPatchesStatusAndCleansUp(boolean useSsa) {
        try (KubeApiServer api = KubeApiServer.start()) {
            KubernetesClient client = api.client();
            GeneratedCrds.install(client);
            PhaseReconciler reconciler = new PhaseReconciler();
            Operator operator = new Operator(o -> o.withKubernetesClient(api.newClient())
                    .withUseSSAToPatchPrimaryResource(useSsa).withCloseClientOnStop(true));
            operator.register(reconciler, c -> c.settingNamespace("default").withFinalizer("slipway.io/finalizer"));
            operator.start();
            try {
                Cluster cluster = client.resources(Cluster.class).load(Path.of("examples", "cluster.yaml").toFile()).item();
                client.resource(cluster).create();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Cluster seen = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
                    assertThat(seen.getMetadata().getFinalizers()).containsExactly("slipway.io/finalizer");
                    assertThat(seen.getStatus()).isNotNull();
                    assertThat(seen.getStatus().observedGeneration).isEqualTo(1L);
                    assertThat(seen.getStatus().conditions).extracting(c -> c.type).containsExactly("Ready");
                });

                client.resources(Cluster.class).inNamespace("default").withName("demo")
                        .edit(c -> { c.getSpec().kubernetesVersion = "1.32.5"; return c; });
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Cluster seen = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
                    assertThat(seen.getMetadata().getGeneration()).isEqualTo(2L);
                    assertThat(seen.getStatus().observedGeneration).isEqualTo(2L);
                    assertThat(seen.getStatus().phase).isEqualTo("Pending 1.32.5");
                    assertThat(seen.getStatus().conditions).hasSize(1);
                });

                client.resources(Cluster.class).inNamespace("default").withName("demo").delete();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get()).isNull());
                assertThat(reconciler.cleanedUp).containsExactly("demo");
            } finally {
                operator.stop();
            }
        }
    }

    static class PhaseReconciler implements Reconciler<Cluster>, Cleaner<Cluster> {
        final Set<String> cleanedUp = ConcurrentHashMap.newKeySet();

        @Override
        public UpdateControl<Cluster> reconcile(Cluster resource, Context<Cluster> context) {
            ClusterStatus status = new ClusterStatus();
            status.observedGeneration = resource.getMetadata().getGeneration();
            status.phase = "Pending " + resource.getSpec().kubernetesVersion;
            Condition ready = new Condition("Ready", Condition.FALSE, "Pending", "nothing done yet");
            ready.lastTransitionTime = "2026-01-01T00:00:00Z";
            status.conditions = List.of(ready);
            Cluster patch = new Cluster();
            patch.setMetadata(resource.getMetadata());
            patch.setSpec(resource.getSpec());
            patch.setStatus(status);
            return UpdateControl.patchStatus(patch);
        }

        @Override
        public DeleteControl cleanup(Cluster resource, Context<Cluster> context) {
            cleanedUp.add(resource.getMetadata().getName());
            return DeleteControl.defaultDelete();
        }
    }
}
