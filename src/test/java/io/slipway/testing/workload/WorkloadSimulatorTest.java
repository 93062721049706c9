package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.controller.CredentialSecretNames;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulated kubelets against instances launched in moto with the tags an instance group's ASG gives them. */
@ExtendWith(MotoExtension.class)
class WorkloadSimulatorTest {
    private static final String NS = "default";
    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T16:00:00Z"));
    private Ec2Client ec2;
    private WorkloadSimulator simulator;
    private TestInstances instances;
    private String name;

    @BeforeEach
    void cluster(TestInfo test, AwsClientFactory aws) {
        name = "s" + Integer.toHexString(test.getDisplayName().hashCode() & 0xfffffff);
        ec2 = aws.session(AwsCredentialSource.operatorDefault(), "us-east-1").ec2();
        instances = new TestInstances(ec2, NS, name);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private SimulatedCluster served(Duration readyAfter) {
        management.clusterWithCredentials(NS, name, "https://api." + name + ".example.com:443");
        simulator = new WorkloadSimulator(management.client, ec2, readyAfter, clock);
        return simulator.serve(NS, name, 0).orElseThrow();
    }

    @Test
    void registersANodePerRunningInstanceOfTheClusterAndRemovesItWhenTheInstanceTerminates() {
        SimulatedCluster workload = served(Duration.ZERO);
        Instance cp = instances.launch("control-plane-us-east-1a", true, "us-east-1a");
        Instance node = instances.launch("nodes", false, "us-east-1b");
        new TestInstances(ec2, NS, "another-cluster").launch("nodes", false, "us-east-1a");

        simulator.syncNow();

        KubernetesClient client = workload.client();
        assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder(cp.privateDnsName(), node.privateDnsName());
        Node cpNode = client.nodes().withName(cp.privateDnsName()).get();
        assertThat(cpNode.getSpec().getProviderID()).isEqualTo("aws:///us-east-1a/" + cp.instanceId());
        assertThat(cpNode.getMetadata().getLabels()).containsEntry("node-role.kubernetes.io/control-plane", "")
                .containsEntry("kops.k8s.io/instancegroup", "control-plane-us-east-1a")
                .containsEntry("topology.kubernetes.io/zone", "us-east-1a");
        assertThat(SimulatedKubelets.isReady(cpNode)).isTrue();
        Node workerNode = client.nodes().withName(node.privateDnsName()).get();
        assertThat(workerNode.getSpec().getProviderID()).isEqualTo("aws:///us-east-1b/" + node.instanceId());
        assertThat(workerNode.getMetadata().getLabels()).containsEntry("node-role.kubernetes.io/node", "")
                .doesNotContainKey("node-role.kubernetes.io/control-plane");
        assertThat(client.pods().inNamespace("kube-system").list().getItems())
                .extracting(p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName(), PodStatuses::isReady)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("kube-apiserver-" + cp.privateDnsName(), cp.privateDnsName(), true),
                        org.assertj.core.groups.Tuple.tuple("kube-controller-manager-" + cp.privateDnsName(), cp.privateDnsName(), true),
                        org.assertj.core.groups.Tuple.tuple("kube-scheduler-" + cp.privateDnsName(), cp.privateDnsName(), true),
                        org.assertj.core.groups.Tuple.tuple("etcd-" + cp.privateDnsName(), cp.privateDnsName(), true));

        instances.terminate(node.instanceId());
        instances.terminate(cp.instanceId());
        simulator.syncNow();

        assertThat(client.nodes().list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("kube-system").list().getItems()).isEmpty();
    }

    @Test
    void aNodeTurnsReadyOnceTheConfiguredDelayHasPassed() {
        SimulatedCluster workload = served(Duration.ofSeconds(30));
        Instance instance = instances.launch("nodes", false, "us-east-1a");

        simulator.syncNow();
        assertThat(SimulatedKubelets.isReady(workload.client().nodes().withName(instance.privateDnsName()).get())).isFalse();

        clock.advance(Duration.ofSeconds(29));
        simulator.syncNow();
        assertThat(SimulatedKubelets.isReady(workload.client().nodes().withName(instance.privateDnsName()).get())).isFalse();

        clock.advance(Duration.ofSeconds(1));
        simulator.syncNow();
        assertThat(SimulatedKubelets.isReady(workload.client().nodes().withName(instance.privateDnsName()).get())).isTrue();
    }

    @Test
    void runsOnePodPerDaemonSetOnEachNodeItSelects() {
        SimulatedCluster workload = served(Duration.ZERO);
        Instance cp = instances.launch("control-plane-us-east-1a", true, "us-east-1a");
        Instance node = instances.launch("nodes", false, "us-east-1b");
        KubernetesClient client = workload.client();
        client.apps().daemonSets().inNamespace("kube-system").resource(daemonSet("cilium", Map.of())).create();
        client.apps().daemonSets().inNamespace("kube-system").resource(daemonSet("aws-cloud-controller-manager",
                Map.of("node-role.kubernetes.io/control-plane", ""))).create();

        simulator.syncNow();

        List<Pod> pods = client.pods().inNamespace("kube-system").withLabel("app").list().getItems();
        assertThat(pods).extracting(p -> p.getMetadata().getLabels().get("app"), p -> p.getSpec().getNodeName())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("cilium", cp.privateDnsName()),
                        org.assertj.core.groups.Tuple.tuple("cilium", node.privateDnsName()),
                        org.assertj.core.groups.Tuple.tuple("aws-cloud-controller-manager", cp.privateDnsName()));
        assertThat(pods).allSatisfy(p -> {
            assertThat(PodStatuses.isReady(p)).isTrue();
            assertThat(p.getSpec().getPriorityClassName()).isEqualTo("system-node-critical");
        });
        DaemonSet cilium = client.apps().daemonSets().inNamespace("kube-system").withName("cilium").get();
        assertThat(cilium.getStatus().getDesiredNumberScheduled()).isEqualTo(2);
        assertThat(cilium.getStatus().getNumberReady()).isEqualTo(2);

        client.apps().daemonSets().inNamespace("kube-system").withName("cilium").delete();
        simulator.syncNow();

        assertThat(client.pods().inNamespace("kube-system").withLabel("app").list().getItems())
                .extracting(p -> p.getMetadata().getLabels().get("app")).containsExactly("aws-cloud-controller-manager");
    }

    @Test
    void theRealKubectlListsTheNodesWithTheAdminKubeconfigAndTheEndpointOverride(@TempDir Path dir) throws Exception {
        SimulatedCluster workload = served(Duration.ZERO);
        Instance instance = instances.launch("nodes", false, "us-east-1a");
        simulator.syncNow();
        Secret secret = management.client.secrets().inNamespace(NS).withName(CredentialSecretNames.kubeconfig(name)).get();
        Path kubeconfig = dir.resolve("admin.kubeconfig");
        Files.write(kubeconfig, Base64.getDecoder().decode(secret.getData().get("value")));
        Kubectl.requireOnPath();

        String out = new Kubectl(kubeconfig, dir).ok("--server", workload.url(), "get", "nodes", "-o", "wide");

        assertThat(out).contains(instance.privateDnsName()).contains("True").contains("aws:///us-east-1a/" + instance.instanceId());
        assertThat(new String(Files.readAllBytes(kubeconfig), StandardCharsets.UTF_8)).contains("server: https://api." + name);
    }

    @Test
    void servesAClusterOnceTheOperatorHasMadeItsCaAndSyncsInTheBackground() {
        simulator = new WorkloadSimulator(management.client, ec2, Duration.ZERO, Clock.systemUTC());
        assertThat(simulator.serve(NS, name, 0)).as("no CA yet").isEmpty();
        Instance instance = instances.launch("nodes", false, "us-east-1a");

        management.clusterWithCredentials(NS, name, "https://api." + name + ".example.com:443");
        simulator.start(Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(simulator.cluster(NS, name)).hasValueSatisfying(c ->
                assertThat(c.client().nodes().withName(instance.privateDnsName()).get()).isNotNull()));
        assertThat(simulator.endpointOverrides()).isEqualTo(NS + "/" + name + "=" + simulator.cluster(NS, name).orElseThrow().url());
    }

    private static DaemonSet daemonSet(String app, Map<String, String> nodeSelector) {
        return new DaemonSetBuilder().withNewMetadata().withName(app).withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", app).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .withPriorityClassName("system-node-critical")
                .addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName(app).withImage("example.invalid/" + app + ":1").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
