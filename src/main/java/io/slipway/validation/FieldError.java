package io.slipway.validation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One problem in a spec: the path of the field in the resource (e.g. {@code spec.subnets[2].cidr},
 * map entries as {@code spec.cloudLabels[team]}) and a message that says what is wrong and how to fix it.
 */
public record FieldError(String path, String message) {

    public FieldError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }

    /**
     * All errors in one text for a condition message or an Event, e.g.
     * {@code "2 errors: spec.region: ...; spec.subnets[0].cidr: ..."}.
     */
    public static String summarize(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "no errors";
        }
        String prefix = errors.size() == 1 ? "1 error: " : errors.size() + " errors: ";
        return prefix + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
