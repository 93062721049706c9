package io.slipway.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.aws.RateLimit;
import io.slipway.aws.RateLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One moto server (hack/moto-server.py) per test JVM, on a free 127.0.0.1 port, stopped when the JVM exits.
 * Use through {@link MotoExtension}, or {@link #get()} directly.
 */
public final class MotoServer {

    public static final String REQUIRED_MOTO = "5.2.1";
    /** The account moto answers for with any credentials while IAM is not enforced. */
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    /**
     * Client-side limits no test run reaches. The production default (CAPA's: 5 mutations a second after a burst of
     * 10) makes building a cluster wait ~12 s and deleting it ~10 s on the token bucket alone; tests that are about
     * the limits (RateLimitingTest) set their own.
     */
    public static final RateLimits UNTHROTTLED = new RateLimits(new RateLimit(10_000, 10_000), new RateLimit(10_000, 10_000), Map.of());

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static MotoServer instance;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean iamEnforced;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts the server on first use; later calls return the same one. */
    public static synchronized MotoServer get() {
        if (instance == null || !instance.process.isAlive()) {
            instance = start();
            MotoServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "moto-stop"));
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Wipes all of moto's state (and switches IAM enforcement off if a test left it on). */
    public void reset() {
        if (iamEnforced) {
            enforceIam(false);
        }
        post("/moto-api/reset", "", "application/json");
    }

    /**
     * Switches moto's IAM enforcement on (calls need keys of an IAM user whose policies allow them;
     * others answer AccessDenied/InvalidClientTokenId) or off. {@link #reset()} switches it off again.
     */
    public void enforceIam(boolean on) {
        post("/moto-api/reset-auth", on ? "0" : "inf", "text/plain");
        iamEnforced = on;
    }

    /** Settings for a factory that talks to this server with moto's test credentials. */
    public AwsSessionConfig.Builder awsConfig(MeterRegistry registry) {
        return AwsSessionConfig.builder(registry)
                .defaultRegion(REGION)
                .endpointOverride(endpoint)
                .operatorCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    public Path log() {
        return log;
    }

    private void post(String path, String body, String contentType) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto " + path + " failed; log: " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static MotoServer start() {
        checkPython("python3");
        Path script = findLauncher();
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-" + port + "-", ".log");
            Process process = new ProcessBuilder("python3", script.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + script, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto did not answer within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /** Fails with a message saying what to install when python3 or moto is missing. */
    static void checkPython(String... python) {
        List<String> command = new ArrayList<>(List.of(python));
        command.addAll(List.of("-c", "import moto, moto.server, sys; sys.stdout.write(moto.__version__)"));
        Process check;
        try {
            check = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("python3 not found: install Python 3 (python3 on the PATH) to run AWS tests", e);
        }
        try {
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (check.waitFor() != 0) {
                throw new IllegalStateException("moto not installed: pip install 'moto[server]==" + REQUIRED_MOTO + "'\n" + out);
            }
            if (!out.equals(REQUIRED_MOTO)) {
                System.err.println("warning: moto " + out + " found; Slipway's launcher patches moto " + REQUIRED_MOTO);
            }
        } catch (IOException e) {
            throw new IllegalStateException("python3 check failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** hack/moto-server.py in the working directory (the project root under Maven) or one of its parents. */
    private static Path findLauncher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("hack/moto-server.py");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("hack/moto-server.py not found from " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
