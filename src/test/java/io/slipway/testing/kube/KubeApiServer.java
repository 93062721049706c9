package io.slipway.testing.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Kubernetes API for tests that both Fabric8/JOSDK and the real kubectl can use, on 127.0.0.1: a Vert.x HTTP
 * server in front of {@link KubeApiDispatcher} (Fabric8's CRUD mock store plus discovery, OpenAPI, server-side
 * printing, real merge-patch and apply semantics, status subresources, finalizer-aware deletion and admission of custom resources: pruning, defaulting, schema and CEL validation), with watches
 * over WebSocket (Fabric8's clients) and over plain HTTP ({@link PlainHttpWatches}, kubectl). Plain HTTP, no
 * authentication; or, started with {@link ServerTls}, HTTPS that demands a client certificate of the given CA.
 * <p>
 * The server is Fabric8's mock web server's request handling on a Vert.x server of its own, because the mock web
 * server can only answer a request with a complete response, and a plain-HTTP watch is a response that never ends.
 *
 * <pre>{@code
 * try (KubeApiServer api = KubeApiServer.start()) {
 *     api.client().resource(cluster).create();
 *     api.writeKubeconfig(dir.resolve("kubeconfig"));   // for kubectl --kubeconfig or KUBECONFIG
 * }
 * }</pre>
 * One can serve the tests of a class, closed after them when the class registers it:
 * {@code @RegisterExtension static final KubeApiServer api = KubeApiServer.start();}.
 */
public final class KubeApiServer implements AutoCloseable, AfterAllCallback {
    /** The Kubernetes version /version reports (kubectl 1.32 is on the PATH). */
    public static final String KUBERNETES_VERSION = "1.32.0";
    /** The WebSocket subprotocols of Kubernetes' streaming endpoints, as the mock web server offers them. */
    private static final List<String> WEBSOCKET_SUBPROTOCOLS =
            List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

    private final Vertx vertx;
    private final HttpServer httpServer;
    private final KubeApiDispatcher dispatcher;
    private final ServerTls tls;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private KubernetesClient client;

    /**
     * HTTPS for a server, all PEM: its serving certificate and key; the CA that signed it, which client certificates
     * must also chain to (a client without one is refused in the handshake); and a client certificate and key of that
     * CA for {@link #client()} and {@link #clientConfig()}, whose key algorithm is {@code clientKeyAlgorithm} (RSA or
     * EC: Fabric8 needs to be told).
     */
    public record ServerTls(String certificatePem, String privateKeyPem, String caPem, String clientCertificatePem,
                            String clientKeyPem, String clientKeyAlgorithm) {
        @Override
        public String toString() {
            return "ServerTls[keys not shown]";
        }
    }

    private KubeApiServer(int requestedPort, ServerTls tls) {
        this.tls = tls;
        this.vertx = Vertx.vertx();
        this.dispatcher = new KubeApiDispatcher(() -> "127.0.0.1:" + port(), KUBERNETES_VERSION, Clock.systemUTC());
        PlainHttpWatches plainWatches = new PlainHttpWatches(dispatcher, dispatcher.watchEvents(), Clock.systemUTC());
        HttpServerRequestHandler everythingElse = new HttpServerRequestHandler(vertx) {
            @Override
            protected MockResponse onHttpRequest(RecordedRequest request) {
                return dispatcher.dispatch(request);
            }
        };
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(requestedPort)
                .setWebSocketSubProtocols(WEBSOCKET_SUBPROTOCOLS).setHandle100ContinueAutomatically(true);
        if (tls != null) {
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.certificatePem()))
                            .setKeyValue(Buffer.buffer(tls.privateKeyPem())))
                    .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.caPem())))
                    .setClientAuth(ClientAuth.REQUIRED);
        }
        this.httpServer = vertx.createHttpServer(options).requestHandler(request -> {
            requests.computeIfAbsent(request.method().name() + " " + request.path(), k -> new LongAdder()).increment();
            if (PlainHttpWatches.isPlainHttpWatch(request)) {
                plainWatches.serve(request, vertx);
            } else {
                everythingElse.handle(request);
            }
        });
        try {
            await(httpServer.listen(), "listen on 127.0.0.1:" + requestedPort);
        } catch (IllegalStateException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static KubeApiServer start() {
        return new KubeApiServer(0, null);
    }

    /** Starts a server on the given port of 127.0.0.1 (0: a free one). */
    public static KubeApiServer start(int port) {
        return new KubeApiServer(port, null);
    }

    /** Starts an HTTPS server on the given port of 127.0.0.1 (0: a free one). */
    public static KubeApiServer startTls(int port, ServerTls tls) {
        return new KubeApiServer(port, Objects.requireNonNull(tls));
    }

    /** Requests received so far with this method and path (no query), e.g. {@code requests("GET", "/api/v1/nodes")}. */
    public long requests(String method, String path) {
        LongAdder count = requests.get(method + " " + path);
        return count == null ? 0 : count.sum();
    }

    public int port() {
        return httpServer.actualPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234} ({@code https://} with TLS). */
    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port();
    }

    /** Client configuration for this server, namespace {@code default}, ignoring any ~/.kube/config. */
    public Config clientConfig() {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withHttp2Disable(true);
        if (tls != null) {
            config.withCaCertData(base64(tls.caPem())).withClientCertData(base64(tls.clientCertificatePem()))
                    .withClientKeyData(base64(tls.clientKeyPem())).withClientKeyAlgo(tls.clientKeyAlgorithm());
        }
        return config.build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
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
                    server: %s%s
                users:
                - name: slipway-mock
                  user: %s
                contexts:
                - name: slipway-mock
                  context:
                    cluster: slipway-mock
                    user: slipway-mock
                    namespace: default
                current-context: slipway-mock
                """.formatted(url(),
                tls == null ? "" : "\n    certificate-authority-data: " + base64(tls.caPem()),
                tls == null ? "{}" : "\n    client-certificate-data: " + base64(tls.clientCertificatePem())
                        + "\n    client-key-data: " + base64(tls.clientKeyPem()));
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

    /** How many plain-HTTP watches (kubectl's; Fabric8 watches over WebSocket) are open now. */
    int openPlainHttpWatches() {
        return dispatcher.watchEvents().subscribers();
    }

    /** Forgets every stored object (CRDs included) and recreates the initial namespaces. */
    public void reset() {
        dispatcher.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        await(vertx.close(), "stop");
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Kubernetes API was to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Kubernetes API could not " + what, e);
        }
    }
}
