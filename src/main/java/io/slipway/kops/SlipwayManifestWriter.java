package io.slipway.kops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.slipway.api.Cluster;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * Writes the converted Cluster and InstanceGroups as one multi-document YAML for {@code kubectl apply -f}. Fields
 * that mean the same as absent (empty lists and maps, {@code paused: false}) are left out, so the output shows only
 * what kops set; empty CNI blocks such as {@code cilium: {}} stay, they select the CNI.
 */
public final class SlipwayManifestWriter {
    private static final String API_VERSION = Cluster.GROUP + "/" + Cluster.VERSION;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a string that reads as a number (maxPrice "0.05") must stay a string
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private SlipwayManifestWriter() {
    }

    public static String write(KopsImport.Result result) {
        StringBuilder out = new StringBuilder("# Slipway manifests converted from kops cluster ").append(result.kopsName())
                .append(" by hack/kops-import\n");
        out.append("---\n").append(document("Cluster", result.clusterName(), result.options().namespace(), result.cluster()));
        for (KopsImport.Group g : result.groups()) {
            out.append("---\n").append(document("InstanceGroup", g.name(), result.options().namespace(), g.spec()));
        }
        return out.toString();
    }

    private static String document(String kind, String name, String namespace, Object spec) {
        ObjectNode root = YAML.createObjectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", kind);
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        ObjectNode specNode = YAML.valueToTree(spec);
        for (String flag : List.of("paused", "planOnly")) {
            if (specNode.path(flag).isBoolean() && !specNode.path(flag).booleanValue()) {
                specNode.remove(flag);
            }
        }
        prune(specNode, false);
        root.set("spec", specNode);
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes nulls, empty lists and (unless {@code keepEmptyObjects}) empty objects, depth first. */
    private static void prune(JsonNode node, boolean keepEmptyObjects) {
        if (node.isArray()) {
            node.elements().forEachRemaining(e -> prune(e, false));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            JsonNode child = object.get(key);
            prune(child, key.equals("networking"));
            boolean empty = child.isNull() || (child.isArray() && child.isEmpty()) || (child.isObject() && child.isEmpty() && !keepEmptyObjects);
            if (empty) {
                names.remove();
            }
        }
    }
}
