package io.slipway.kops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hack/kops-import as a process, as the README shows it: the build's classes and classpath file (written by
 * {@code ./mvnw package}, or any phase from generate-resources on), a kops file relative to the caller's directory or
 * stdin, the exit codes.
 */
class KopsImportScriptTest {
    private static final Path FIXTURES = Path.of("src/test/resources/kops").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void convertsAFileNamedRelativeToTheCallersDirectory() throws IOException {
        Files.copy(FIXTURES.resolve("private-ha/kops.yaml"), work.resolve("kops.yaml"));

        KopsImportRun run = KopsImportScript.run(work, "", "kops.yaml");

        assertThat(run.stderr()).isEqualTo(Files.readString(FIXTURES.resolve("private-ha/stderr.txt")));
        assertThat(run.stdout()).isEqualTo(Files.readString(FIXTURES.resolve("private-ha/slipway.yaml")));
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void readsStdinAndExitsWith1WhenTheResultIsInvalid() throws IOException {
        KopsImportRun run = KopsImportScript.run(work, Files.readString(FIXTURES.resolve("test-region/kops.yaml")), "-");

        assertThat(run.stdout()).isEqualTo(Files.readString(FIXTURES.resolve("test-region/slipway.yaml")));
        assertThat(run.stderr()).isEqualTo(Files.readString(FIXTURES.resolve("test-region/stderr.txt")));
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void exitsWith2OnUnreadableInput() {
        KopsImportRun run = KopsImportScript.run(work, "", "-");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("kops-import: <stdin>: the input holds no kops objects: expected a kops Cluster and its InstanceGroups\n");
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
