package io.slipway.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.cloud.ApplyPool;
import io.slipway.model.AwsNames;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.EndpointOverrides;
import io.slipway.workload.WorkloadConnector;
import io.slipway.workload.addons.AddonInstaller;
import io.slipway.workload.addons.AddonSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster's keys are made off the reconcile: while they cannot be made (their randomness is held back), the
 * network, its NAT gateways, IAM and the API load balancer are built anyway, no credential Secret or bootstrap object
 * exists and CredentialsReady says the keys are being made; once they can, the Secrets, the bootstrap objects and the
 * kubeconfig follow and CredentialsReady turns True.
 */
@ExtendWith(MotoExtension.class)
class ClusterBuildsWhileKeysAreMadeTest {
    private static final ApplyPool POOL = new ApplyPool(8, "keys-test-apply");

    @Test
    void theNetworkIsBuiltWhileTheKeysAreMadeAndTheBootstrapObjectsFollowThem(URI moto) {
        MotoServer.get().reset();
        HeldRandom random = new HeldRandom();
        try (OperatorHarness harness = new OperatorHarness(w -> List.of(clusterReconciler(w, random)))) {
            Cluster cluster = harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
            String bucket = AwsNames.of(cluster).bootstrapBucket(MotoServer.ACCOUNT);

            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                assertThat(Boto3Inventory.tagged(moto, "default/demo").path("natgateway")).hasSize(3);
                Condition credentials = condition(harness, ConditionType.CREDENTIALS_READY);
                assertThat(credentials.status).isEqualTo(Condition.FALSE);
                assertThat(credentials.reason).isEqualTo("IssuingCredentials");
                assertThat(condition(harness, ConditionType.IAM_READY).status).isEqualTo(Condition.TRUE);
            });
            assertThat(random.waiting()).as("the keys' making is under way, held back").isTrue();
            assertThat(credentialSecrets(harness)).isEmpty();
            JsonNode store = Boto3Inventory.bucket(moto, bucket, "");
            assertThat(store.path("exists").asBoolean()).isTrue();
            assertThat(store.path("objects").size()).isZero();

            random.release();
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() ->
                    assertThat(condition(harness, ConditionType.CREDENTIALS_READY).status).isEqualTo(Condition.TRUE));
            assertThat(credentialSecrets(harness)).contains("demo-ca", "demo-etcd-ca", "demo-front-proxy-ca", "demo-sa",
                    "demo-bootstrap-token", "demo-admin", "demo-kubeconfig");
            List<String> objects = new ArrayList<>();
            Boto3Inventory.bucket(moto, bucket, "").path("objects").fieldNames().forEachRemaining(objects::add);
            assertThat(objects).containsExactlyInAnyOrder("bootstrap/control-plane/bootstrap.json", "bootstrap/node/bootstrap.json");
            assertThat(harness.events("default", "demo")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("CredentialsIssued"));
        } finally {
            random.release(); // never leave the making blocked on a shared thread
        }
    }

    /** The production Cluster reconciler (alone: no group is applied), its keys made with {@code random}. */
    private static Reconciler<?> clusterReconciler(OperatorHarness.Wiring w, SecureRandom random) {
        Clock clock = Clock.systemUTC();
        EventRecorder events = new EventRecorder(w.client(), clock);
        ReconcileSettings settings = TestReconcilers.FAST;
        ClusterWorkload workload = new ClusterWorkload(w.closedWithOperator(new WorkloadConnector(w.client(), EndpointOverrides.none())),
                new ClusterValidator(ClusterValidator.DEFAULT_MAX_FAILURES), new AddonInstaller(AddonSettings.defaults()), clock, settings);
        return new ClusterReconciler(new ClusterSpecChecks(), events, clock, new ClusterCredentials(w.client()), w.aws(),
                new ClusterInfrastructure(w.registry(), events, clock, settings, POOL, Optional.empty()),
                new ClusterSecrets(w.client(), ManagementCluster.FAST_CREDENTIALS, clock, random), settings, workload);
    }

    private static Condition condition(OperatorHarness harness, String type) {
        Cluster seen = harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        return Conditions.get(seen.getStatus().conditions, type).orElseThrow();
    }

    private static List<String> credentialSecrets(OperatorHarness harness) {
        return harness.client.secrets().inNamespace("default").list().getItems().stream()
                .map(s -> s.getMetadata().getName()).filter(n -> n.startsWith("demo-")).toList();
    }

    /** Randomness that is held back until released: whatever needs it (a new key) waits. */
    private static final class HeldRandom extends SecureRandom {
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean waiting;

        void release() {
            released.countDown();
        }

        boolean waiting() {
            return waiting;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (released.getCount() > 0) {
                waiting = true;
                try {
                    if (!released.await(5, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            super.nextBytes(bytes);
        }
    }
}
