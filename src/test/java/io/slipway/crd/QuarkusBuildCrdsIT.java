package io.slipway.crd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after {@code package} (failsafe), so target/kubernetes always holds what this build's QOSDK generated:
 * it equals what the tests generate from the API classes (and so, through {@link GeneratedCrdsAreCommittedTest},
 * the committed copies). The surefire variant of this check can only compare a previous build's output.
 */
class QuarkusBuildCrdsIT {

    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void quarkusBuildGeneratesTheCrdsTheTestsCheck(String file) {
        Path built = GeneratedCrds.projectRoot().resolve("target/kubernetes").resolve(file);
        assertThat(built).as("the Quarkus build writes " + built).exists();
        assertThat(GeneratedCrds.read(built)).as("target/kubernetes/" + file).isEqualTo(GeneratedCrds.text(file));
    }
}
