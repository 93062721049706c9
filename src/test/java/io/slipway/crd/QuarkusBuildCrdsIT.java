package io.slipway.crd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after {@code package} (failsafe), so target/kubernetes holds what this build's QOSDK generated: it equals
 * what the tests generate from the API classes (the basis of {@link GeneratedCrdsAreCommittedTest} and of every
 * CRD-based test) and the committed copies that Helm and kubectl install.
 */
class QuarkusBuildCrdsIT {

    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void quarkusBuildGeneratesTheCrdsTheTestsCheck(String file) {
        assertThat(GeneratedCrds.read(built(file))).as("target/kubernetes/" + file).isEqualTo(GeneratedCrds.text(file));
    }

    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void quarkusBuildGeneratesTheCommittedCrds(String file) {
        String built = GeneratedCrds.read(built(file));
        for (String folder : List.of("crds", "charts/slipway/crds")) {
            Path committed = GeneratedCrds.projectRoot().resolve(folder).resolve(file);
            assertThat(committed).as(folder + "/" + file + " is missing; run hack/update-crds.sh").exists();
            assertThat(GeneratedCrds.read(committed))
                    .as(folder + "/" + file + " differs from the build's target/kubernetes/" + file
                            + "; run hack/update-crds.sh and commit the result")
                    .isEqualTo(built);
        }
    }

    private static Path built(String file) {
        Path built = GeneratedCrds.projectRoot().resolve("target/kubernetes").resolve(file);
        assertThat(built).as("the Quarkus build writes " + built).exists();
        return built;
    }
}
