package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.testing.kube.ApiResourceType.PrinterColumn;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side printing: turns objects into a {@code meta.k8s.io/v1 Table}, which is what {@code kubectl get}
 * asks for and shows. Columns come from the CRD's additionalPrinterColumns (or the built-in kind's list),
 * preceded by Name, with date columns rendered as ages as the API server does.
 */
final class TableConverter {
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. "
            + "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    private TableConverter() {
    }

    /** True when the client asked for server-side printing ({@code Accept: application/json;as=Table;...}). */
    static boolean requested(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /** The Table answering a GET whose plain answer is {@code body}: an object, or a list when {@code list}. */
    static ObjectNode forAnswer(Optional<ApiResourceType> type, JsonNode body, boolean list, String includeObject, Instant now) {
        List<JsonNode> objects = new ArrayList<>();
        if (list) {
            body.path("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        List<PrinterColumn> columns = type.map(ApiResourceType::columns).orElse(List.of(PrinterColumn.age()));
        String resourceVersion = list ? JsonNodes.text(body, "metadata", "resourceVersion") : null;
        return table(columns, objects, resourceVersion, includeObject, now);
    }

    /**
     * @param includeObject the request's {@code includeObject} parameter: None, Metadata (default) or Object
     */
    static ObjectNode table(List<PrinterColumn> columns, List<JsonNode> objects, String resourceVersion,
                            String includeObject, Instant now) {
        ObjectNode table = JsonNodes.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", NAME_DESCRIPTION).put("priority", 0);
        for (PrinterColumn column : columns) {
            definitions.addObject().put("name", column.name()).put("type", column.type()).put("format", column.format())
                    .put("description", column.description()).put("priority", column.priority());
        }
        List<ColumnJsonPath> paths = columns.stream().map(c -> ColumnJsonPath.parse(c.jsonPath())).toList();
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (int i = 0; i < columns.size(); i++) {
                List<JsonNode> found = paths.get(i).find(object);
                cells.add(found.isEmpty() ? null : cell(columns.get(i).type(), found.get(0), now));
            }
            switch (includeObject == null ? "Metadata" : includeObject) {
                case "None" -> { }
                case "Object" -> row.set("object", object.deepCopy());
                default -> {
                    ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                            .put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", object.path("metadata").deepCopy());
                }
            }
        }
        return table;
    }

    private static JsonNode cell(String type, JsonNode value, Instant now) {
        var factory = JsonNodes.MAPPER.getNodeFactory();
        return switch (type) {
            case "integer" -> value.isNumber() ? factory.numberNode(value.asLong()) : factory.nullNode();
            case "number" -> value.isNumber() ? value : factory.nullNode();
            case "boolean" -> value.isBoolean() ? value : factory.nullNode();
            case "date" -> value.isTextual() ? factory.textNode(age(value.asText(), now)) : factory.nullNode();
            default -> factory.textNode(value.isValueNode() ? value.asText() : JsonNodes.write(value));
        };
    }

    /** An age the way kubectl shows it: 45s, 3m20s, 25m, 5h10m, 30h, 3d4h, 120d, 3y. */
    static String age(String timestamp, Instant now) {
        Instant then;
        try {
            then = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
        long seconds = Duration.between(then, now).getSeconds();
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return seconds + "s";
        long minutes = seconds / 60;
        if (minutes < 10) return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        if (minutes < 180) return minutes + "m";
        long hours = minutes / 60;
        if (hours < 8) return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        if (hours < 48) return hours + "h";
        long days = hours / 24;
        if (days < 8) return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
        if (days < 365 * 2) return days + "d";
        long years = days / 365;
        if (years < 8) return days % 365 == 0 ? years + "y" : years + "y" + days % 365 + "d";
        return years + "y";
    }
}
