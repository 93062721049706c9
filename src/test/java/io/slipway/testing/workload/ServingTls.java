package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import io.slipway.bootstrap.CertifiedKey;
import io.slipway.bootstrap.KeyAlgorithm;
import io.slipway.bootstrap.Pki;
import io.slipway.controller.ClusterSecrets;
import io.slipway.controller.CredentialSecretNames;
import io.slipway.testing.kube.KubeApiServer.ServerTls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * TLS for a simulated workload API, from the cluster's CA in the management cluster (the {@code <cluster>-ca}
 * Secret the operator made): a serving certificate as kubeadm's apiserver one, for the API's DNS name (from the
 * Cluster's status.apiEndpoint, when known), the in-cluster names and 127.0.0.1; and a client certificate in
 * system:masters for the simulator's own client.
 */
final class ServingTls {
    static final List<String> IN_CLUSTER_NAMES =
            List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost");

    private ServingTls() {
    }

    /** Empty until the operator has made the cluster's CA. */
    static Optional<ServerTls> forCluster(KubernetesClient management, String namespace, String cluster, Clock clock) {
        Secret secret = management.secrets().inNamespace(namespace).withName(CredentialSecretNames.clusterCa(cluster)).get();
        if (secret == null || secret.getData() == null || secret.getData().get(ClusterSecrets.TLS_KEY) == null) {
            return Optional.empty();
        }
        CertifiedKey ca = CertifiedKey.fromPem(decode(secret, ClusterSecrets.TLS_CERT), decode(secret, ClusterSecrets.TLS_KEY));
        List<String> dnsNames = new ArrayList<>(IN_CLUSTER_NAMES);
        apiHost(management, namespace, cluster).ifPresent(host -> dnsNames.add(0, host));
        // the CA's own algorithm: tests make ECDSA CAs, because RSA key generation costs seconds on a busy machine
        Pki pki = new Pki(clock, new SecureRandom(), KeyAlgorithm.of(ca.privateKey()), Pki.DEFAULT_CA_VALIDITY,
                Pki.DEFAULT_LEAF_VALIDITY);
        CertifiedKey serving = pki.servingCertificate(ca, "kube-apiserver", dnsNames, List.of("127.0.0.1"));
        CertifiedKey client = pki.clientCertificate(ca, "system:workload-simulator", List.of("system:masters"));
        return Optional.of(new ServerTls(serving.certificatePem(), serving.privateKeyPem(), ca.certificatePem(),
                client.certificatePem(), client.privateKeyPem(), ca.privateKey().getAlgorithm()));
    }

    private static Optional<String> apiHost(KubernetesClient management, String namespace, String cluster) {
        Cluster resource = management.resources(Cluster.class).inNamespace(namespace).withName(cluster).get();
        if (resource == null || resource.getStatus() == null || resource.getStatus().apiEndpoint == null
                || resource.getStatus().apiEndpoint.url == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(URI.create(resource.getStatus().apiEndpoint.url).getHost());
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
