package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch. The mock's own merge (Jackson's readerForUpdating) appends to arrays and keeps
 * {@code null} values instead of removing the key, which is not what the API server does.
 */
final class JsonMergePatch {
    private JsonMergePatch() {
    }

    /** Returns a new document: {@code target} with {@code patch} merged in. Neither argument is modified. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** The merge patch that turns {@code from} into {@code to} for the keys {@code from} has and {@code to} lacks: nulls. */
    static JsonNode removals(JsonNode from, JsonNode to) {
        ObjectNode patch = JsonNodes.MAPPER.createObjectNode();
        if (from == null || !from.isObject()) {
            return patch;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode now = to == null ? null : to.get(field.getKey());
            if (now == null) {
                patch.putNull(field.getKey());
            } else if (field.getValue().isObject() && now.isObject()) {
                JsonNode nested = removals(field.getValue(), now);
                if (!nested.isEmpty()) {
                    patch.set(field.getKey(), nested);
                }
            }
        }
        return patch;
    }
}
