package io.slipway.testing.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API for tests that both Fabric8/JOSDK and the real kubectl can use: Fabric8's
 * {@link KubernetesMockServer} in CRUD mode on 127.0.0.1, behind {@link KubeApiDispatcher}, which adds discovery,
 * server-side printing, real merge-patch and apply semantics, correct status subresource handling,
 * finalizer-aware deletion and admission of custom resources (pruning, defaulting, schema and CEL validation).
 * Plain HTTP, no authentication.
 *
 * <pre>{@code
 * try (KubeApiServer api = KubeApiServer.start()) {
 *     api.client().resource(cluster).create();
 *     api.writeKubeconfig(dir.resolve("kubeconfig"));   // for kubectl --kubeconfig or KUBECONFIG
 * }
 * }</pre>
 */
public final class KubeApiServer implements AutoCloseable {
    /** The Kubernetes version /version reports (kubectl 1.32 is on the PATH). */
    public static final String KUBERNETES_VERSION = "1.32.0";

    // Kept as a field: JUL holds loggers weakly, and a collected logger would lose the level.
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final MockWebServer webServer;
    private final KubernetesMockServer server;
    private final KubeApiDispatcher dispatcher;
    private KubernetesClient client;

    private KubeApiServer(int port) {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING); // it logs every request at INFO
        this.webServer = new MockWebServer();
        this.dispatcher = new KubeApiDispatcher(() -> "127.0.0.1:" + port(), KUBERNETES_VERSION, Clock.systemUTC());
        String[] version = KUBERNETES_VERSION.split("\\.");
        VersionInfo versionInfo = new VersionInfo.Builder().withMajor(version[0]).withMinor(version[1])
                .withGitVersion("v" + KUBERNETES_VERSION).build();
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), webServer, new HashMap<>(),
                dispatcher, false, versionInfo);
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static KubeApiServer start() {
        return new KubeApiServer(0);
    }

    /** Starts a server on the given port of 127.0.0.1 (0: a free one). */
    public static KubeApiServer start(int port) {
        return new KubeApiServer(port);
    }

    public int port() {
        return server.getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Client configuration for this server, namespace {@code default}, ignoring any ~/.kube/config. */
    public Config clientConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withHttp2Disable(true)
                .build();
    }

    /** A client shared by callers of this method and closed with the server. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    /** A new client; the caller closes it. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }

    /** Writes a kubeconfig for this server (context {@code slipway-mock}, namespace default) and returns its path. */
    public Path writeKubeconfig(Path file) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: slipway-mock
                  cluster:
                    server: %s
                users:
                - name: slipway-mock
                  user: {}
                contexts:
                - name: slipway-mock
                  context:
                    cluster: slipway-mock
                    user: slipway-mock
                    namespace: default
                current-context: slipway-mock
                """.formatted(url());
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Whether custom resources are validated at admission (schema and CEL rules of their CRD), as a real API server
     * does; on by default. Off, they are stored as sent, pruned and defaulted but unchecked: objects stored under an
     * older schema or through a permissive server, for tests of the operator's own validation.
     */
    public void setCustomResourceValidation(boolean on) {
        dispatcher.admission().setValidation(on);
    }

    /** Forgets every stored object (CRDs included) and recreates the initial namespaces. */
    public void reset() {
        dispatcher.reset();
    }

    /** Drops the requests the underlying mock web server records for {@code takeRequest}; long-running servers call it. */
    public void forgetRecordedRequests() {
        webServer.reset();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        server.destroy();
    }
}
