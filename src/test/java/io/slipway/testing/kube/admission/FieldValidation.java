package io.slipway.testing.kube.admission;

/**
 * The {@code fieldValidation} query parameter: what to do with fields the schema does not know. The API server
 * prunes them in every case; Warn (the default) also answers a warning per field, Strict refuses the request.
 * kubectl sends Ignore with {@code --validate=false} and Strict with its default {@code --validate=strict} when
 * the server's OpenAPI document says it supports the parameter.
 */
enum FieldValidation {
    IGNORE, WARN, STRICT;

    static FieldValidation of(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return WARN;
        }
        return switch (parameter) {
            case "Ignore" -> IGNORE;
            case "Warn" -> WARN;
            case "Strict" -> STRICT;
            default -> throw AdmissionException.badRequest("fieldValidation: Unsupported value: " + FieldError.quote(parameter)
                    + ": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        };
    }
}
