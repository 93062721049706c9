package io.slipway.kops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kops manifest under src/test/resources/kops/&lt;case&gt;/kops.yaml (written for these tests from kops' API
 * reference) converts to exactly slipway.yaml, with exactly stderr.txt on stderr (the fields not carried over,
 * validation errors, the summary) and the exit code; the printed manifests, read back, pass (or fail) the operator's
 * validation accordingly.
 */
class KopsImportFixturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/kops");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "minimal-public, 0",
            "private-ha, 0",
            "byo-network, 0",
            "mixed-instances-spot, 0",
            "custom-iam, 0",
            "no-dns, 0",
            "test-region, 1"})
    void convertsExactly(String fixture, int exitCode) throws IOException {
        Path dir = FIXTURES.resolve(fixture);

        KopsImportRun run = KopsImportRun.of("", dir.resolve("kops.yaml").toString());

        assertThat(run.stdout()).isEqualTo(Files.readString(dir.resolve("slipway.yaml")));
        assertThat(run.stderr()).isEqualTo(Files.readString(dir.resolve("stderr.txt")));
        assertThat(run.exitCode()).isEqualTo(exitCode);
        if (exitCode == 0) {
            assertThat(SlipwayOutput.validationErrors(run.stdout())).isEmpty();
        } else {
            assertThat(SlipwayOutput.validationErrors(run.stdout())).isNotEmpty();
        }
    }

    @Test
    void theReadmeExampleIsWhatTheCommandPrints() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Coming from kops"));
        String before = block(section, "Before, `kops.yaml`:", "```yaml\n");
        String after = block(section, "hack/kops-import --namespace team-a kops.yaml` prints:", "```yaml\n");
        String stderr = block(section, "and on stderr", "```text\n");

        KopsImportRun run = KopsImportRun.of(before, "--namespace", "team-a", "-");

        assertThat(run.stdout()).isEqualTo(after);
        assertThat(run.stderr()).isEqualTo(stderr);
        assertThat(run.exitCode()).isZero();
    }

    /** The fenced block that follows {@code heading}. */
    private static String block(String text, String heading, String fence) {
        int start = text.indexOf(fence, text.indexOf(heading)) + fence.length();
        return text.substring(start, text.indexOf("```", start));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"minimal-public", "private-ha"})
    void namespaceAndNameOptionsApplyToEveryObject(String fixture) throws IOException {
        Path file = FIXTURES.resolve(fixture).resolve("kops.yaml");

        KopsImportRun run = KopsImportRun.of("", "--namespace", "team-a", "--name=renamed", file.toString());

        assertThat(run.exitCode()).isZero();
        for (JsonNode d : SlipwayOutput.documents(run.stdout())) {
            assertThat(d.path("metadata").path("namespace").asText()).isEqualTo("team-a");
            if (d.path("kind").asText().equals("Cluster")) {
                assertThat(d.path("metadata").path("name").asText()).isEqualTo("renamed");
                // the kops API name (api.<fqdn>) is kept: it no longer is the renamed cluster's default
                assertThat(d.path("spec").path("api").path("publicName").asText()).isEqualTo("api." + fixture.replace("minimal-public", "minimal")
                        .replace("private-ha", "prod") + ".example.com");
            } else {
                assertThat(d.path("spec").path("clusterName").asText()).isEqualTo("renamed");
            }
        }
        assertThat(SlipwayOutput.validationErrors(run.stdout())).isEmpty();
    }
}
