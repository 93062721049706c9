package io.slipway.crd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed CRDs (crds/ and the chart's crds/) are exactly what the build generates from the API classes. */
class GeneratedCrdsAreCommittedTest {
    private static final String HOW_TO_REFRESH =
            "differs from the CRD generated from io.slipway.api; run hack/update-crds.sh and commit the result";

    static Stream<String> committedCopies() {
        return GeneratedCrds.FILES.stream().flatMap(f -> Stream.of("crds/" + f, "charts/slipway/crds/" + f));
    }

    @ParameterizedTest
    @MethodSource("committedCopies")
    void committedCopyIsUpToDate(String relativePath) {
        Path committed = GeneratedCrds.projectRoot().resolve(relativePath);
        assertThat(committed).as(relativePath + " is missing; run hack/update-crds.sh").exists();
        String generated = GeneratedCrds.text(committed.getFileName().toString());
        assertThat(GeneratedCrds.read(committed)).as(relativePath + " " + HOW_TO_REFRESH).isEqualTo(generated);
    }

    @Test
    void committedFoldersHoldNoOtherCrd() throws IOException {
        for (String folder : List.of("crds", "charts/slipway/crds")) {
            try (Stream<Path> files = Files.list(GeneratedCrds.projectRoot().resolve(folder))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")))
                        .as(folder + " holds only generated CRDs (a stale one would still be installed)")
                        .containsExactlyInAnyOrderElementsOf(GeneratedCrds.FILES);
            }
        }
    }

    /**
     * The CRDs this test generates are byte for byte those of the Quarkus build (target/kubernetes), whenever that
     * output is newer than the compiled API classes; otherwise there is nothing current to compare with.
     */
    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void quarkusBuildGeneratesTheSameCrds(String file) {
        Path root = GeneratedCrds.projectRoot();
        Path built = root.resolve("target/kubernetes").resolve(file);
        assumeTrue(Files.exists(built), "no target/kubernetes/" + file + " (package not run)");
        assumeTrue(modified(built).compareTo(newestClass(root.resolve("target/classes/io/slipway"))) >= 0,
                "target/kubernetes/" + file + " is older than the compiled API classes");
        assertThat(GeneratedCrds.read(built)).as("target/kubernetes/" + file).isEqualTo(GeneratedCrds.text(file));
    }

    private static FileTime newestClass(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(GeneratedCrdsAreCommittedTest::modified)
                    .max(FileTime::compareTo)
                    .orElse(FileTime.fromMillis(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
