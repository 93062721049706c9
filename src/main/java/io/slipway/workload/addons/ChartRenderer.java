package io.slipway.workload.addons;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a chart archive with values into Kubernetes objects with the Helm library (helm-java), as
 * {@code helm template --include-crds --skip-tests} does: CRDs from the chart's crds/ folder and every template but
 * the chart's tests, with the release's name and namespace and the cluster's Kubernetes version.
 */
public class ChartRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path workDir;

    /** @param workDir where the values file of each rendering is written (and deleted after it) */
    public ChartRenderer(Path workDir) {
        this.workDir = workDir;
        JvmSignalHandlers.remember();
    }

    public List<GenericKubernetesResource> render(Path chartArchive, String release, String namespace,
                                                  String kubernetesVersion, JsonNode values) {
        String manifests;
        Path valuesFile = null;
        // helm-java finds its native library with the context class loader and, failing that, downloads it from
        // Maven Central: make it look where the operator's own classes (and the packaged native jar) are
        ClassLoader previousLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ChartRenderer.class.getClassLoader());
        try {
            Files.createDirectories(workDir);
            valuesFile = Files.createTempFile(workDir, release + "-values-", ".yaml");
            Files.writeString(valuesFile, JSON.writeValueAsString(values));
            var template = new Helm(chartArchive).template()
                    .withName(release)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile);
            if (kubernetesVersion != null && !kubernetesVersion.isBlank()) {
                template = template.withKubeVersion(kubernetesVersion);
            }
            // helm template leaves out the chart's crds/ folder (its --include-crds is not offered here): show crds
            manifests = new Helm(chartArchive).show().crds().call() + "\n---\n" + template.call();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the values of " + release + " under " + workDir, e);
        } catch (IllegalStateException e) {
            throw new ChartRenderException("helm template of " + release + " failed: " + e.getMessage(), e);
        } finally {
            JvmSignalHandlers.restore(); // the library's template takes SIGTERM from the JVM (see JvmSignalHandlers)
            Thread.currentThread().setContextClassLoader(previousLoader);
            deleteQuietly(valuesFile);
        }
        return parse(manifests);
    }

    /** The objects of a multi-document YAML stream; empty documents are skipped and a List is expanded. */
    static List<GenericKubernetesResource> parse(String manifests) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(manifests);
             MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || !document.isObject() || document.isEmpty()) {
                    continue;
                }
                if (document.path("kind").asText().endsWith("List") && document.path("items").isArray()) {
                    document.path("items").forEach(item -> {
                        if (!isTestHook(item)) objects.add(toResource(item));
                    });
                } else if (!isTestHook(document)) {
                    objects.add(toResource(document));
                }
            }
        } catch (IOException e) {
            throw new ChartRenderException("helm template produced YAML that cannot be read: " + e.getMessage(), e);
        }
        return objects;
    }

    /** A chart's test pods ({@code helm test}) are not part of the release, as {@code helm template --skip-tests}. */
    private static boolean isTestHook(JsonNode node) {
        String hooks = node.path("metadata").path("annotations").path("helm.sh/hook").asText("");
        return java.util.Arrays.stream(hooks.split(",")).map(String::trim)
                .anyMatch(h -> h.equals("test") || h.equals("test-success"));
    }

    private static GenericKubernetesResource toResource(JsonNode node) {
        if (!node.hasNonNull("apiVersion") || !node.hasNonNull("kind") || node.path("metadata").path("name").asText().isEmpty()) {
            throw new ChartRenderException("helm template produced an object without apiVersion, kind or name: "
                    + node.path("kind").asText("?") + " " + node.path("metadata").path("name").asText("?"));
        }
        return JSON.convertValue(node, GenericKubernetesResource.class);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover values file in the work directory holds no secret and is overwritten by nothing
        }
    }
}
