package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI checks the API server makes on a custom resource against its CRD's structural schema (kube-openapi's
 * validator and {@code ValidateCustomResource}, with their messages): type, {@code x-kubernetes-int-or-string},
 * required, enum, pattern, minLength/maxLength, minimum/maximum (exclusive too), multipleOf, minItems/maxItems,
 * minProperties/maxProperties, and the uniqueness of {@code x-kubernetes-list-type} set items and map keys.
 * <p>
 * On update, a value equal to its old counterpart is not checked (validation ratcheting, on by default since
 * Kubernetes 1.30): an object stored under an older schema can still have its status or another field changed.
 */
final class SchemaValidation {
    private static final Set<String> NOT_IN_SCHEMA_AT_ROOT = Set.of("apiVersion", "kind", "metadata");
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final List<FieldError> errors = new ArrayList<>();

    private SchemaValidation() {
    }

    /** {@code old} is the stored object on update, null on create. */
    static List<FieldError> validate(JsonNode object, JsonNode old, JsonNode schema) {
        SchemaValidation validation = new SchemaValidation();
        if (schema != null && !schema.isMissingNode()) {
            validation.object(object, old, schema, "", NOT_IN_SCHEMA_AT_ROOT);
        }
        return validation.errors;
    }

    private void value(JsonNode value, JsonNode old, JsonNode schema, String path) {
        if (old != null && value.equals(old)) {
            return;
        }
        String actual = typeOf(value);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!actual.equals("integer") && !actual.equals("string")) {
                errors.add(typeError(path, "integer,string", actual));
                return;
            }
        } else if (schema.has("type")) {
            String expected = schema.get("type").asText();
            boolean nullAllowed = actual.equals("null") && schema.path("nullable").asBoolean(false);
            if (!nullAllowed && !expected.equals(actual) && !(expected.equals("number") && actual.equals("integer"))) {
                errors.add(typeError(path, expected, actual));
                return;
            }
        }
        if (value.isNull()) {
            return;
        }
        enumeration(value, schema, path);
        if (value.isTextual()) {
            string(value.asText(), schema, path);
        } else if (value.isNumber()) {
            number(value, schema, path);
        } else if (value.isArray()) {
            array(value, old, schema, path);
        } else if (value.isObject()) {
            object(value, old, schema, path, Set.of());
        }
    }

    private static FieldError typeError(String path, String expected, String actual) {
        return FieldError.typeInvalid(path, actual, path + " in body must be of type " + expected + ": " + FieldError.quote(actual));
    }

    private void enumeration(JsonNode value, JsonNode schema, String path) {
        JsonNode allowed = schema.get("enum");
        if (allowed == null || !allowed.isArray()) {
            return;
        }
        for (JsonNode option : allowed) {
            if (option.equals(value)) return;
        }
        List<String> supported = new ArrayList<>();
        allowed.forEach(o -> supported.add(o.isTextual() ? o.asText() : o.toString()));
        errors.add(FieldError.notSupported(path, value, supported));
    }

    private void string(String s, JsonNode schema, String path) {
        long length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
            errors.add(FieldError.tooLong(path, schema.get("maxLength").asLong()));
        }
        if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
            errors.add(FieldError.invalid(path, s, path + " in body should be at least " + schema.get("minLength").asLong()
                    + " chars long"));
        }
        if (schema.has("pattern")) {
            String regex = schema.get("pattern").asText();
            if (!PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(s).find()) {
                errors.add(FieldError.invalid(path, s, path + " in body should match '" + regex + "'"));
            }
        }
    }

    private void number(JsonNode value, JsonNode schema, String path) {
        double v = value.doubleValue();
        Object shown = value.isIntegralNumber() ? (Object) value.asLong() : (Object) v;
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? v >= max : v > max) {
                errors.add(FieldError.invalid(path, shown, path + " in body should be less than " + (exclusive ? "" : "or equal to ")
                        + bound(max)));
            }
        }
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v <= min : v < min) {
                errors.add(FieldError.invalid(path, shown, path + " in body should be greater than " + (exclusive ? "" : "or equal to ")
                        + bound(min)));
            }
        }
        if (schema.has("multipleOf")) {
            double factor = schema.get("multipleOf").asDouble();
            if (factor > 0 && Math.abs(v / factor - Math.rint(v / factor)) > 1e-9) {
                errors.add(FieldError.invalid(path, shown, path + " in body should be a multiple of " + bound(factor)));
            }
        }
    }

    private static String bound(double b) {
        return b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
    }

    private void array(JsonNode array, JsonNode old, JsonNode schema, String path) {
        int size = array.size();
        if (schema.has("maxItems") && size > schema.get("maxItems").asLong()) {
            errors.add(FieldError.tooMany(path, size, schema.get("maxItems").asLong()));
        }
        if (schema.has("minItems") && size < schema.get("minItems").asLong()) {
            errors.add(FieldError.invalid(path, (long) size, path + " in body should have at least "
                    + schema.get("minItems").asLong() + " items"));
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < size; i++) {
                value(array.get(i), ListCorrelation.oldItem(schema, array.get(i), old), items, path + "[" + i + "]");
            }
        }
        listTypeUniqueness(array, schema, path);
    }

    /** {@code x-kubernetes-list-type: set} items and {@code map} keys are unique (structurallisttype). */
    private void listTypeUniqueness(JsonNode array, JsonNode schema, String path) {
        String listType = schema.path("x-kubernetes-list-type").asText("");
        if (!listType.equals("set") && !listType.equals("map")) {
            return;
        }
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode identity = listType.equals("set") ? array.get(i) : ListCorrelation.key(schema, array.get(i));
            if (identity != null && !seen.add(identity)) {
                errors.add(FieldError.duplicate(path + "[" + i + "]", identity.isObject() ? identity : array.get(i)));
            }
        }
    }

    private void object(JsonNode object, JsonNode old, JsonNode schema, String path, Set<String> skipped) {
        for (JsonNode required : schema.path("required")) {
            JsonNode present = object.get(required.asText());
            if (present == null) {
                errors.add(FieldError.required(child(path, required.asText()), ""));
            }
        }
        int count = object.size() - (int) skipped.stream().filter(object::has).count();
        if (schema.has("maxProperties") && count > schema.get("maxProperties").asLong()) {
            errors.add(FieldError.tooMany(path, count, schema.get("maxProperties").asLong()));
        }
        if (schema.has("minProperties") && count < schema.get("minProperties").asLong()) {
            errors.add(FieldError.invalid(path, schema.get("minProperties").asLong(), path + " in body should have at least "
                    + schema.get("minProperties").asLong() + " properties"));
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        object.properties().forEach(field -> {
            if (skipped.contains(field.getKey())) return;
            JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey())
                    : additional != null && additional.isObject() ? additional : null;
            if (fieldSchema != null) {
                JsonNode oldValue = old != null && old.isObject() ? old.get(field.getKey()) : null;
                value(field.getValue(), oldValue, fieldSchema, child(path, field.getKey()));
            }
        });
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The JSON type as the OpenAPI validator names it; an integral double counts as an integer, as in Go. */
    static String typeOf(JsonNode value) {
        if (value.isTextual()) return "string";
        if (value.isBoolean()) return "boolean";
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return value.doubleValue() == Math.rint(value.doubleValue()) ? "integer" : "number";
        if (value.isArray()) return "array";
        if (value.isObject()) return "object";
        return "null";
    }
}
