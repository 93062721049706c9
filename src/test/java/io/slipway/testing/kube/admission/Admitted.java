package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An admitted custom resource: the object to store (pruned, defaulted) and the warnings for the client.
 */
public record Admitted(ObjectNode object, List<String> warnings) {

    /** The {@code Warning} response header values, as the API server writes them ({@code 299 - "unknown field \"spec.foo\""}). */
    public List<String> warningHeaders() {
        return warnings.stream().map(w -> "299 - " + FieldError.quote(w)).toList();
    }
}
