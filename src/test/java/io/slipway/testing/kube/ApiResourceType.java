package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One resource type the mock API serves, as discovery describes it; {@code schema} is the CRD's
 * openAPIV3Schema (null for built-in kinds, which the mock stores as they come).
 */
record ApiResourceType(String group, String version, String plural, String singular, String kind, boolean namespaced,
                       List<String> shortNames, List<String> categories, List<String> verbs,
                       List<Subresource> subresources, List<PrinterColumn> columns, JsonNode schema) {

    static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The name the API uses in messages, e.g. {@code clusters.slipway.io} or {@code pods}. */
    String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    /** A Table column; {@code jsonPath} is evaluated against the object. */
    record PrinterColumn(String name, String type, String format, String description, int priority, String jsonPath) {
        static PrinterColumn of(String name, String type, String jsonPath) {
            return new PrinterColumn(name, type, "", "", 0, jsonPath);
        }

        static PrinterColumn wide(String name, String type, String jsonPath) {
            return new PrinterColumn(name, type, "", "", 1, jsonPath);
        }

        static PrinterColumn age() {
            return new PrinterColumn("Age", "date", "", "", 0, ".metadata.creationTimestamp");
        }
    }
}
