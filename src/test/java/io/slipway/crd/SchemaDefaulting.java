package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Fills in a CRD schema's defaults the way the API server's structural defaulting does: a property that is missing
 * (or null without {@code nullable}) gets a copy of its {@code default}, then defaulting goes on into every value,
 * defaulted ones included. So a property defaulted to {} receives its own properties' defaults, while a default
 * below a parent that is absent and has no default of its own is never applied.
 */
public final class SchemaDefaulting {
    private SchemaDefaulting() {
    }

    /** A defaulted copy of a whole object (apiVersion, kind, metadata, spec...) of the kind {@code crdFile} defines. */
    public static JsonNode defaulted(JsonNode object, String crdFile) {
        JsonNode copy = object.deepCopy();
        apply(copy, rootSchema(crdFile));
        return copy;
    }

    public static JsonNode rootSchema(String crdFile) {
        return GeneratedCrds.tree(crdFile).at("/spec/versions/0/schema/openAPIV3Schema");
    }

    public static void apply(JsonNode value, JsonNode schema) {
        if (value instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode dflt = property.getValue().get("default");
                JsonNode current = object.get(property.getKey());
                boolean nonNullableNull = current != null && current.isNull() && !property.getValue().path("nullable").asBoolean(false);
                if (dflt != null && (current == null || nonNullableNull)) {
                    object.set(property.getKey(), dflt.deepCopy());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode property = schema.path("properties").get(field.getKey());
                if (property != null) {
                    apply(field.getValue(), property);
                } else if (schema.path("additionalProperties").isObject()) {
                    apply(field.getValue(), schema.get("additionalProperties"));
                }
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            array.forEach(item -> apply(item, schema.get("items")));
        }
    }
}
