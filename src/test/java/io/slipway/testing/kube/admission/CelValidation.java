package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a CRD's {@code x-kubernetes-validations} rules on a custom resource as the API server does: each rule
 * on the value of the schema node it sits on ({@code self}; at the root with apiVersion, kind and metadata.name /
 * generateName only), for every value present; transition rules (those using {@code oldSelf}) only on update and
 * only where an old value correlates (object properties, map values, items of map lists). A false rule is an
 * error at the rule's node (or its {@code fieldPath}), typed by its {@code reason}, with the
 * {@code messageExpression}'s result, else the {@code message}, else {@code failed rule: <rule>}. On update, a
 * failing rule that does not use {@code oldSelf} on an unchanged value is a warning only (ratcheting).
 */
final class CelValidation {
    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

    private final CelRules cel;
    private final List<FieldError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    CelValidation(CelRules cel) {
        this.cel = cel;
    }

    List<FieldError> errors() {
        return errors;
    }

    List<String> warnings() {
        return warnings;
    }

    /** Validates a whole custom resource; {@code old} is the stored object on update, null on create. */
    CelValidation validate(JsonNode object, JsonNode old, JsonNode schema) {
        if (schema != null && !schema.isMissingNode()) {
            rules(rootView(object), old == null ? null : rootView(old), schema, null);
            schema.path("properties").properties().forEach(p -> {
                if (!p.getKey().equals("metadata")) child(object, old, p.getKey(), p.getValue(), null);
            });
        }
        return this;
    }

    private void value(JsonNode value, JsonNode old, JsonNode schema, String path) {
        if (value == null || value.isNull()) {
            return;
        }
        rules(value, old, schema, path);
        if (value.isObject()) {
            JsonNode additional = schema.get("additionalProperties");
            value.properties().forEach(field -> {
                JsonNode fieldSchema = schema.path("properties").get(field.getKey());
                if (fieldSchema != null) {
                    child(value, old, field.getKey(), fieldSchema, path);
                } else if (additional != null && additional.isObject()) {
                    JsonNode oldValue = old != null && old.isObject() ? old.get(field.getKey()) : null;
                    value(field.getValue(), oldValue, additional, (path == null ? "" : path) + "[" + field.getKey() + "]");
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                value(value.get(i), ListCorrelation.oldItem(schema, value.get(i), old), schema.get("items"), path + "[" + i + "]");
            }
        }
    }

    private void child(JsonNode parent, JsonNode oldParent, String name, JsonNode schema, String parentPath) {
        JsonNode oldValue = oldParent != null && oldParent.isObject() ? oldParent.get(name) : null;
        value(parent.get(name), oldValue, schema, parentPath == null ? name : parentPath + "." + name);
    }

    private void rules(JsonNode value, JsonNode old, JsonNode schema, String path) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            boolean transition = OLD_SELF.matcher(expression).find();
            if (expression.isBlank() || (transition && (old == null || old.isNull()))) {
                continue;
            }
            Map<String, Object> vars = new HashMap<>();
            vars.put("self", CelValues.of(value));
            if (old != null && !old.isNull()) {
                vars.put("oldSelf", CelValues.of(old));
            }
            String type = schema.path("type").asText("");
            String at = path == null ? FieldError.NO_FIELD : path;
            boolean passed;
            try {
                passed = cel.rule(expression, vars);
            } catch (CelRules.CompileError e) {
                errors.add(FieldError.invalid(at, type, "rule compile error: " + e.getMessage()));
                continue;
            } catch (CelEvaluationException e) {
                FieldError error = FieldError.invalid(at, type, e.getMessage() + " evaluating rule: " + errorString(rule));
                // An unchanged value the rule cannot even be evaluated on (one of the wrong type, stored under an older
                // schema) does not refuse an update that leaves it alone, such as adding a finalizer.
                if (old != null && old.equals(value)) {
                    warnings.add(error.toString());
                } else {
                    errors.add(error);
                }
                continue;
            }
            if (passed) {
                continue;
            }
            FieldError error = failure(rule, fieldPath(path, rule.path("fieldPath").asText("")), type, vars);
            if (ratcheted(transition, old, value)) {
                warnings.add(error.toString());
            } else {
                errors.add(error);
            }
        }
    }

    /** Validation ratcheting: a rule without oldSelf that fails on a value the update leaves unchanged does not refuse it. */
    private static boolean ratcheted(boolean transition, JsonNode old, JsonNode value) {
        return !transition && old != null && old.equals(value);
    }

    private FieldError failure(JsonNode rule, String path, String type, Map<String, Object> vars) {
        String detail = null;
        String messageExpression = rule.path("messageExpression").asText("");
        if (!messageExpression.isEmpty()) {
            try {
                String message = cel.message(messageExpression, vars);
                if (!message.isBlank() && !message.contains("\n")) detail = message;
            } catch (CelRules.CompileError | CelEvaluationException | ClassCastException e) {
                // the API server falls back to message when the message expression fails
            }
        }
        if (detail == null) {
            String message = rule.path("message").asText("").trim();
            detail = message.isEmpty() ? "failed rule: " + errorString(rule) : message;
        }
        return switch (rule.path("reason").asText("")) {
            case "FieldValueForbidden" -> FieldError.forbidden(path, detail);
            case "FieldValueRequired" -> FieldError.required(path, detail);
            case "FieldValueDuplicate" -> FieldError.duplicate(path, type);
            default -> FieldError.invalid(path, type, detail);
        };
    }

    private static String errorString(JsonNode rule) {
        String message = rule.path("message").asText("").trim();
        return message.isEmpty() ? rule.path("rule").asText().trim() : message;
    }

    /** The rule's fieldPath ({@code .a.b}, {@code .a['k']}) appended to the node's path. */
    static String fieldPath(String path, String fieldPath) {
        StringBuilder out = new StringBuilder(path == null ? "" : path);
        var matcher = Pattern.compile("\\.([^.\\[]+)|\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[([^\\]]*)\\]").matcher(fieldPath);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(matcher.group(1));
            } else {
                out.append('[').append(matcher.group(2) != null ? matcher.group(2).replace("\\'", "'") : matcher.group(3)).append(']');
            }
        }
        return out.isEmpty() ? FieldError.NO_FIELD : out.toString();
    }

    /** At the root, rules see apiVersion, kind and only metadata.name and metadata.generateName. */
    private static JsonNode rootView(JsonNode object) {
        ObjectNode view = ((ObjectNode) object).deepCopy();
        JsonNode metadata = object.path("metadata");
        ObjectNode visible = view.putObject("metadata");
        for (String field : List.of("name", "generateName")) {
            if (metadata.hasNonNull(field)) visible.set(field, metadata.get(field));
        }
        return view;
    }

    /** Plain Java values as cel-java binds them: maps, lists, long, double, string, boolean. */
    static final class CelValues {
        private CelValues() {
        }

        static Object of(JsonNode node) {
            if (node.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> {
                    if (!e.getValue().isNull()) map.put(e.getKey(), of(e.getValue()));
                });
                return map;
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>();
                node.forEach(item -> list.add(of(item)));
                return list;
            }
            if (node.isIntegralNumber()) return node.asLong();
            if (node.isNumber()) return node.doubleValue();
            if (node.isBoolean()) return node.booleanValue();
            if (node.isNull()) return com.google.protobuf.NullValue.NULL_VALUE;
            return node.asText();
        }
    }
}
