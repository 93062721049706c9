package io.slipway.testing.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.Serialization;

/** JSON/YAML parsing shared by the mock API's request handling. */
final class JsonNodes {
    static final ObjectMapper MAPPER = Serialization.jsonMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private JsonNodes() {
    }

    static JsonNode parseJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "BadRequest", "the body of the request was in an unknown format: " + e.getOriginalMessage());
        }
    }

    /** YAML is a superset of JSON, so this also reads JSON bodies. */
    static JsonNode parseYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new ApiException(400, "BadRequest", "the body of the request was in an unknown format: " + e.getMessage());
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = current == null ? null : current.get(step);
        }
        return current == null || current.isNull() ? null : current.asText();
    }
}
