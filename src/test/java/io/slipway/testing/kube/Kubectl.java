package io.slipway.testing.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl from the PATH against a kubeconfig, with its caches and HOME in a folder of the
 * caller's choosing so that nothing is written under the user's home directory.
 */
public final class Kubectl {
    private final Path kubeconfig;
    private final Path stateDir;

    public Kubectl(Path kubeconfig, Path stateDir) {
        this.kubeconfig = kubeconfig;
        this.stateDir = stateDir;
    }

    /**
     * kubectl against {@code api}: fails unless kubectl is on the PATH, then writes {@code api}'s kubeconfig into
     * {@code dir}, where kubectl also keeps its caches and HOME.
     */
    public static Kubectl against(KubeApiServer api, Path dir) {
        requireOnPath();
        return new Kubectl(api.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Fails with a message that says what to install when kubectl is not on the PATH. */
    public static String requireOnPath() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return out.trim();
            }
            throw new IllegalStateException("kubectl version --client failed: " + out);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is not on the PATH; install kubectl 1.32 to run this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code kubectl <args>} and returns what it printed. */
    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.add("--kubeconfig=" + kubeconfig);
        command.addAll(List.of(args));
        try {
            Path home = Files.createDirectories(stateDir.resolve("home"));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.put("KUBECONFIG", kubeconfig.toString());
            env.put("KUBECACHEDIR", stateDir.resolve("cache").toString());
            env.put("HOME", home.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs kubectl and fails with its output unless it exits with 0; returns stdout. */
    public String ok(String... args) {
        Result result = run(args);
        if (!result.succeeded()) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " exited with " + result.exitCode()
                    + "\nstdout: " + result.stdout() + "\nstderr: " + result.stderr());
        }
        return result.stdout();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
