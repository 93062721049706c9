package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Applies a structural schema's {@code default}s, as the API server does after pruning: a property that is absent
 * gets its default (a copy), then defaulting goes on inside it; items of arrays and values of maps are defaulted
 * by their own schema. Works for any CRD: nothing here knows the Slipway kinds. A {@code null} is not defaulted:
 * the API server prunes non-nullable {@code null}s before ({@link SchemaPruning}).
 */
public final class SchemaDefaulting {
    private SchemaDefaulting() {
    }

    public static void apply(JsonNode value, JsonNode schema) {
        if (schema == null || value == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode propertySchema = property.getValue();
                if (!object.has(property.getKey()) && propertySchema.has("default")) {
                    object.set(property.getKey(), propertySchema.get("default").deepCopy());
                }
                apply(object.get(property.getKey()), propertySchema);
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                object.properties().forEach(e -> {
                    if (!schema.path("properties").has(e.getKey())) apply(e.getValue(), additional);
                });
            }
        } else if (value.isArray() && schema.has("items")) {
            value.forEach(item -> apply(item, schema.get("items")));
        }
    }
}
