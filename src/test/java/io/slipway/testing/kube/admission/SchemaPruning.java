package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops what a CRD's structural schema does not know, as the API server does when it decodes a custom resource:
 * fields the schema does not declare (unless {@code x-kubernetes-preserve-unknown-fields} keeps them) and
 * {@code null}s of fields that are not {@code nullable}. Returns the paths of the unknown fields, for the
 * {@code unknown field "spec.foo"} warning (or the strict-decoding refusal). Values are not validated.
 */
final class SchemaPruning {
    private static final Set<String> ALWAYS_KEPT_AT_ROOT = Set.of("apiVersion", "kind", "metadata");

    private SchemaPruning() {
    }

    static List<String> prune(ObjectNode object, JsonNode schema) {
        List<String> unknown = new ArrayList<>();
        if (schema == null || schema.isMissingNode()) {
            return unknown;
        }
        List<String> dropped = new ArrayList<>();
        object.properties().forEach(field -> {
            if (!ALWAYS_KEPT_AT_ROOT.contains(field.getKey()) && !keep(object, field.getKey(), schema, "", unknown)) {
                dropped.add(field.getKey());
            }
        });
        object.remove(dropped);
        return unknown;
    }

    /** Prunes the field {@code name} of {@code parent} against the parent's schema; false when the field must go. */
    private static boolean keep(ObjectNode parent, String name, JsonNode parentSchema, String parentPath, List<String> unknown) {
        String path = parentPath.isEmpty() ? name : parentPath + "." + name;
        JsonNode property = parentSchema.path("properties").get(name);
        if (property == null && parentSchema.path("additionalProperties").isObject()) {
            property = parentSchema.get("additionalProperties");
        }
        JsonNode value = parent.get(name);
        if (property == null) {
            boolean kept = parentSchema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    || parentSchema.path("additionalProperties").asBoolean(false);
            if (!kept) unknown.add(path);
            return kept;
        }
        if (value.isNull()) {
            return property.path("nullable").asBoolean(false);
        }
        prune(value, property, path, unknown);
        return true;
    }

    private static void prune(JsonNode value, JsonNode schema, String path, List<String> unknown) {
        if (value instanceof ObjectNode object) {
            List<String> dropped = new ArrayList<>();
            object.properties().forEach(field -> {
                if (!keep(object, field.getKey(), schema, path, unknown)) dropped.add(field.getKey());
            });
            object.remove(dropped);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                prune(value.get(i), schema.get("items"), path + "[" + i + "]", unknown);
            }
        }
    }
}
