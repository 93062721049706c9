package io.slipway.workload;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jboss.logging.Logger;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients of workload clusters, built from each Cluster's admin kubeconfig Secret ({@code <cluster>-kubeconfig}, key
 * {@code value}, in the Cluster's namespace; written by the operator's ClusterSecrets), read with the management
 * client. One client per cluster is kept while the Secret's resourceVersion stays the same; a changed Secret (new
 * endpoint, renewed certificate, rotated CA) gives a new client and closes the old one. {@link #forget} closes the
 * client of a deleted Cluster. The server is the kubeconfig's unless {@link EndpointOverrides} names another; TLS
 * is always verified against the kubeconfig's CA.
 * <p>
 * A client replaced while another thread uses it fails that thread's call; the caller's next reconcile gets the new one.
 * {@link Listener}s hear of each client made and of each one closed (such as {@link NodeWatches}, which watches the
 * cluster's Nodes through it).
 */
public final class WorkloadConnector implements AutoCloseable {
    /** As CredentialSecretNames.kubeconfig names it. */
    public static final String KUBECONFIG_SECRET_SUFFIX = "-kubeconfig";
    /** As ClusterSecrets.KUBECONFIG_VALUE. */
    public static final String KUBECONFIG_KEY = "value";

    private static final Logger LOG = Logger.getLogger(WorkloadConnector.class);
    /** Short, so that an unreachable API costs a reconcile seconds, not minutes; the reconcile comes back anyway. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int REQUEST_TIMEOUT_MILLIS = 15_000;

    private final KubernetesClient management;
    private final EndpointOverrides overrides;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears of the clients of workload clusters as they come and go. Called on the connecting thread: return quickly. */
    public interface Listener {
        /** {@code client} is now the client of {@code cluster} ({@code <namespace>/<name>}), replacing any earlier one. */
        void connected(String cluster, KubernetesClient client);

        /** The client of {@code cluster} is closed: the Cluster is gone, or its kubeconfig Secret is. */
        void disconnected(String cluster);
    }

    public WorkloadConnector(KubernetesClient management, EndpointOverrides overrides) {
        this.management = Objects.requireNonNull(management);
        this.overrides = Objects.requireNonNull(overrides);
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** A client of the Cluster's API, or why there is none; never throws for a missing or unreadable Secret. */
    public WorkloadConnection connect(String namespace, String cluster) {
        String key = namespace + "/" + cluster;
        String secretName = cluster + KUBECONFIG_SECRET_SUFFIX;
        Secret secret;
        try {
            secret = management.secrets().inNamespace(namespace).withName(secretName).get();
        } catch (KubernetesClientException e) {
            return WorkloadConnection.unavailable(key, "cannot read Secret " + namespace + "/" + secretName + ": "
                    + WorkloadApiErrors.describe(e));
        }
        if (secret == null) {
            synchronized (this) {
                closeAndTell(key, clients.remove(key));
            }
            return WorkloadConnection.unavailable(key, "no Secret " + namespace + "/" + secretName
                    + " yet (it is written once the API endpoint is known)");
        }
        String version = secret.getMetadata().getResourceVersion();
        Cached cached = clients.get(key);
        if (cached != null && Objects.equals(cached.resourceVersion, version)) {
            return WorkloadConnection.available(key, cached.client);
        }
        // reconcilers of one cluster connect at once; making, announcing and replacing its client is one step, or two
        // of them would each make one, close the other's and leave listeners holding a closed client
        synchronized (this) {
            cached = clients.get(key);
            if (cached != null && Objects.equals(cached.resourceVersion, version)) {
                return WorkloadConnection.available(key, cached.client);
            }
            return replaceClient(namespace, cluster, key, secret, version);
        }
    }

    private WorkloadConnection replaceClient(String namespace, String cluster, String key, Secret secret, String version) {
        String secretName = cluster + KUBECONFIG_SECRET_SUFFIX;
        Config config;
        try {
            config = config(namespace, cluster, kubeconfigText(secret));
        } catch (IllegalArgumentException e) {
            return WorkloadConnection.unavailable(key, "Secret " + namespace + "/" + secretName + ": " + e.getMessage());
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Cached previous = clients.put(key, new Cached(version, client));
        listeners.forEach(l -> l.connected(key, client));
        close(previous);
        LOG.debugf("workload cluster %s: client for %s (Secret resourceVersion %s)", key, config.getMasterUrl(), version);
        return WorkloadConnection.available(key, client);
    }

    /** Closes and forgets the client of a Cluster that is gone. */
    public synchronized void forget(String namespace, String cluster) {
        String key = namespace + "/" + cluster;
        closeAndTell(key, clients.remove(key));
    }

    @Override
    public synchronized void close() {
        clients.keySet().forEach(key -> closeAndTell(key, clients.remove(key)));
    }

    private void closeAndTell(String key, Cached cached) {
        if (cached != null) {
            listeners.forEach(l -> l.disconnected(key));
            close(cached);
        }
    }

    private Config config(String namespace, String cluster, String kubeconfig) {
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = Serialization.unmarshal(kubeconfig, io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException e) {
            // the parser's message could quote the kubeconfig, which holds the client key
            throw new IllegalArgumentException("key " + KUBECONFIG_KEY + " is not a kubeconfig");
        }
        if (parsed == null) {
            throw new IllegalArgumentException("key " + KUBECONFIG_KEY + " is not a kubeconfig");
        }
        NamedContext context = named(parsed.getContexts(), parsed.getCurrentContext(), NamedContext::getName, "context");
        NamedCluster server = named(parsed.getClusters(), context.getContext().getCluster(), NamedCluster::getName, "cluster");
        NamedAuthInfo user = named(parsed.getUsers(), context.getContext().getUser(), NamedAuthInfo::getName, "user");
        String url = overrides.endpoint(namespace, cluster).map(URI::toString).orElse(server.getCluster().getServer());
        if (url == null || server.getCluster().getCertificateAuthorityData() == null) {
            throw new IllegalArgumentException("the kubeconfig's cluster has no server or no certificate-authority-data");
        }
        AuthInfo auth = user.getUser();
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withCaCertData(server.getCluster().getCertificateAuthorityData())
                .withClientCertData(auth.getClientCertificateData())
                .withClientKeyData(auth.getClientKeyData())
                .withClientKeyAlgo(auth.getClientKeyData() == null ? null : keyAlgorithm(auth.getClientKeyData()))
                .withOauthToken(auth.getToken())
                .withTrustCerts(false)
                .withDisableHostnameVerification(false)
                .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    /**
     * RSA or EC: Fabric8 reads a PKCS#8 key ({@code BEGIN PRIVATE KEY}) as the algorithm it is told (RSA unless told
     * otherwise), so a kubeconfig with an ECDSA key (kubeadm's encryptionAlgorithm ECDSA-P256) needs it said.
     */
    static String keyAlgorithm(String base64Pem) {
        String pem;
        try {
            pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the kubeconfig's client-key-data is not base64");
        }
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            return "EC";
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            return "RSA";
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return "EC";
        } catch (GeneralSecurityException | IllegalArgumentException notEc) {
            return "RSA";
        }
    }

    private static <T> T named(List<T> items, String name, java.util.function.Function<T, String> nameOf, String what) {
        if (items == null || name == null) {
            throw new IllegalArgumentException("the kubeconfig has no " + what);
        }
        return items.stream().filter(i -> name.equals(nameOf.apply(i))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the kubeconfig has no " + what + " named " + name));
    }

    private static String kubeconfigText(Secret secret) {
        String encoded = secret.getData() == null ? null : secret.getData().get(KUBECONFIG_KEY);
        if (encoded != null) {
            try {
                return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key " + KUBECONFIG_KEY + " is not base64");
            }
        }
        String plain = secret.getStringData() == null ? null : secret.getStringData().get(KUBECONFIG_KEY);
        if (plain == null) {
            throw new IllegalArgumentException("no key " + KUBECONFIG_KEY);
        }
        return plain;
    }

    private static void close(Cached cached) {
        if (cached != null) {
            cached.client.close();
        }
    }

    private record Cached(String resourceVersion, KubernetesClient client) {
    }
}
