package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI documents of the served types, in the shape kubectl reads: v3 one document per group-version
 * ({@code /openapi/v3/apis/<group>/<version>}, listed by the {@code /openapi/v3} index) and v2 as one document.
 * <p>
 * A custom resource's schema is its CRD's {@code openAPIV3Schema} with {@code apiVersion}, {@code kind} and
 * {@code metadata} filled in, as a real API server publishes it ({@code kubectl explain} reads it). Built-in kinds
 * get a skeleton: the mock stores them without a schema, so it publishes none it does not enforce.
 * <p>
 * Every PATCH operation lists the {@code fieldValidation} parameter: from it kubectl learns that the server
 * validates fields itself, and then it neither validates on the client nor needs the protobuf v2 document.
 * PATCH bodies list apply, JSON and merge patch but not strategic merge: kubectl would compute a strategic merge
 * patch from the published schema, and a skeleton has no merge keys; without it kubectl uses its compiled-in types.
 */
final class OpenApiDocuments {
    static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String V3_REFS = "#/components/schemas/";
    private static final String V2_REFS = "#/definitions/";
    private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml", "application/json-patch+json",
            "application/merge-patch+json");

    private final List<ApiResourceType> types;
    private final String kubernetesVersion;

    OpenApiDocuments(List<ApiResourceType> types, String kubernetesVersion) {
        this.types = types;
        this.kubernetesVersion = kubernetesVersion;
    }

    /** {@code GET /openapi/v3}: each group-version (e.g. {@code apis/slipway.io/v1alpha1}) with a content-hashed URL. */
    ObjectNode v3Index() {
        ObjectNode index = JsonNodes.object();
        ObjectNode paths = index.putObject("paths");
        for (String groupVersion : groupVersionPaths()) {
            paths.putObject(groupVersion).put("serverRelativeURL",
                    "/openapi/v3/" + groupVersion + "?hash=" + hash(v3(groupVersion).orElseThrow()));
        }
        return index;
    }

    /** {@code GET /openapi/v3/<groupVersionPath>}, e.g. {@code api/v1} or {@code apis/slipway.io/v1alpha1}. */
    Optional<ObjectNode> v3(String groupVersionPath) {
        List<ApiResourceType> inGroupVersion = types.stream().filter(t -> groupVersionPath(t).equals(groupVersionPath)).toList();
        if (inGroupVersion.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = JsonNodes.object().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v" + kubernetesVersion);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        schemas.set(OBJECT_META, objectMeta());
        for (ApiResourceType type : inGroupVersion) {
            schemas.set(schemaName(type), schema(type, V3_REFS));
            schemas.set(schemaName(type) + "List", listSchema(type, V3_REFS));
            addPaths(paths, type, true);
        }
        return Optional.of(doc);
    }

    /** {@code GET /openapi/v2} (as JSON; kubectl asks for protobuf only, see {@link OpenApiEndpoints}). */
    ObjectNode v2() {
        ObjectNode doc = JsonNodes.object().put("swagger", "2.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v" + kubernetesVersion);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode definitions = doc.putObject("definitions");
        definitions.set(OBJECT_META, objectMeta());
        for (ApiResourceType type : types) {
            definitions.set(schemaName(type), schema(type, V2_REFS));
            definitions.set(schemaName(type) + "List", listSchema(type, V2_REFS));
            addPaths(paths, type, false);
        }
        return doc;
    }

    /** The name a real API server gives the type's schema: {@code io.slipway.v1alpha1.Cluster}, {@code io.k8s.api.apps.v1.Deployment}. */
    static String schemaName(ApiResourceType type) {
        if (type.schema() == null) {
            String group = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
            return "io.k8s.api." + group + "." + type.version() + "." + type.kind();
        }
        List<String> reversed = new java.util.ArrayList<>(List.of(type.group().split("\\.")));
        java.util.Collections.reverse(reversed);
        return String.join(".", reversed) + "." + type.version() + "." + type.kind();
    }

    private Set<String> groupVersionPaths() {
        Set<String> paths = new LinkedHashSet<>();
        types.forEach(t -> paths.add(groupVersionPath(t)));
        return paths;
    }

    private static String groupVersionPath(ApiResourceType type) {
        return type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
    }

    private static ObjectNode schema(ApiResourceType type, String refs) {
        ObjectNode schema;
        if (type.schema() instanceof ObjectNode crdSchema) {
            schema = crdSchema.deepCopy();
        } else {
            schema = JsonNodes.object().put("description", type.kind()
                    + ": a built-in kind, stored by the embedded test API without a schema.").put("type", "object");
            schema.put("x-kubernetes-preserve-unknown-fields", true);
        }
        ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        properties.putObject("apiVersion").put("type", "string").put("description", "APIVersion defines the versioned "
                + "schema of this representation of an object. Servers should convert recognized schemas to the latest "
                + "internal value, and may reject unrecognized values.");
        properties.putObject("kind").put("type", "string").put("description", "Kind is a string value representing the "
                + "REST resource this object represents. Servers may infer this from the endpoint the client submits "
                + "requests to. Cannot be updated. In CamelCase.");
        ObjectNode metadata = properties.putObject("metadata").put("description", "Standard object's metadata.");
        metadata.putArray("allOf").addObject().put("$ref", refs + OBJECT_META);
        gvk(schema.putArray("x-kubernetes-group-version-kind").addObject(), type, type.kind());
        return schema;
    }

    private static ObjectNode listSchema(ApiResourceType type, String refs) {
        ObjectNode list = JsonNodes.object().put("description", type.kind() + "List is a list of " + type.kind())
                .put("type", "object");
        list.putArray("required").add("items");
        ObjectNode properties = list.putObject("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        ObjectNode items = properties.putObject("items").put("type", "array");
        items.putObject("items").put("$ref", refs + schemaName(type));
        gvk(list.putArray("x-kubernetes-group-version-kind").addObject(), type, type.kind() + "List");
        return list;
    }

    private static ObjectNode objectMeta() {
        ObjectNode meta = JsonNodes.object().put("description", "ObjectMeta is metadata that all persisted resources "
                + "must have, which includes all objects users must create.").put("type", "object");
        ObjectNode properties = meta.putObject("properties");
        property(properties, "name", "string", "Name must be unique within a namespace. Cannot be updated.");
        property(properties, "namespace", "string", "Namespace defines the space within which each name must be unique.");
        property(properties, "generateName", "string", "An optional prefix, used by the server to generate a unique name "
                + "only if the Name field has not been provided.");
        property(properties, "uid", "string", "UID is the unique in time and space value for this object. Read-only.");
        property(properties, "resourceVersion", "string", "An opaque value that represents the internal version of this "
                + "object, used for optimistic concurrency. Read-only.");
        property(properties, "generation", "integer", "A sequence number representing a specific generation of the "
                + "desired state. Read-only.");
        property(properties, "creationTimestamp", "string", "The time this object was created. Read-only.");
        property(properties, "deletionTimestamp", "string", "The time at which this resource will be deleted, set by "
                + "the server when a graceful deletion is requested. Read-only.");
        for (String map : List.of("labels", "annotations")) {
            ObjectNode field = property(properties, map, "object", "Map of string keys and values: "
                    + (map.equals("labels") ? "labels to organize and select objects." : "arbitrary metadata, not queryable."));
            field.putObject("additionalProperties").put("type", "string");
        }
        ObjectNode finalizers = property(properties, "finalizers", "array", "Must be empty before the object is deleted "
                + "from the registry.");
        finalizers.putObject("items").put("type", "string");
        ObjectNode owners = property(properties, "ownerReferences", "array", "The objects this object depends on.");
        owners.putObject("items").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        return meta;
    }

    private static ObjectNode property(ObjectNode properties, String name, String type, String description) {
        return properties.putObject(name).put("type", type).put("description", description);
    }

    private static void addPaths(ObjectNode paths, ApiResourceType type, boolean v3) {
        String prefix = "/" + groupVersionPath(type) + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        ObjectNode collection = path(paths, prefix, type, false, v3);
        collection.set("get", operation(type, "list", type.kind() + "List", v3));
        collection.set("post", operation(type, "post", type.kind(), v3));
        collection.set("delete", operation(type, "deletecollection", type.kind(), v3));
        ObjectNode item = path(paths, prefix + "/{name}", type, true, v3);
        for (String action : List.of("get", "put", "patch", "delete")) {
            item.set(action, operation(type, action, type.kind(), v3));
        }
        for (ApiResourceType.Subresource subresource : type.subresources()) {
            if (subresource.kind().equals(type.kind()) && subresource.group().equals(type.group())) {
                String name = subresource.name().substring(subresource.name().indexOf('/') + 1);
                ObjectNode sub = path(paths, prefix + "/{name}/" + name, type, true, v3);
                for (String action : List.of("get", "put", "patch")) {
                    sub.set(action, operation(type, action, type.kind(), v3));
                }
            }
        }
        if (type.namespaced()) {
            ObjectNode all = path(paths, "/" + groupVersionPath(type) + "/" + type.plural(), type, false, v3);
            all.set("get", operation(type, "list", type.kind() + "List", v3));
        }
    }

    private static ObjectNode path(ObjectNode paths, String path, ApiResourceType type, boolean named, boolean v3) {
        ObjectNode item = paths.putObject(path);
        ArrayNode parameters = item.putArray("parameters");
        if (named) {
            parameter(parameters, "name", "path", "name of the " + type.kind(), v3).put("required", true);
        }
        if (path.contains("{namespace}")) {
            parameter(parameters, "namespace", "path", "object name and auth scope, such as for teams and projects", v3)
                    .put("required", true);
        }
        return item;
    }

    private static ObjectNode operation(ApiResourceType type, String action, String responseKind, boolean v3) {
        ObjectNode operation = JsonNodes.object();
        String verb = switch (action) {
            case "get" -> "read";
            case "post" -> "create";
            case "put" -> "replace";
            case "deletecollection" -> "deletecollection";
            default -> action;
        };
        operation.put("operationId", verb + type.kind());
        operation.put("description", action + " " + type.kind());
        ArrayNode parameters = operation.putArray("parameters");
        List<String> query = switch (action) {
            case "list" -> List.of("labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch", "timeoutSeconds");
            case "post", "put" -> List.of("dryRun", "fieldManager", "fieldValidation");
            case "patch" -> List.of("dryRun", "fieldManager", "fieldValidation", "force");
            case "delete", "deletecollection" -> List.of("dryRun", "gracePeriodSeconds", "propagationPolicy");
            default -> List.of();
        };
        for (String name : query) {
            parameter(parameters, name, "query", queryParameterDescription(name), v3);
        }
        String schemaName = type.kind().equals(responseKind) ? schemaName(type) : schemaName(type) + "List";
        List<String> bodyTypes = switch (action) {
            case "post", "put" -> List.of(ApiResponses.JSON, "application/yaml");
            case "patch" -> PATCH_TYPES;
            default -> List.of();
        };
        String ref = (v3 ? V3_REFS : V2_REFS) + schemaName;
        if (v3) {
            if (!bodyTypes.isEmpty()) {
                ObjectNode content = operation.putObject("requestBody").put("required", true).putObject("content");
                bodyTypes.forEach(t -> content.putObject(t).putObject("schema").put("$ref", ref));
            }
            ObjectNode ok = operation.putObject("responses").putObject("200").put("description", "OK");
            ok.putObject("content").putObject(ApiResponses.JSON).putObject("schema").put("$ref", ref);
        } else {
            if (!bodyTypes.isEmpty()) {
                ArrayNode consumes = operation.putArray("consumes");
                bodyTypes.forEach(consumes::add);
                ObjectNode body = parameters.addObject().put("name", "body").put("in", "body").put("required", true);
                body.putObject("schema").put("$ref", ref);
            }
            operation.putArray("produces").add(ApiResponses.JSON);
            operation.putObject("responses").putObject("200").put("description", "OK").putObject("schema").put("$ref", ref);
        }
        operation.put("x-kubernetes-action", action);
        gvk(operation.putObject("x-kubernetes-group-version-kind"), type, type.kind());
        return operation;
    }

    private static ObjectNode parameter(ArrayNode parameters, String name, String in, String description, boolean v3) {
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", in).put("description", description);
        String type = switch (name) {
            case "limit", "timeoutSeconds", "gracePeriodSeconds" -> "integer";
            case "watch", "force" -> "boolean";
            default -> "string";
        };
        if (v3) {
            parameter.putObject("schema").put("type", type);
        } else {
            parameter.put("type", type);
        }
        return parameter;
    }

    private static String queryParameterDescription(String name) {
        return switch (name) {
            case "fieldValidation" -> "instructs the server on how to handle objects in the request containing unknown "
                    + "or duplicate fields: Ignore, Warn or Strict";
            case "dryRun" -> "when present (All), modifications are not persisted";
            case "fieldManager" -> "a name associated with the actor or entity that is making these changes";
            case "force" -> "force apply requests: re-acquire conflicting fields owned by other people";
            default -> name;
        };
    }

    private static void gvk(ObjectNode node, ApiResourceType type, String kind) {
        node.put("group", type.group()).put("kind", kind).put("version", type.version());
    }

    /** An upper-case hex SHA-512 of the document, as a real server puts in the index so that clients may cache. */
    static String hash(JsonNode document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(JsonNodes.write(document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
