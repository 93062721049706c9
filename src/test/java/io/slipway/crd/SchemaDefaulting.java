package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API server's structural defaulting, as the test Kubernetes API applies it
 * ({@link io.slipway.testing.kube.admission.SchemaDefaulting}), on objects of the generated CRDs: a property that is
 * missing gets a copy of its {@code default}, then defaulting goes on into every value, defaulted ones included. So
 * a property defaulted to {} receives its own properties' defaults, while a default below a parent that is absent
 * and has no default of its own is never applied.
 */
public final class SchemaDefaulting {
    private SchemaDefaulting() {
    }

    /** A defaulted copy of a whole object (apiVersion, kind, metadata, spec...) of the kind {@code crdFile} defines. */
    public static JsonNode defaulted(JsonNode object, String crdFile) {
        JsonNode copy = object.deepCopy();
        io.slipway.testing.kube.admission.SchemaDefaulting.apply(copy, rootSchema(crdFile));
        return copy;
    }

    public static JsonNode rootSchema(String crdFile) {
        return GeneratedCrds.tree(crdFile).at("/spec/versions/0/schema/openAPIV3Schema");
    }
}
