package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admission of custom resources, in the API server's order: the object the request would store (for an update:
 * status taken from the stored object on the main resource, everything but status on the status subresource) is
 * pruned (unknown fields: a warning, or a 400 under {@code fieldValidation=Strict}), defaulted, then validated
 * against the schema and, unless the schema errors make that pointless, the CEL rules. Any error refuses the
 * request with a 422 {@code Status}.
 * <p>
 * Validation can be switched off, to store objects as an older schema or a permissive server would have let
 * them in; pruning and defaulting still apply, as they do when the API server reads such an object.
 */
public final class CustomResourceAdmission {
    /** Errors after which the API server does not run CEL rules (their cost could not be bounded). */
    private static final Set<FieldError.Type> BLOCKING = EnumSet.of(FieldError.Type.NOT_SUPPORTED, FieldError.Type.REQUIRED,
            FieldError.Type.TOO_LONG, FieldError.Type.TOO_MANY, FieldError.Type.TYPE_INVALID);
    private static final Set<String> NOT_STATUS = Set.of("apiVersion", "kind", "metadata", "status");

    private final CelRules cel = new CelRules();
    private volatile boolean validating = true;

    /** On by default; off stores what is sent (pruned and defaulted) without checking it. */
    public void setValidation(boolean on) {
        validating = on;
    }

    public Admitted create(CustomResourceType type, ObjectNode object, Map<String, String> query) {
        return admit(type, object, null, query);
    }

    /** {@code subresource} is null or {@code status}; {@code current} the stored object. */
    public Admitted update(CustomResourceType type, String subresource, ObjectNode object, JsonNode current,
                           Map<String, String> query) {
        return admit(type, effective(type, subresource, object, current), current, query);
    }

    private static ObjectNode effective(CustomResourceType type, String subresource, ObjectNode object, JsonNode current) {
        if (!type.statusSubresource()) {
            return object;
        }
        ObjectNode result;
        if ("status".equals(subresource)) {
            // a status write changes status only: spec and metadata (finalizers, labels, ...) stay as stored
            result = object.deepCopy();
            result.properties().removeIf(e -> !NOT_STATUS.contains(e.getKey()));
            current.properties().forEach(e -> {
                if (!NOT_STATUS.contains(e.getKey())) result.set(e.getKey(), e.getValue().deepCopy());
            });
            if (current.get("metadata") instanceof ObjectNode stored) {
                ObjectNode metadata = stored.deepCopy();
                JsonNode version = object.path("metadata").path("resourceVersion");
                if (version.isTextual()) metadata.set("resourceVersion", version);
                result.set("metadata", metadata);
            }
        } else {
            result = object.deepCopy();
            result.remove("status");
            if (current.has("status")) result.set("status", current.get("status").deepCopy());
        }
        return result;
    }

    private Admitted admit(CustomResourceType type, ObjectNode object, JsonNode old, Map<String, String> query) {
        FieldValidation directive = FieldValidation.of(query.get("fieldValidation"));
        List<String> unknown = SchemaPruning.prune(object, type.schema());
        if (directive == FieldValidation.STRICT && !unknown.isEmpty()) {
            throw AdmissionException.badRequest(type.kind() + " in version " + FieldError.quote(type.version())
                    + " cannot be handled as a " + type.kind() + ": strict decoding error: "
                    + String.join(", ", unknown.stream().map(p -> "unknown field " + FieldError.quote(p)).toList()));
        }
        SchemaDefaulting.apply(object, type.schema());
        List<String> warnings = new ArrayList<>();
        if (directive == FieldValidation.WARN) {
            unknown.forEach(p -> warnings.add("unknown field " + FieldError.quote(p)));
        }
        if (validating) {
            List<FieldError> errors = new ArrayList<>(SchemaValidation.validate(object, old, type.schema()));
            if (errors.stream().anyMatch(e -> BLOCKING.contains(e.type()))) {
                errors.add(FieldError.invalid(FieldError.NO_FIELD, null, "some validation rules were not checked because "
                        + "the object was invalid; correct the existing errors to complete validation"));
            } else {
                CelValidation rules = new CelValidation(cel).validate(object, old, type.schema());
                errors.addAll(rules.errors());
                warnings.addAll(rules.warnings());
            }
            if (!errors.isEmpty()) {
                throw AdmissionException.invalid(type, object.path("metadata").path("name").asText(null), errors);
            }
        }
        return new Admitted(object, warnings);
    }
}
