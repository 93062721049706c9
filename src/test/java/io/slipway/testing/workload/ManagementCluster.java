package io.slipway.testing.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import io.slipway.bootstrap.KeyAlgorithm;
import io.slipway.controller.ClusterSecrets;
import io.slipway.controller.CredentialSettings;
import io.slipway.model.TestClusters;
import io.slipway.testing.kube.GeneratedCrds;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A management cluster for workload tests: the test Kubernetes API with Slipway's CRDs, where a Cluster's
 * credential Secrets (CA, admin certificate, kubeconfig) are made by the operator's own ClusterSecrets. One serves the
 * tests of a class and is closed after them when the class registers it: {@code @RegisterExtension static final
 * ManagementCluster management = ManagementCluster.start();}.
 */
public final class ManagementCluster implements AutoCloseable, AfterAllCallback {
    /** ECDSA keys: RSA key generation costs seconds on a busy machine. */
    public static final CredentialSettings FAST_CREDENTIALS = new CredentialSettings(KeyAlgorithm.ECDSA_P256,
            Duration.ofDays(3650), Duration.ofDays(365), Duration.ofDays(30), Duration.ofHours(24), Duration.ofHours(8));

    public final KubeApiServer api;
    public final KubernetesClient client;

    private ManagementCluster(KubeApiServer api) {
        this.api = api;
        this.client = api.client();
        GeneratedCrds.install(client);
    }

    public static ManagementCluster start() {
        return new ManagementCluster(KubeApiServer.start());
    }

    /** Stores a three-zone Cluster and makes its credentials, with the kubeconfig's server at {@code apiEndpointUrl}. */
    public Cluster clusterWithCredentials(String namespace, String name, String apiEndpointUrl) {
        Cluster cluster = client.resource(TestClusters.threeZonePrivate(namespace, name)).create();
        credentials(cluster, apiEndpointUrl);
        return cluster;
    }

    /** Makes or updates the Cluster's credential Secrets as the operator does. */
    public void credentials(Cluster cluster, String apiEndpointUrl) {
        new ClusterSecrets(client, FAST_CREDENTIALS, Clock.systemUTC()).reconcile(cluster, Optional.of(apiEndpointUrl));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        api.close();
    }
}
