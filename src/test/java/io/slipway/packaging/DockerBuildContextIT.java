package io.slipway.packaging;

import io.slipway.crd.GeneratedCrds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** After {@code package}: the Dockerfile copies every part of target/quarkus-app the operator runs from. */
class DockerBuildContextIT {
    // a list of the dependencies for people and SBOM tools; the application never reads it
    private static final String DEPENDENCY_LIST = "quarkus-app-dependencies.txt";

    @Test
    void everyPartOfThePackagedAppIsCopied() throws IOException {
        Path root = GeneratedCrds.projectRoot();
        List<String> copied = Dockerfile.read().copies().keySet().stream().map(s -> s.replaceAll("/$", "")).toList();
        for (String source : copied) {
            assertThat(root.resolve(source)).as("COPY source").exists();
        }
        try (Stream<Path> entries = Files.list(root.resolve("target/quarkus-app"))) {
            List<String> packaged = entries.map(p -> "target/quarkus-app/" + p.getFileName())
                    .filter(p -> !p.endsWith("/" + DEPENDENCY_LIST)).toList();
            assertThat(copied).containsExactlyInAnyOrderElementsOf(packaged);
        }
    }
}
