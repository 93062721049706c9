package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What admission needs to know of one served version of a CRD.
 *
 * @param schema             the version's {@code openAPIV3Schema}
 * @param statusSubresource  whether status is a subresource (then the main resource ignores status and the
 *                           status subresource ignores everything else)
 */
public record CustomResourceType(String group, String version, String kind, JsonNode schema, boolean statusSubresource) {

    /** The type of the served version {@code version} of a CRD. */
    public static CustomResourceType of(JsonNode crd, String version) {
        JsonNode spec = crd.path("spec");
        for (JsonNode v : spec.path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return new CustomResourceType(spec.path("group").asText(), version, spec.path("names").path("kind").asText(),
                        v.path("schema").path("openAPIV3Schema"), v.path("subresources").has("status"));
            }
        }
        throw new IllegalArgumentException("no version " + version + " in " + crd.path("metadata").path("name"));
    }

    /** As the API server names the kind in messages: {@code Cluster.slipway.io}. */
    String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
