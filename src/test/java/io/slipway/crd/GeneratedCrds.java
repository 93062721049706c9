package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CRDs as the build generates them, produced here from the API classes with the same generator and
 * post-processor that QOSDK runs in the Quarkus build (Fabric8 CRDGenerator v2, CRD version v1,
 * {@link PrinterColumnsInDeclarationOrder}). Generating in the test keeps tests independent of whether
 * {@code package} ran before them or of a stale {@code target/kubernetes}.
 */
public final class GeneratedCrds {
    public static final String CLUSTERS = "clusters.slipway.io-v1.yml";
    public static final String INSTANCE_GROUPS = "instancegroups.slipway.io-v1.yml";
    public static final List<String> FILES = List.of(CLUSTERS, INSTANCE_GROUPS);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Path dir;

    private GeneratedCrds() {
    }

    /** The folder holding freshly generated CRDs (generated once per JVM). */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path out = Files.createTempDirectory("slipway-crds");
                new CRDGenerator()
                        .withPostProcessor(new PrinterColumnsInDeclarationOrder())
                        .forCRDVersions("v1")
                        .customResourceClasses(Cluster.class, InstanceGroup.class)
                        .inOutputDir(out.toFile())
                        .generate();
                dir = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** For {@code @MethodSource}. */
    public static Stream<String> files() {
        return FILES.stream();
    }

    public static String text(String file) {
        return read(dir().resolve(file));
    }

    public static JsonNode tree(String file) {
        return parse(text(file));
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project root (the folder holding pom.xml); tests run with it as the working directory. */
    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("src/main/java/io/slipway"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Slipway project root above " + here);
    }
}
