package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.testing.kube.ApiResourceType.Subresource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Discovery documents, legacy ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList}) and aggregated
 * ({@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}), built from a list of resource types.
 */
final class DiscoveryDocuments {
    static final String AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private final List<ApiResourceType> types;

    DiscoveryDocuments(List<ApiResourceType> types) {
        this.types = types;
    }

    /** {@code GET /api}. */
    ObjectNode coreVersions(String serverAddress) {
        ObjectNode doc = JsonNodes.object().put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return doc;
    }

    /** {@code GET /apis}. */
    ObjectNode groupList() {
        ObjectNode doc = JsonNodes.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (String group : groupNames()) {
            if (!group.isEmpty()) {
                groups.add(group(group).orElseThrow());
            }
        }
        return doc;
    }

    /** {@code GET /apis/<group>}. */
    Optional<ObjectNode> group(String name) {
        List<String> versions = versions(name);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode group = JsonNodes.object().put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
        ArrayNode list = group.putArray("versions");
        for (String v : versions) {
            list.addObject().put("groupVersion", name + "/" + v).put("version", v);
        }
        group.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
        return Optional.of(group);
    }

    /** {@code GET /api/v1} or {@code GET /apis/<group>/<version>}. */
    Optional<ObjectNode> resourceList(String group, String version) {
        List<ApiResourceType> inVersion = types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
        if (inVersion.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = JsonNodes.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", inVersion.get(0).groupVersion());
        ArrayNode resources = doc.putArray("resources");
        for (ApiResourceType t : inVersion) {
            ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) strings(r.putArray("shortNames"), t.shortNames());
            if (!t.categories().isEmpty()) strings(r.putArray("categories"), t.categories());
            for (Subresource s : t.subresources()) {
                ObjectNode sr = resources.addObject().put("name", s.name()).put("singularName", "")
                        .put("namespaced", t.namespaced()).put("kind", s.kind());
                if (!s.group().equals(group) || !s.version().equals(version)) {
                    sr.put("group", s.group()).put("version", s.version());
                }
                strings(sr.putArray("verbs"), s.verbs());
            }
        }
        return Optional.of(doc);
    }

    /** {@code GET /api} (core only) or {@code GET /apis} (all named groups) in the aggregated form. */
    ObjectNode aggregated(boolean core) {
        ObjectNode doc = JsonNodes.object().put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        doc.putObject("metadata");
        ArrayNode items = doc.putArray("items");
        for (String group : groupNames()) {
            if (group.isEmpty() != core) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.putObject("metadata").put("name", group);
            ArrayNode versions = item.putArray("versions");
            for (String version : versions(group)) {
                ObjectNode v = versions.addObject().put("version", version).put("freshness", "Current");
                ArrayNode resources = v.putArray("resources");
                types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).forEach(t -> {
                    ObjectNode r = resources.addObject().put("resource", t.plural());
                    r.putObject("responseKind").put("group", t.group()).put("version", t.version()).put("kind", t.kind());
                    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster").put("singularResource", t.singular());
                    strings(r.putArray("verbs"), t.verbs());
                    if (!t.shortNames().isEmpty()) strings(r.putArray("shortNames"), t.shortNames());
                    if (!t.categories().isEmpty()) strings(r.putArray("categories"), t.categories());
                    if (!t.subresources().isEmpty()) {
                        ArrayNode subs = r.putArray("subresources");
                        for (Subresource s : t.subresources()) {
                            ObjectNode sr = subs.addObject().put("subresource", s.name().substring(s.name().indexOf('/') + 1));
                            sr.putObject("responseKind").put("group", s.group()).put("version", s.version()).put("kind", s.kind());
                            strings(sr.putArray("verbs"), s.verbs());
                        }
                    }
                });
            }
        }
        return doc;
    }

    private Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>();
        types.forEach(t -> names.add(t.group()));
        return names;
    }

    private List<String> versions(String group) {
        Map<String, Boolean> versions = new LinkedHashMap<>();
        types.stream().filter(t -> t.group().equals(group)).forEach(t -> versions.put(t.version(), true));
        return new ArrayList<>(versions.keySet());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
