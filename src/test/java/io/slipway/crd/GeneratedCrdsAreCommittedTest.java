package io.slipway.crd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRDs (crds/ and the chart's crds/) are exactly what the generator makes of the API classes, run here
 * as the Quarkus build runs it. That the Quarkus build itself writes the same files is checked after package, by
 * {@link QuarkusBuildCrdsIT}.
 */
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
}
