package io.slipway.kops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs hack/kops-import as a user does: a separate process, from a working directory of the caller's choice. */
final class KopsImportScript {
    static final Path SCRIPT = Path.of("hack/kops-import").toAbsolutePath();

    private KopsImportScript() {
    }

    static KopsImportRun run(Path workingDirectory, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, true));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, false));
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("hack/kops-import " + String.join(" ", args) + " did not finish");
            }
            return new KopsImportRun(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Process process, boolean stdout) {
        try (var in = stdout ? process.getInputStream() : process.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
