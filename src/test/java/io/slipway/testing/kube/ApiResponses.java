package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** The JSON answers of the mock API: objects, and {@code Status} objects for failures as a real server writes them. */
final class ApiResponses {
    static final String JSON = "application/json";

    private ApiResponses() {
    }

    static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody(JsonNodes.write(body));
    }

    /** A failure {@code Status}; {@code path} (may be null) fills {@code details}. */
    static MockResponse status(int code, String reason, String message, ResourcePath path) {
        ObjectNode status = JsonNodes.object().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        if (path != null) {
            ObjectNode details = status.putObject("details");
            if (path.name() != null) details.put("name", path.name());
            if (!path.group().isEmpty()) details.put("group", path.group());
            details.put("kind", path.plural());
        }
        status.put("code", code);
        return json(code, status);
    }

    static MockResponse notFound() {
        return status(404, "NotFound", "the server could not find the requested resource", null);
    }
}
