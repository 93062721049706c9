package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.ClusterProgress;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example Cluster through the operator to everything a control plane needs before any instance boots: network,
 * IAM, credentials in Secrets and in the bootstrap store, the API load balancer, and a kubeconfig pointing at it;
 * kept across an operator restart, never shown in status or Events, and all gone after a delete.
 */
class ControlPlaneInfrastructureTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ReconcileSettings FAST = TestReconcilers.FAST.withTeardownStallAfter(Duration.ZERO);
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST));

    @Test
    void exampleClusterGetsItsControlPlaneInfrastructureAndAKubeconfigButIsNotCalledReady() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        harness.client.resource(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "control-plane-us-east-1a")).create();
        Cluster ready = awaitInfrastructure();

        assertThat(condition(ready, ConditionType.READY).status).isEqualTo(Condition.FALSE);
        assertThat(condition(ready, ConditionType.CONTROL_PLANE_READY).status).isEqualTo(Condition.FALSE);
        assertThat(ready.getStatus().iam.roles).extracting(r -> r.role).contains("ControlPlane", "Node");
        assertThat(ready.getStatus().iam.roles).allSatisfy(r -> assertThat(r.instanceProfileARN).startsWith("arn:aws:iam::"));
        assertThat(ready.getStatus().bootstrapStore.bucket).startsWith("slipway-default-demo-");
        assertThat(ready.getStatus().bootstrapStore.objectKeys).contains("bootstrap/control-plane/bootstrap.json", "bootstrap/node/bootstrap.json");
        String url = ready.getStatus().apiEndpoint.url;
        assertThat(url).startsWith("https://").endsWith(":443");
        assertThat(condition(ready, ConditionType.API_ENDPOINT_READY).message).isEqualTo("clients reach the API at " + url);
        assertThat(ready.getStatus().credentials.secrets).extracting(s -> s.name)
                .contains("demo-ca", "demo-etcd-ca", "demo-front-proxy-ca", "demo-sa", "demo-bootstrap-token", "demo-admin");
        assertThat(ready.getStatus().credentials.secrets).filteredOn(s -> s.name.endsWith("-ca")).allSatisfy(s -> assertThat(s.notAfter).isNotBlank());

        Config kubeconfig = kubeconfig(ready.getStatus().credentials.kubeconfigSecret);
        assertThat(kubeconfig.getClusters()).singleElement().satisfies(c -> assertThat(c.getCluster().getServer()).isEqualTo(url));

        JsonText everything = new JsonText(harness.client.getKubernetesSerialization());
        everything.add(ready.getStatus());
        harness.events("default", "demo").forEach(e -> everything.add(e.getMessage()));
        assertThat(everything.text).doesNotContain("-----BEGIN").doesNotContain("PRIVATE KEY")
                .doesNotContain(secretValue("demo-bootstrap-token", "token-secret"))
                .doesNotContain(secretValue("demo-ca", "tls.key").substring(0, 40));
    }

    @Test
    void aRestartedOperatorRegeneratesNoCredentialAndFindsEverythingInPlace() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        awaitInfrastructure();
        Map<String, Map<String, String>> before = credentialSecrets();
        long mutatingBefore = harness.awsMutatingCalls();

        harness.restartOperator();
        harness.client.resources(Cluster.class).inNamespace("default").withName("demo")
                .edit(c -> {
                    c.getMetadata().getAnnotations().put("slipway.io/reconcile-requested-at", "restart-1");
                    return c;
                });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster().get().getStatus().lastHandledReconcileAt).isEqualTo("restart-1"));

        assertThat(ClusterProgress.infrastructureReady(cluster().get())).isTrue();
        assertThat(credentialSecrets()).as("every certificate, key and token as it was").isEqualTo(before);
        assertThat(harness.awsMutatingCalls()).as("nothing to change in AWS after a restart").isEqualTo(mutatingBefore);
    }

    @Test
    void deleteLeavesNothingInAwsNorAnySecretAndSaysWhatHoldsIt() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        Cluster ready = awaitInfrastructure();
        String subnet = ready.getStatus().network.subnets.get(0).id;
        Ec2Client ec2 = harness.consoleEc2();
        String eni = ec2.createNetworkInterface(r -> r.subnetId(subnet).description("ELB app/k8s-service-lb")).networkInterface().networkInterfaceId();

        cluster().delete();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster deleting = cluster().get();
            assertThat(condition(deleting, ConditionType.STALLED).status).isEqualTo(Condition.TRUE);
            assertThat(condition(deleting, ConditionType.STALLED).message).contains(eni);
        });
        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));

        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster().get()).isNull());
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo")))
                .as("resources of the cluster in any service after delete").isZero();
        assertThat(Boto3Inventory.bucket(MotoServer.get().endpoint(), ready.getStatus().bootstrapStore.bucket, "").path("exists").asBoolean())
                .as("bucket gone").isFalse();
        assertThat(harness.client.secrets().inNamespace("default").withLabel("slipway.io/cluster", "demo").list().getItems())
                .as("credential Secrets gone with the Cluster").isEmpty();
    }

    private Cluster awaitInfrastructure() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = cluster().get();
            assertThat(ClusterProgress.infrastructureReady(seen)).as(() -> "infrastructure ready: " + seen.getStatus().conditions.stream()
                    .map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message).toList()).isTrue();
        });
        return cluster().get();
    }

    private Map<String, Map<String, String>> credentialSecrets() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (Secret secret : harness.client.secrets().inNamespace("default").withLabel("slipway.io/cluster", "demo").list().getItems()) {
            all.put(secret.getMetadata().getName(), new TreeMap<>(secret.getData()));
        }
        assertThat(all).containsKeys("demo-ca", "demo-etcd-ca", "demo-front-proxy-ca", "demo-sa", "demo-admin", "demo-kubeconfig");
        return all;
    }

    private Config kubeconfig(String secretName) {
        String yaml = secretValue(secretName, "value");
        return harness.client.getKubernetesSerialization().unmarshal(yaml, Config.class);
    }

    private String secretValue(String name, String key) {
        Secret secret = harness.client.secrets().inNamespace("default").withName(name).get();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private Resource<Cluster> cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo");
    }

    private static Condition condition(Cluster cluster, String type) {
        return Conditions.get(cluster.getStatus().conditions, type).orElseThrow();
    }

    /** Everything a user can read about the cluster besides the Secrets, as one text to scan. */
    private static final class JsonText {
        private final KubernetesSerialization serialization;
        private String text = "";

        JsonText(KubernetesSerialization serialization) {
            this.serialization = serialization;
        }

        void add(Object value) {
            text += value instanceof String s ? s + "\n" : serialization.asJson(value) + "\n";
        }
    }
}
