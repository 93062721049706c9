package io.slipway.workload.addons;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM that has rendered a chart still stops on SIGTERM and runs its shutdown hooks: helm-java's native library takes
 * the termination signals from its host process when it renders (see {@link JvmSignalHandlers}), and the packaged
 * operator then ignored SIGTERM until it was killed.
 */
class ChartRendererSignalsTest {
    @Test
    void aJvmThatRenderedAChartStopsOnSigtermAndRunsItsShutdownHooks(@TempDir Path dir) throws Exception {
        Path hooksRan = dir.resolve("hooks-ran");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RenderThenWaitMain.class.getName(), hooksRan.toString()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                output.add("(output ended: " + e.getMessage() + ")");
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> !child.isAlive() || output.stream().anyMatch(l -> l.startsWith("rendered ")));
            assertThat(output).as("the child rendered the chart").anyMatch(l -> l.startsWith("rendered ") && !l.equals("rendered 0 objects"));

            child.destroy(); // SIGTERM

            boolean stopped = child.waitFor(30, TimeUnit.SECONDS);
            assertThat(stopped).as("the child stopped on SIGTERM; its output: %s", output).isTrue();
            assertThat(child.exitValue()).isEqualTo(143);
            assertThat(hooksRan).as("the child's shutdown hooks ran").exists();
        } finally {
            child.destroyForcibly();
        }
    }
}
