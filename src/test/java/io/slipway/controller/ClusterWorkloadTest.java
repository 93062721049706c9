package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsClientFactory;
import io.slipway.bootstrap.BootstrapToken;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.charts.ChartRepository;
import io.slipway.testing.charts.UpstreamLikeCharts;
import io.slipway.workload.addons.AddonChannel;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.TestInstances;
import io.slipway.testing.workload.TestWorkload;
import io.slipway.testing.workload.WorkloadSimulator;
import io.slipway.workload.BootstrapTokenSecrets;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.WorkloadConnector;
import io.slipway.workload.addons.AddonInstaller;
import io.slipway.workload.addons.AddonSettings;
import io.slipway.workload.addons.RepositoryOverride;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-cluster phases of a Cluster against a simulated workload cluster (kubelets simulated for instances running
 * in moto), through the production connector: what the reconcile reads there and the bootstrap token Secret it writes.
 */
@ExtendWith(MotoExtension.class)
class ClusterWorkloadTest {
    private static final String NS = "default";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    @TempDir
    Path tmp;
    private final SecureRandom random = new SecureRandom();
    private WorkloadSimulator simulator;
    private SimulatedCluster workload;
    private WorkloadConnector connector;
    private Cluster cluster;
    private List<InstanceGroup> groups;

    /** One control-plane instance and one node, both registered and Ready. */
    @BeforeEach
    void runningCluster(TestInfo test, AwsClientFactory aws) {
        TestWorkload running = TestWorkload.create(management, test, aws, Duration.ZERO, Clock.systemUTC());
        String name = running.name;
        cluster = running.cluster;
        simulator = running.simulator;
        workload = running.serve();
        connector = running.connector();
        TestInstances instances = running.instances;
        groups = List.of(group(name, "control-plane-us-east-1a", "ControlPlane", instances.launch("control-plane-us-east-1a", true, "us-east-1a")),
                group(name, "nodes", "Node", instances.launch("nodes", false, "us-east-1a")));
        simulator.syncNow();
    }

    @AfterEach
    void stop() {
        connector.close();
        simulator.close();
    }

    @Test
    void oneReconcileListsNodesAndPodsOnce() throws IOException {
        // the simulated kubelets read the API too
        long nodes = workload.api().requests("GET", "/api/v1/nodes");
        long pods = workload.api().requests("GET", "/api/v1/namespaces/kube-system/pods");

        List<PhaseResult> phases = reconcile(token(NOW.plus(Duration.ofHours(24))), NOW);

        assertThat(phases).filteredOn(p -> p.condition().equals(ConditionType.CLUSTER_VALIDATED)).singleElement()
                .satisfies(p -> assertThat(p.isDone()).as(p.toString()).isTrue());
        assertThat(workload.api().requests("GET", "/api/v1/nodes") - nodes).isEqualTo(1);
        assertThat(workload.api().requests("GET", "/api/v1/namespaces/kube-system/pods") - pods).isEqualTo(1);
    }

    @Test
    void theCurrentBootstrapTokenIsWrittenToTheWorkloadClusterOnceAndNothingSecretIsReported() throws IOException {
        BootstrapToken token = token(NOW.plus(Duration.ofHours(24)));
        ClusterStatus status = new ClusterStatus();

        List<PhaseResult> phases = reconcile(token, NOW, status);

        Secret secret = workloadSecret("bootstrap-token-" + token.id());
        assertThat(secret).isNotNull();
        assertThat(secret.getType()).isEqualTo("bootstrap.kubernetes.io/token");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "slipway");
        assertThat(decoded(secret)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "token-id", token.id(),
                "token-secret", token.secret(),
                "expiration", "2026-12-01T12:00:00Z",
                "usage-bootstrap-authentication", "true",
                "usage-bootstrap-signing", "true",
                "auth-extra-groups", "system:bootstrappers:kubeadm:default-node-token"));
        assertThat(phases).filteredOn(p -> p.condition().equals(ConditionType.CONTROL_PLANE_READY)).singleElement()
                .satisfies(p -> assertThat(p.isDone()).as(p.toString()).isTrue());
        assertThat(phases.toString() + status.validation + status.addons).doesNotContain(token.secret());

        // the same token again: no write
        reconcile(token, NOW.plus(Duration.ofMinutes(1)));
        assertThat(workloadSecret("bootstrap-token-" + token.id()).getMetadata().getResourceVersion())
                .isEqualTo(secret.getMetadata().getResourceVersion());
    }

    @Test
    void aRenewedTokenIsWrittenAndOnlySlipwaysExpiredTokensAreDeleted() throws IOException {
        BootstrapToken first = token(NOW.plus(Duration.ofHours(1)));
        reconcile(first, NOW);
        BootstrapToken kubeadms = token(NOW.plus(Duration.ofMinutes(30)));
        workload.client().secrets().inNamespace("kube-system").resource(new SecretBuilder()
                .withNewMetadata().withName("bootstrap-token-" + kubeadms.id()).endMetadata()
                .withType("bootstrap.kubernetes.io/token")
                .withData(Map.of("token-id", base64(kubeadms.id()), "token-secret", base64(kubeadms.secret()),
                        "expiration", base64(kubeadms.expires().toString())))
                .build()).create();
        BootstrapToken second = token(NOW.plus(Duration.ofHours(3)));
        reconcile(second, NOW.plus(Duration.ofMinutes(30)));
        assertThat(workloadSecret("bootstrap-token-" + first.id())).as("not expired yet: nodes may still join with it").isNotNull();

        BootstrapToken third = token(NOW.plus(Duration.ofHours(5)));
        reconcile(third, NOW.plus(Duration.ofHours(2)));

        assertThat(workloadSecret("bootstrap-token-" + first.id())).as("Slipway's, expired").isNull();
        assertThat(workloadSecret("bootstrap-token-" + kubeadms.id())).as("not Slipway's").isNotNull();
        assertThat(workloadSecret("bootstrap-token-" + second.id())).as("Slipway's, still valid").isNotNull();
        assertThat(decoded(workloadSecret("bootstrap-token-" + third.id()))).containsEntry("token-secret", third.secret());
    }

    @Test
    void aTokenSecretChangedInTheWorkloadClusterIsPutBack() throws IOException {
        BootstrapToken token = token(NOW.plus(Duration.ofHours(24)));
        reconcile(token, NOW);
        Secret changed = workloadSecret("bootstrap-token-" + token.id());
        changed.getData().put("usage-bootstrap-authentication", base64("false"));
        workload.client().secrets().inNamespace("kube-system").resource(changed).update();

        reconcile(token, NOW.plus(Duration.ofMinutes(1)));

        assertThat(decoded(workloadSecret("bootstrap-token-" + token.id())))
                .containsEntry("usage-bootstrap-authentication", "true")
                .containsEntry("token-secret", token.secret());
    }

    @Test
    void addonsAppliedForThisGenerationAreTakenAgainWithinTheLifetimeButAppliedAfreshOnRequestAndAfterIt() {
        try (ChartRepository charts = ChartRepository.start(tmp.resolve("charts"))) {
            charts.publish(UpstreamLikeCharts.forChannel(AddonChannel.load()));
            SteppingClock clock = new SteppingClock(NOW);
            ClusterWorkload phases = new ClusterWorkload(connector, new ClusterValidator(10), new AddonInstaller(
                    new AddonSettings(RepositoryOverride.all(charts.url()), tmp.resolve("addons"))), clock,
                    ReconcileSettings.defaults()); // the lifetime: 20 s
            BootstrapToken token = token(NOW.plus(Duration.ofHours(24)));
            ClusterStatus first = new ClusterStatus();
            phases.reconcile(cluster, groups, first, token, false);
            assertThat(first.addons).isNotEmpty().allSatisfy(a -> assertThat(a.applied).as(a.name + ": " + a.message).isTrue());
            String pinned = ciliumImage();

            editCiliumImage();
            clock.advance(Duration.ofSeconds(19));
            ClusterStatus within = new ClusterStatus();
            phases.reconcile(cluster, groups, within, token, false);
            assertThat(ciliumImage()).as("within the lifetime the last apply is taken").isEqualTo("example.com/edited:1");
            assertThat(within.addons).usingRecursiveFieldByFieldElementComparator().isEqualTo(first.addons);

            phases.reconcile(cluster, groups, new ClusterStatus(), token, true);
            assertThat(ciliumImage()).as("a reconcile asked for by annotation applies afresh").isEqualTo(pinned);

            editCiliumImage();
            clock.advance(Duration.ofSeconds(21));
            phases.reconcile(cluster, groups, new ClusterStatus(), token, false);
            assertThat(ciliumImage()).as("after the lifetime the addons are applied again").isEqualTo(pinned);

            editCiliumImage();
            Cluster changed = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().clone(cluster);
            changed.getMetadata().setGeneration((cluster.getMetadata().getGeneration() == null ? 1 : cluster.getMetadata().getGeneration()) + 1);
            phases.reconcile(changed, groups, new ClusterStatus(), token, false);
            assertThat(ciliumImage()).as("a new generation of the Cluster applies them again").isEqualTo(pinned);
        }
    }

    private void editCiliumImage() {
        workload.client().apps().daemonSets().inNamespace("kube-system").withName("cilium").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.com/edited:1");
            return d;
        });
        assertThat(ciliumImage()).as("the edit took").isEqualTo("example.com/edited:1");
    }

    private String ciliumImage() {
        return workload.client().apps().daemonSets().inNamespace("kube-system").withName("cilium").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private List<PhaseResult> reconcile(BootstrapToken token, Instant now) throws IOException {
        return reconcile(token, now, new ClusterStatus());
    }

    private List<PhaseResult> reconcile(BootstrapToken token, Instant now, ClusterStatus status) throws IOException {
        // no chart repository answers: the addons fail fast, which this test does not look at
        AddonSettings addons = new AddonSettings(RepositoryOverride.all("http://127.0.0.1:" + closedPort()), tmp.resolve("addons"));
        ClusterWorkload phases = new ClusterWorkload(connector, new ClusterValidator(10), new AddonInstaller(addons),
                Clock.fixed(now, ZoneOffset.UTC), ReconcileSettings.defaults());
        return phases.reconcile(cluster, groups, status, token, false);
    }

    private BootstrapToken token(Instant expires) {
        return BootstrapToken.generate(random, expires.minus(Duration.ofHours(1)), Duration.ofHours(1));
    }

    private Secret workloadSecret(String name) {
        KubernetesClient client = workload.client();
        return client.secrets().inNamespace(BootstrapTokenSecrets.NAMESPACE).withName(name).get();
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new java.util.TreeMap<>();
        secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static InstanceGroup group(String clusterName, String name, String role, Instance instance) {
        InstanceGroup group = new InstanceGroup();
        group.getMetadata().setNamespace(NS);
        group.getMetadata().setName(name);
        group.setSpec(new InstanceGroupSpec());
        group.getSpec().clusterName = clusterName;
        group.getSpec().role = role;
        group.getSpec().minSize = 1;
        group.setStatus(new InstanceGroupStatus());
        InstanceGroupStatus.InstanceStatus live = new InstanceGroupStatus.InstanceStatus();
        live.id = instance.instanceId();
        live.zone = instance.placement().availabilityZone();
        live.state = "running";
        group.getStatus().instances.add(live);
        group.getStatus().readyReplicas = 1;
        return group;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
