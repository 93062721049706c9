package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus src/test/resources/invalid/*.yaml: each file's first line is {@code # expect: path, path, ...};
 * its last document is the object under test and must be refused with exactly those field paths; documents
 * before it (the Cluster of an InstanceGroup) must be valid.
 */
class InvalidManifestCorpusTest {
    private static final Path CORPUS = Manifests.resource("invalid");
    private static final String EXPECT = "# expect:";

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Set<String> expectedPaths(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertThat(first).as(file + " first line").startsWith(EXPECT);
        return Arrays.stream(first.substring(EXPECT.length()).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithTheExpectedPaths(Path file) throws IOException {
        List<String> docs = Manifests.documents(file);
        ClusterSpec cluster = null;
        for (int i = 0; i < docs.size() - 1; i++) {
            assertThat(Manifests.kind(docs.get(i))).isEqualTo("Cluster");
            cluster = Manifests.cluster(docs.get(i)).getSpec();
            assertThat(Manifests.validate(docs.get(i), null)).as("the Cluster before the object under test must be valid").isEmpty();
        }
        List<FieldError> errors = Manifests.validate(docs.get(docs.size() - 1), cluster);
        assertThat(errors).as("errors").isNotEmpty();
        assertThat(errors).as("every error has a message").allSatisfy(e -> assertThat(e.message()).isNotBlank());
        assertThat(errors.stream().map(FieldError::path).collect(Collectors.toSet()))
                .as(FieldError.summarize(errors))
                .isEqualTo(expectedPaths(file));
    }

    @Test
    void corpusCoversEnoughDistinctCases() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(22);
        assertThat(corpus().filter(p -> p.getFileName().toString().startsWith("ig-")).count()).isGreaterThanOrEqualTo(8);
    }
}
