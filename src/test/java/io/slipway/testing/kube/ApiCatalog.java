package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.testing.kube.ApiResourceType.PrinterColumn;
import io.slipway.testing.kube.ApiResourceType.Subresource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The resource types served right now: the built-in kinds plus every CustomResourceDefinition in the store. */
final class ApiCatalog {
    static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final Supplier<List<JsonNode>> storedCrds;

    ApiCatalog(Supplier<List<JsonNode>> storedCrds) {
        this.storedCrds = storedCrds;
    }

    List<ApiResourceType> types() {
        List<ApiResourceType> types = new ArrayList<>(BuiltInApiResources.ALL);
        for (JsonNode crd : storedCrds.get()) {
            types.addAll(fromCrd(crd));
        }
        return types;
    }

    Optional<ApiResourceType> find(String group, String version, String plural) {
        String g = group == null ? "" : group;
        return types().stream()
                .filter(t -> t.group().equals(g) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    static List<ApiResourceType> fromCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText();
        String plural = names.path("plural").asText();
        String kind = names.path("kind").asText();
        String singular = names.path("singular").asText(kind.toLowerCase(java.util.Locale.ROOT));
        boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
        List<String> shortNames = strings(names.path("shortNames"));
        List<String> categories = strings(names.path("categories"));
        List<ApiResourceType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            String v = version.path("name").asText();
            List<Subresource> subresources = new ArrayList<>();
            if (version.path("subresources").has("status")) {
                subresources.add(new Subresource(plural + "/status", group, v, kind, ApiResourceType.SUBRESOURCE_VERBS));
            }
            if (version.path("subresources").has("scale")) {
                subresources.add(new Subresource(plural + "/scale", "autoscaling", "v1", "Scale", ApiResourceType.SUBRESOURCE_VERBS));
            }
            List<PrinterColumn> columns = new ArrayList<>();
            for (JsonNode column : version.path("additionalPrinterColumns")) {
                columns.add(new PrinterColumn(column.path("name").asText(), column.path("type").asText("string"),
                        column.path("format").asText(""), column.path("description").asText(""),
                        column.path("priority").asInt(0), column.path("jsonPath").asText()));
            }
            if (columns.isEmpty()) {
                columns.add(PrinterColumn.age());
            }
            types.add(new ApiResourceType(group, v, plural, singular, kind, namespaced, shortNames, categories,
                    ApiResourceType.ALL_VERBS, subresources, columns,
                    version.path("schema").path("openAPIV3Schema")));
        }
        return types;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
