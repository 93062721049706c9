package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Every property of a CRD's openAPIV3Schema at every depth (through array items and map values), with its path. */
public final class SchemaProperties {

    /**
     * One property.
     *
     * @param path   e.g. {@code spec.subnets[*].cidr} or {@code spec.cloudLabels}
     * @param schema its schema node
     */
    public record Property(String path, JsonNode schema) {
        @Override
        public String toString() {
            return path;
        }
    }

    private SchemaProperties() {
    }

    public static List<Property> of(String crdFile) {
        List<Property> out = new ArrayList<>();
        collect(SchemaDefaulting.rootSchema(crdFile), "", out);
        return out;
    }

    private static void collect(JsonNode schema, String path, List<Property> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String childPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            out.add(new Property(childPath, property.getValue()));
            collect(property.getValue(), childPath, out);
        }
        if (schema.has("items")) {
            collect(schema.get("items"), path + "[*]", out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(schema.get("additionalProperties"), path + "{*}", out);
        }
    }
}
