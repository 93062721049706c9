package io.slipway.kops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of one kops object node, read one by one: whatever the converter did not take is reported by
 * {@link #rest}, so that no field is dropped silently. Values of the wrong type are reported, not guessed.
 */
final class KopsFields {
    private final JsonNode node;
    private final String path;
    private final Leftovers leftovers;
    private final Set<String> taken = new LinkedHashSet<>();

    KopsFields(JsonNode node, String path, Leftovers leftovers) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.leftovers = leftovers;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path + "." + key;
    }

    Leftovers leftovers() {
        return leftovers;
    }

    /** The field names, in the input's order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The value, or a missing node; marks it as taken. */
    JsonNode take(String key) {
        taken.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? MissingNode.getInstance() : v;
    }

    /** Takes the key and reports it (when present) as not carried over. */
    void drop(String key, String reason) {
        if (!take(key).isMissingNode()) {
            leftovers.add(path(key), reason);
        }
    }

    /** The child object's fields, or null when absent; a non-object value is reported. */
    KopsFields object(String key) {
        JsonNode v = take(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (!v.isObject()) {
            leftovers.add(path(key), "expected an object, got " + v.getNodeType().name().toLowerCase());
            return null;
        }
        return new KopsFields(v, path(key), leftovers);
    }

    String text(String key) {
        JsonNode v = take(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (!v.isValueNode()) {
            leftovers.add(path(key), "expected a text value, got " + v.getNodeType().name().toLowerCase());
            return null;
        }
        return v.asText();
    }

    Integer integer(String key) {
        JsonNode v = take(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual() && v.asText().matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(v.asText());
        }
        leftovers.add(path(key), "expected a whole number, got " + v);
        return null;
    }

    Boolean bool(String key) {
        JsonNode v = take(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        leftovers.add(path(key), "expected true or false, got " + v);
        return null;
    }

    /** A list of texts; a non-list or a non-text item is reported and left out. */
    List<String> texts(String key) {
        JsonNode v = take(key);
        List<String> out = new ArrayList<>();
        if (v.isMissingNode()) {
            return out;
        }
        if (!v.isArray()) {
            leftovers.add(path(key), "expected a list, got " + v.getNodeType().name().toLowerCase());
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).isValueNode() && !v.get(i).isNull()) {
                out.add(v.get(i).asText());
            } else {
                leftovers.add(path(key) + "[" + i + "]", "expected a text value, got " + v.get(i).getNodeType().name().toLowerCase());
            }
        }
        return out;
    }

    /** A map of texts (labels, tags); a non-text value is reported and left out. */
    Map<String, String> textMap(String key) {
        JsonNode v = take(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isMissingNode()) {
            return out;
        }
        if (!v.isObject()) {
            leftovers.add(path(key), "expected a map, got " + v.getNodeType().name().toLowerCase());
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                leftovers.add(path(key) + "[" + e.getKey() + "]", "expected a text value, got " + e.getValue().getNodeType().name().toLowerCase());
            }
        }
        return out;
    }

    /** Reports every field not taken, with the reason {@code reasons} gives for its key. */
    void rest(Function<String, String> reasons) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!taken.contains(key) && !node.get(key).isNull()) {
                leftovers.add(path(key), reasons.apply(key));
            }
        }
    }

    /** Reports every field not taken as one line each, "{@code what} ... Slipway does not expose". */
    void restAsUnexposed(String what) {
        rest(key -> "Slipway does not expose this " + what + " setting");
    }
}
