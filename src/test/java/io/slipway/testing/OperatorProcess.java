package io.slipway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code target/quarkus-app/quarkus-run.jar}) as a child process, started the way
 * {@code hack/local.sh} starts it: {@code KUBECONFIG} names the management API, {@code SLIPWAY_AWS_ENDPOINT_OVERRIDE}
 * points at moto with the test keys, HTTP on a free port of 127.0.0.1. Its output goes to a log file that is kept.
 * {@link #close()} stops it (SIGTERM, then SIGKILL after 10 s); a JVM shutdown hook does the same if the test
 * JVM exits first.
 */
public final class OperatorProcess implements AutoCloseable {
    public static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final List<String> INHERITED_PREFIXES_DROPPED =
            List.of("AWS_", "KUBERNETES_", "KUBECONFIG", "QUARKUS_", "SLIPWAY_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Process process;
    private final long startedNanos;
    private final URI url;
    private final Path log;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OperatorProcess(Process process, long startedNanos, URI url, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.url = url;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "operator-process-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the packaged app against this kubeconfig and AWS endpoint (region us-east-1, keys testing/testing). */
    public static OperatorProcess start(Path kubeconfig, URI awsEndpoint, Path log) {
        if (!Files.isRegularFile(APP)) {
            throw new IllegalStateException(APP.toAbsolutePath() + " is missing: run ./mvnw package first");
        }
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", APP.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> INHERITED_PREFIXES_DROPPED.stream().anyMatch(key::startsWith));
        env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("SLIPWAY_AWS_ENDPOINT_OVERRIDE", awsEndpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_REGION", MotoServer.REGION);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            long started = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            return new OperatorProcess(process, started, URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + APP, e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Time since the process was started. */
    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if the process exits first. */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return uptime();
                }
            } catch (UncheckedIOException notListeningYet) {
                // retry
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("the operator was not ready within " + timeout + "; log " + log + ":\n" + tail());
    }

    /** GET on the operator's HTTP port. */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size of the process in KiB (VmRSS of /proc/pid/status). */
    public long rssKiB() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS for pid " + pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the operator exited with " + process.exitValue() + "; log " + log + ":\n" + tail());
        }
    }

    /** The last lines of the log. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
