package io.slipway.testing.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's CustomResourceDefinitions as the build generates them: from {@code crds/} (committed) or else
 * {@code target/kubernetes/} (written by {@code ./mvnw package}).
 */
public final class GeneratedCrds {
    public static final String CLUSTERS = "clusters.slipway.io";
    public static final String INSTANCE_GROUPS = "instancegroups.slipway.io";
    private static final List<Path> FOLDERS = List.of(Path.of("crds"), Path.of("target", "kubernetes"));

    private GeneratedCrds() {
    }

    /** The file holding the CRD named {@code name} (e.g. {@value #CLUSTERS}). */
    public static Path file(String name) {
        for (Path folder : FOLDERS) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> files = Files.list(folder)) {
                var match = files.filter(f -> f.getFileName().toString().startsWith(name + "-")
                                || f.getFileName().toString().startsWith(name + "."))
                        .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                        .sorted().findFirst();
                if (match.isPresent()) return match.get().toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no generated CRD " + name + " in " + FOLDERS
                + " (relative to " + Path.of("").toAbsolutePath() + "): run ./mvnw package -DskipTests first");
    }

    /** Creates the Cluster and InstanceGroup CRDs through the client. */
    public static void install(KubernetesClient client) {
        for (String name : List.of(CLUSTERS, INSTANCE_GROUPS)) {
            try (InputStream in = Files.newInputStream(file(name))) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
