package io.slipway.controller;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.MalformedValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares the raw JSON of an object's {@code spec} and {@code status} with the JSON types the API classes declare (as
 * Jackson sees them), and takes out every value of the wrong type: a property is removed, a list item or map value
 * becomes null. What remains deserialises without coercion or error, and each removal is reported as a
 * {@link MalformedValue} with its field path.
 *
 * <p>Why compare types here instead of catching Jackson's errors: Jackson silently coerces many wrong types (7 into
 * "7", "2" into 2, 2.5 into 2), which a real API server refuses and validation would then judge as if the user had
 * written them; and the errors it does raise do not all pass through a problem handler (an int overflow does not).
 * Checking the tree first gives one rule for all cases: the type the API declares, or absent.
 *
 * <p>Only our API types are checked; values of other types (Fabric8's, e.g. {@link IntOrString}'s accepted forms
 * aside) are left to Jackson. Unknown properties are not type errors: a real API server prunes them.
 */
final class MalformedValueFinder {
    private static final String API_PACKAGE = "io.slipway.api";
    private static final int MAX_SHOWN = 40;

    private final DeserializationConfig config;
    private final Map<JavaType, Map<String, JavaType>> properties = new ConcurrentHashMap<>();

    MalformedValueFinder(DeserializationConfig config) {
        this.config = config;
    }

    /** Checks {@code spec} and {@code status} of {@code root} (the JSON of a {@code rootType}); removes and returns what is malformed. */
    List<MalformedValue> prune(ObjectNode root, JavaType rootType) {
        List<MalformedValue> found = new ArrayList<>();
        Map<String, JavaType> props = propertiesOf(rootType);
        for (String name : List.of("spec", "status")) {
            JavaType type = props.get(name);
            JsonNode value = root.get(name);
            if (type != null && value != null && !check(value, type, name, found)) {
                root.remove(name);
            }
        }
        return found;
    }

    /** False when {@code node} itself has the wrong type (the caller removes it); fixes what is wrong below it. */
    private boolean check(JsonNode node, JavaType type, String path, List<MalformedValue> found) {
        if (node.isNull()) {
            return true; // null is absent, as on a real API server; required fields are validation's business
        }
        Expected expected = expected(type);
        if (!expected.accepts(node, type)) {
            found.add(new MalformedValue(path, expected.describe(type, node), describe(node)));
            return false;
        }
        switch (expected) {
            case LIST -> {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    if (!check(array.get(i), type.getContentType(), path + "[" + i + "]", found)) {
                        array.set(i, NullNode.getInstance());
                    }
                }
            }
            case MAP -> {
                ObjectNode object = (ObjectNode) node;
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!check(object.get(key), type.getContentType(), path + "[" + key + "]", found)) {
                        object.putNull(key);
                    }
                }
            }
            case OBJECT -> {
                ObjectNode object = (ObjectNode) node;
                Map<String, JavaType> props = propertiesOf(type);
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JavaType propertyType = props.get(field.getKey());
                    if (propertyType != null && !check(field.getValue(), propertyType, path + "." + field.getKey(), found)) {
                        it.remove();
                    }
                }
            }
            default -> {
            }
        }
        return true;
    }

    private Map<String, JavaType> propertiesOf(JavaType type) {
        return properties.computeIfAbsent(type, t -> {
            Map<String, JavaType> props = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : config.introspect(t).findProperties()) {
                if (p.couldDeserialize()) {
                    props.put(p.getName(), p.getPrimaryType());
                }
            }
            return props;
        });
    }

    /** The JSON type the API declares for a Java type. */
    private enum Expected {
        STRING, INTEGER, NUMBER, BOOLEAN, INT_OR_STRING, LIST, MAP, OBJECT, ANY;

        boolean accepts(JsonNode node, JavaType type) {
            return switch (this) {
                case STRING -> node.isTextual();
                case INTEGER -> node.isIntegralNumber() && fits(node, type.getRawClass());
                case NUMBER -> node.isNumber();
                case BOOLEAN -> node.isBoolean();
                case INT_OR_STRING -> node.isTextual() || (node.isIntegralNumber() && node.canConvertToInt());
                case LIST -> node.isArray();
                case MAP, OBJECT -> node.isObject();
                case ANY -> true;
            };
        }

        String describe(JavaType type, JsonNode node) {
            return switch (this) {
                case STRING -> "a string";
                case INTEGER -> node.isIntegralNumber() ? "an integer from " + min(type.getRawClass()) + " to " + max(type.getRawClass()) : "an integer";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean (true or false)";
                case INT_OR_STRING -> "an integer or a string";
                case LIST -> "a list" + ofItems(type.getContentType());
                case MAP -> "a map" + ofItems(type.getContentType());
                case OBJECT -> "an object";
                case ANY -> "any value";
            };
        }

        private static String ofItems(JavaType item) {
            return switch (expected(item)) {
                case STRING -> " of strings";
                case INTEGER -> " of integers";
                case OBJECT -> " of objects";
                default -> "";
            };
        }

        /** Jackson fails (with no problem handler to ask) on an integer out of its Java type's range. */
        private static boolean fits(JsonNode node, Class<?> raw) {
            if (!node.canConvertToLong()) {
                return false;
            }
            long value = node.longValue();
            return value >= min(raw) && value <= max(raw);
        }

        private static long min(Class<?> raw) {
            return raw == Long.class || raw == long.class ? Long.MIN_VALUE : raw == Short.class || raw == short.class ? Short.MIN_VALUE : Integer.MIN_VALUE;
        }

        private static long max(Class<?> raw) {
            return raw == Long.class || raw == long.class ? Long.MAX_VALUE : raw == Short.class || raw == short.class ? Short.MAX_VALUE : Integer.MAX_VALUE;
        }
    }

    private static Expected expected(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (IntOrString.class.isAssignableFrom(raw)) {
            return Expected.INT_OR_STRING;
        }
        if (raw == String.class || raw.isEnum()) {
            return Expected.STRING;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Expected.BOOLEAN;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class || raw == short.class) {
            return Expected.INTEGER;
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return Expected.NUMBER;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return Expected.LIST;
        }
        if (type.isMapLikeType()) {
            return Expected.MAP;
        }
        if (raw.getPackageName().equals(API_PACKAGE)) {
            return Expected.OBJECT;
        }
        return Expected.ANY;
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
            return "string \"" + shown.replace("\"", "\\\"") + "\"";
        }
        if (node.isNumber()) {
            String number = node.asText();
            return "number " + (number.length() > MAX_SHOWN ? number.substring(0, MAX_SHOWN) + "..." : number);
        }
        if (node.isBoolean()) {
            return "boolean " + node.booleanValue();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
