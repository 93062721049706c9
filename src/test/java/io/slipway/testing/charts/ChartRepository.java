package io.slipway.testing.charts;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classic Helm chart repository on 127.0.0.1 for tests: {@link #publish} writes a {@link TestChart} to a folder,
 * packages it with the real Helm library (helm-java) and re-indexes; the JDK's HTTP server serves index.yaml and the
 * archives, as GitHub Pages serves the upstream repositories. Counts the requests it answers.
 *
 * <pre>{@code
 * try (ChartRepository repo = ChartRepository.start(tmp)) {
 *     repo.publish(UpstreamLikeCharts.cilium("1.18.0"));
 *     new AddonInstaller(channel, new AddonSettings(RepositoryOverride.all(repo.url()), cache)) ...
 * }
 * }</pre>
 */
public final class ChartRepository implements AutoCloseable {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path root;
    private final Path served;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Map<String, Map<String, Object>>> entries = new TreeMap<>();

    private ChartRepository(Path root, int port) throws IOException {
        this.root = root;
        this.served = Files.createDirectories(root.resolve("served"));
        writeIndex();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts an empty repository on a free port that keeps its files under {@code dir}. */
    public static ChartRepository start(Path dir) {
        return start(dir, 0);
    }

    /** Starts an empty repository on 127.0.0.1:port (0: a free one) that keeps its files under {@code dir}. */
    public static ChartRepository start(Path dir, int port) {
        try {
            return new ChartRepository(dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Requests answered so far (index.yaml and archives alike). */
    public int requests() {
        return requests.get();
    }

    /** Packages each chart and adds it to the index (replacing the same name and version). */
    public synchronized ChartRepository publish(TestChart... charts) {
        for (TestChart chart : charts) {
            try {
                Path source = writeSource(chart);
                new Helm(source).packageIt().withDestination(served).call();
                String archive = chart.name() + "-" + chart.version() + ".tgz";
                byte[] bytes = Files.readAllBytes(served.resolve(archive));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("apiVersion", "v2");
                entry.put("name", chart.name());
                entry.put("version", chart.version());
                entry.put("urls", List.of(archive));
                entry.put("digest", sha256(bytes));
                entries.computeIfAbsent(chart.name(), n -> new TreeMap<>()).put(chart.version(), entry);
                writeIndex();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    private Path writeSource(TestChart chart) throws IOException {
        Path dir = root.resolve("src").resolve(chart.name() + "-" + chart.version()).resolve(chart.name());
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("Chart.yaml"), chart.chartYaml());
        Files.writeString(dir.resolve("values.yaml"), chart.values());
        for (Map.Entry<String, String> t : chart.templates().entrySet()) {
            Files.writeString(dir.resolve("templates").resolve(t.getKey()), t.getValue());
        }
        if (!chart.crds().isEmpty()) {
            Files.createDirectories(dir.resolve("crds"));
            for (Map.Entry<String, String> c : chart.crds().entrySet()) {
                Files.writeString(dir.resolve("crds").resolve(c.getKey()), c.getValue());
            }
        }
        return dir;
    }

    private void writeIndex() throws IOException {
        Map<String, List<Map<String, Object>>> byName = new TreeMap<>();
        entries.forEach((name, versions) -> byName.put(name, new ArrayList<>(versions.values())));
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("apiVersion", "v1");
        index.put("entries", byName);
        Files.writeString(served.resolve("index.yaml"), YAML.writeValueAsString(index));
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String file = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
            Path path = served.resolve(file).normalize();
            if (file.isEmpty() || !path.startsWith(served) || !Files.isRegularFile(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            synchronized (this) {
                body = Files.readAllBytes(path);
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
