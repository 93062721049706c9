package io.slipway.aws.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.cloud.SecretBytes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * IAM policy documents compared by meaning: IAM hands them back URL-encoded and may keep a one-element list as
 * a string; the order of statements, actions, resources and condition values means nothing. {@link #canonical}
 * gives one text per meaning.
 */
final class PolicyJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Statement keys whose value is a string or a list of strings that IAM reads as a set. */
    private static final Set<String> SET_KEYS = Set.of("Action", "NotAction", "Resource", "NotResource");

    private PolicyJson() {
    }

    /** A document as IAM returns it (URL-encoded) or as written (plain JSON). */
    static String decode(String document) {
        if (document == null) {
            return null;
        }
        String trimmed = document.strip();
        return trimmed.startsWith("{") ? trimmed : URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }

    /** One text per meaning; a document that is not JSON is kept as it is (it then differs from every valid one). */
    static String canonical(String document) {
        if (document == null) {
            return null;
        }
        String decoded = decode(document);
        try {
            return JSON.writeValueAsString(normalizeDocument(JSON.readTree(decoded)));
        } catch (JsonProcessingException e) {
            return decoded;
        }
    }

    static boolean sameMeaning(String a, String b) {
        return a == null ? b == null : b != null && canonical(a).equals(canonical(b));
    }

    /** For plans and status: how many statements and a short hash of the meaning, never the whole document. */
    static String summary(String document) {
        if (document == null) {
            return null;
        }
        String canonical = canonical(document);
        int statements = 0;
        try {
            JsonNode statement = JSON.readTree(canonical).path("Statement");
            statements = statement.isArray() ? statement.size() : 1;
        } catch (JsonProcessingException e) {
            // not JSON: no count
        }
        return statements + (statements == 1 ? " statement" : " statements") + " (sha256:"
                + SecretBytes.sha256(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + ")";
    }

    private static JsonNode normalizeDocument(JsonNode document) {
        if (!document.isObject()) {
            return document;
        }
        ObjectNode result = sortedObject(document);
        JsonNode statements = result.get("Statement");
        if (statements != null) {
            List<JsonNode> list = new ArrayList<>();
            (statements.isArray() ? statements : NODES.arrayNode().add(statements))
                    .forEach(s -> list.add(normalizeStatement(s)));
            list.sort((x, y) -> x.toString().compareTo(y.toString()));
            ArrayNode sorted = NODES.arrayNode();
            list.forEach(sorted::add);
            result.set("Statement", sorted);
        }
        return result;
    }

    private static JsonNode normalizeStatement(JsonNode statement) {
        if (!statement.isObject()) {
            return statement;
        }
        ObjectNode result = sortedObject(statement);
        for (String key : SET_KEYS) {
            if (result.has(key)) {
                result.set(key, stringSet(result.get(key)));
            }
        }
        if (result.get("Principal") instanceof ObjectNode principal) {
            result.set("Principal", valuesAsSets(principal));
        }
        if (result.get("Condition") instanceof ObjectNode condition) {
            ObjectNode operators = NODES.objectNode();
            new TreeMap<>(fields(condition)).forEach((operator, keys) ->
                    operators.set(operator, keys instanceof ObjectNode object ? valuesAsSets(object) : keys));
            result.set("Condition", operators);
        }
        return result;
    }

    private static ObjectNode valuesAsSets(ObjectNode object) {
        ObjectNode result = NODES.objectNode();
        new TreeMap<>(fields(object)).forEach((key, value) -> result.set(key, stringSet(value)));
        return result;
    }

    private static JsonNode stringSet(JsonNode value) {
        if (!value.isArray() && !value.isTextual()) {
            return value;
        }
        TreeSet<String> set = new TreeSet<>();
        if (value.isTextual()) {
            set.add(value.asText());
        } else {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    return value;
                }
                set.add(item.asText());
            }
        }
        ArrayNode result = NODES.arrayNode();
        set.forEach(result::add);
        return result;
    }

    private static ObjectNode sortedObject(JsonNode object) {
        ObjectNode result = NODES.objectNode();
        new TreeMap<>(fields(object)).forEach(result::set);
        return result;
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }
}
