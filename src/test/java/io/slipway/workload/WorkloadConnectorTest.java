package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.slipway.api.Cluster;
import io.slipway.bootstrap.CertifiedKey;
import io.slipway.bootstrap.Kubeconfig;
import io.slipway.bootstrap.Pki;
import io.slipway.controller.ClusterSecrets;
import io.slipway.controller.CredentialSecretNames;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.TestWorkload;
import io.slipway.testing.workload.WorkloadSimulator;
import io.slipway.aws.AwsClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production connector against a simulated workload API over TLS, reached through the endpoint override. */
@ExtendWith(MotoExtension.class)
class WorkloadConnectorTest {
    private static final String NS = "default";
    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    private TestWorkload workloadUnderTest;
    private WorkloadSimulator simulator;
    private WorkloadConnector connector;
    private String name;
    private Cluster cluster;

    @BeforeEach
    void clusterWithCredentials(TestInfo test, AwsClientFactory aws) {
        workloadUnderTest = TestWorkload.create(management, test, aws, Duration.ZERO, Clock.systemUTC());
        name = workloadUnderTest.name;
        cluster = workloadUnderTest.cluster;
        simulator = workloadUnderTest.simulator;
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        simulator.close();
    }

    private SimulatedCluster served() {
        SimulatedCluster served = workloadUnderTest.serve();
        connector = workloadUnderTest.connector();
        return served;
    }

    @Test
    void connectsOverTlsWithTheAdminCertificateOfTheKubeconfigSecret() {
        SimulatedCluster served = served();
        served.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("from-the-simulator").endMetadata().build()).create();

        WorkloadConnection connection = connector.connect(NS, name);

        assertThat(connection.problem()).isEmpty();
        KubernetesClient client = connection.client().orElseThrow();
        assertThat(client.getMasterUrl().toString()).startsWith(served.url());
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains("from-the-simulator");
    }

    @Test
    void theSimulatorRefusesAClientWithoutACertificateOfTheClusterCa() {
        SimulatedCluster served = served();
        // the CA is trusted, but no client certificate is shown: the handshake is refused
        var anonymous = new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl(served.url()).withCaCertData(served.api().clientConfig().getCaCertData())
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(anonymous).build()) {
            assertThatThrownBy(() -> client.namespaces().list()).isInstanceOf(KubernetesClientException.class);
        }
    }

    @Test
    void aKubeconfigWithAnotherCaFailsClearly() {
        served();
        Pki pki = new Pki(Clock.systemUTC(), new SecureRandom(), ManagementCluster.FAST_CREDENTIALS.keyAlgorithm(),
                Duration.ofDays(10), Duration.ofDays(1));
        CertifiedKey otherCa = pki.clusterCa();
        String kubeconfig = Kubeconfig.render(name, "https://api." + name + ".example.com:443", otherCa.certificatePem(),
                pki.adminClientCertificate(otherCa));
        replaceKubeconfig(kubeconfig);

        WorkloadConnection connection = connector.connect(NS, name);
        ValidationResult result = new ClusterValidator(10).validate(connection, List.of());

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).isEqualTo(ValidationResult.REASON_UNREACHABLE);
        assertThat(result.message()).isEqualTo("the cluster's API cannot be reached: "
                + "TLS: the API server's certificate is not signed by the CA in the cluster's kubeconfig");
    }

    @Test
    void keepsOneClientPerSecretVersionAndMakesANewOneWhenTheSecretChanges() {
        SimulatedCluster served = served();
        KubernetesClient first = connector.connect(NS, name).client().orElseThrow();
        assertThat(connector.connect(NS, name).client().orElseThrow()).isSameAs(first);

        // a new endpoint rewrites the kubeconfig Secret: the next connect builds a new client (the override still applies)
        management.credentials(cluster, "https://api2." + name + ".example.com:443");
        KubernetesClient second = connector.connect(NS, name).client().orElseThrow();

        assertThat(second).isNotSameAs(first);
        assertThat(second.nodes().list().getItems()).isEmpty();
        assertThat(served.url()).isNotEmpty();
    }

    @Test
    void reconcilersConnectingAtOnceShareOneClientAndListenersHearOfThatOne() throws Exception {
        served();
        List<KubernetesClient> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        connector.addListener(new WorkloadConnector.Listener() {
            @Override
            public void connected(String key, KubernetesClient client) {
                announced.add(client);
                Thread.onSpinWait(); // widen the window in which a second thread could make its own client
            }

            @Override
            public void disconnected(String key) {
            }
        });
        int threads = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<KubernetesClient>> connected = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                connected.add(pool.submit(() -> {
                    start.await();
                    return connector.connect(NS, name).client().orElseThrow();
                }));
            }
            java.util.Set<KubernetesClient> clients = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (var f : connected) {
                clients.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(clients).hasSize(1);
            assertThat(announced).containsExactlyElementsOf(clients);
            assertThat(clients.iterator().next().nodes().list().getItems()).isEmpty(); // open, not closed by a rival
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutTheSecretThereIsNoClientAndTheReasonSaysWhy() {
        connector = new WorkloadConnector(management.client, EndpointOverrides.none());
        WorkloadConnection connection = connector.connect(NS, "no-such-cluster");

        assertThat(connection.client()).isEmpty();
        assertThat(connection.problem()).contains(
                "no Secret default/no-such-cluster-kubeconfig yet (it is written once the API endpoint is known)");
    }

    @Test
    void anUnreadableSecretIsAProblemThatQuotesNothingOfIt() {
        connector = new WorkloadConnector(management.client, EndpointOverrides.none());
        replaceKubeconfig("client-key-data: c2VjcmV0\n: : not yaml [");

        WorkloadConnection connection = connector.connect(NS, name);

        assertThat(connection.client()).isEmpty();
        assertThat(connection.problem().orElseThrow()).isEqualTo("Secret default/" + name + "-kubeconfig: key value is not a kubeconfig")
                .doesNotContain("c2VjcmV0");
    }

    @Test
    void anUnreachableApiIsAFailureNotAnException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        connector = new WorkloadConnector(management.client,
                EndpointOverrides.of(Map.of(NS + "/" + name, "https://127.0.0.1:" + closedPort)));

        ValidationResult result = new ClusterValidator(10).validate(connector.connect(NS, name), List.of());

        assertThat(result.reason()).isEqualTo("APIUnreachable");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("Cluster");
            assertThat(f.name()).isEqualTo(NS + "/" + name);
            assertThat(f.message()).isEqualTo("the cluster's API cannot be reached: connection refused");
        });
    }

    @Test
    void forgetClosesTheClientOfADeletedCluster() {
        served();
        KubernetesClient client = connector.connect(NS, name).client().orElseThrow();
        connector.forget(NS, name);

        assertThatThrownBy(() -> client.nodes().list()).isInstanceOf(RuntimeException.class);
        assertThat(connector.connect(NS, name).client().orElseThrow()).isNotSameAs(client);
    }

    @Test
    void theSecretNameAndKeyAreTheOnesTheOperatorWrites() {
        assertThat("c" + WorkloadConnector.KUBECONFIG_SECRET_SUFFIX).isEqualTo(CredentialSecretNames.kubeconfig("c"));
        assertThat(WorkloadConnector.KUBECONFIG_KEY).isEqualTo(ClusterSecrets.KUBECONFIG_VALUE);
    }

    private void replaceKubeconfig(String text) {
        Secret secret = management.client.secrets().inNamespace(NS).withName(CredentialSecretNames.kubeconfig(name)).get();
        management.client.secrets().inNamespace(NS).resource(new SecretBuilder(secret)
                .withData(Map.of(ClusterSecrets.KUBECONFIG_VALUE,
                        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))).build()).update();
    }

}
