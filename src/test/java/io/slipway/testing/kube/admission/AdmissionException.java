package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A refused request, with the {@code Status} object the API server answers: 422 Invalid with one cause per field
 * error ({@code Cluster.slipway.io "x" is invalid: [spec.region: Required value, ...]}), or 400 BadRequest.
 */
public final class AdmissionException extends RuntimeException {
    private final int code;
    private final transient ObjectNode status;

    private AdmissionException(int code, String message, ObjectNode status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public int code() {
        return code;
    }

    /** The {@code Status} body. */
    public ObjectNode status() {
        return status.deepCopy();
    }

    static AdmissionException invalid(CustomResourceType type, String name, List<FieldError> errors) {
        String aggregate = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        String message = type.qualifiedKind() + " " + FieldError.quote(name == null ? "" : name) + " is invalid: " + aggregate;
        ObjectNode status = status(422, "Invalid", message);
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        if (name != null) details.put("name", name);
        if (!type.group().isEmpty()) details.put("group", type.group());
        details.put("kind", type.kind());
        var causes = details.putArray("causes");
        for (FieldError error : errors) {
            causes.addObject().put("reason", error.type().reason()).put("message", error.body()).put("field", error.field());
        }
        status.set("details", details);
        status.put("code", 422);
        return new AdmissionException(422, message, status);
    }

    static AdmissionException badRequest(String message) {
        ObjectNode status = status(400, "BadRequest", message);
        status.put("code", 400);
        return new AdmissionException(400, message, status);
    }

    private static ObjectNode status(int code, String reason, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        return status.put("status", "Failure").put("message", message).put("reason", reason);
    }
}
