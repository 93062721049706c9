package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops the fields a CRD's structural schema does not know, as the API server does when it stores a custom
 * resource (unless {@code x-kubernetes-preserve-unknown-fields} keeps them). Values are not validated.
 */
final class SchemaPruning {
    private static final Set<String> ALWAYS_KEPT_AT_ROOT = Set.of("apiVersion", "kind", "metadata");

    private SchemaPruning() {
    }

    static void pruneObject(ObjectNode object, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!ALWAYS_KEPT_AT_ROOT.contains(name)) {
                if (!prune(object, name, schema)) unknown.add(name);
            }
        });
        object.remove(unknown);
    }

    /** Prunes the field {@code name} of {@code parent} against the parent's schema; false when the field must go. */
    private static boolean prune(ObjectNode parent, String name, JsonNode parentSchema) {
        JsonNode property = parentSchema.path("properties").get(name);
        if (property == null && parentSchema.path("additionalProperties").isObject()) {
            property = parentSchema.get("additionalProperties");
        }
        if (property == null) {
            return parentSchema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    || parentSchema.path("additionalProperties").asBoolean(false);
        }
        prune(parent.get(name), property);
        return true;
    }

    private static void prune(JsonNode value, JsonNode schema) {
        if (value instanceof ObjectNode object) {
            List<String> unknown = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!prune(object, name, schema)) unknown.add(name);
            });
            object.remove(unknown);
        } else if (value != null && value.isArray() && schema.has("items")) {
            value.forEach(item -> prune(item, schema.get("items")));
        }
    }
}
