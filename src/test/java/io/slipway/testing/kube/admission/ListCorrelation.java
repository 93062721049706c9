package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the API server pairs an array item with its previous value on update: only items of an
 * {@code x-kubernetes-list-type: map} list, by their {@code x-kubernetes-list-map-keys}; items of other lists
 * have no old value (transition rules below them do not run, and they are not ratcheted one by one).
 */
final class ListCorrelation {
    private ListCorrelation() {
    }

    static JsonNode oldItem(JsonNode listSchema, JsonNode item, JsonNode oldList) {
        if (oldList == null || !oldList.isArray() || !"map".equals(listSchema.path("x-kubernetes-list-type").asText())) {
            return null;
        }
        JsonNode key = key(listSchema, item);
        if (key == null) {
            return null;
        }
        for (JsonNode candidate : oldList) {
            if (key.equals(key(listSchema, candidate))) return candidate;
        }
        return null;
    }

    /** The map keys of an item of a map list, as an object; null when the item is not an object. */
    static JsonNode key(JsonNode listSchema, JsonNode item) {
        if (!item.isObject()) {
            return null;
        }
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (JsonNode name : listSchema.path("x-kubernetes-list-map-keys")) {
            JsonNode value = item.get(name.asText());
            key.set(name.asText(), value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return key;
    }
}
