package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code spec.nodeName=node-1,status.phase!=Succeeded}). The mock store matches only
 * metadata.name and metadata.namespace; every other field is checked here against the object's JSON, so any field
 * works (a real API server allows only the fields each kind indexes, e.g. spec.nodeName for pods).
 */
record FieldSelector(String storeSelector, List<Requirement> requirements) {

    record Requirement(String[] path, boolean equal, String value) {
    }

    static FieldSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return new FieldSelector("", List.of());
        }
        List<String> forStore = new ArrayList<>();
        List<Requirement> requirements = new ArrayList<>();
        for (String part : selector.split(",")) {
            String term = part.trim();
            boolean notEqual = term.contains("!=");
            String[] kv = notEqual ? term.split("!=", 2) : term.split("==?", 2);
            if (kv.length != 2) {
                throw new ApiException(400, "BadRequest", "invalid field selector: " + selector);
            }
            String key = kv[0].trim();
            if (!notEqual && (key.equals("metadata.name") || key.equals("metadata.namespace"))) {
                forStore.add(key + "=" + kv[1].trim());
            } else {
                requirements.add(new Requirement(key.split("\\."), !notEqual, kv[1].trim()));
            }
        }
        return new FieldSelector(String.join(",", forStore), requirements);
    }

    boolean matches(JsonNode object) {
        for (Requirement requirement : requirements) {
            JsonNode value = object;
            for (String step : requirement.path()) {
                value = value.path(step);
            }
            String actual = value.isValueNode() ? value.asText() : "";
            if (actual.equals(requirement.value()) != requirement.equal()) {
                return false;
            }
        }
        return true;
    }

    /** Checks the metadata.name/namespace terms too (watch events do not pass through the store's query). */
    boolean matchesEveryTerm(JsonNode object) {
        if (!matches(object)) {
            return false;
        }
        for (String term : storeSelector.isEmpty() ? new String[0] : storeSelector.split(",")) {
            String[] kv = term.split("=", 2);
            if (!kv[1].equals(object.path("metadata").path(kv[0].substring("metadata.".length())).asText())) {
                return false;
            }
        }
        return true;
    }
}
