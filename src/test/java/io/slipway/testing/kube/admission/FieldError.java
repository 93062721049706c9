package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A field-level validation error as the API server reports it (Go's {@code field.Error}): rendered as
 * {@code <field>: <type text>[: <value>][: <detail>]}, e.g. {@code spec.region: Required value} or
 * {@code spec.subnets[0].type: Unsupported value: "Privat": supported values: "Private", "Public"}.
 *
 * @param field the path, e.g. {@code spec.subnets[0].zone}; {@code <nil>} for errors about the whole object
 * @param value the bad value: a String, Long, Double, Boolean, JsonNode, null, or {@link #OMIT}
 */
public record FieldError(String field, Type type, Object value, String detail) {
    /** A value the message leaves out. */
    public static final Object OMIT = new Object();
    /** The field of an error about no field in particular (Go prints a nil path so). */
    public static final String NO_FIELD = "<nil>";

    /** Go's field.ErrorType: the cause reason and the text that starts the message. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        INTERNAL("InternalError", "Internal error");

        final String reason;
        final String text;

        Type(String reason, String text) {
            this.reason = reason;
            this.text = text;
        }

        public String reason() {
            return reason;
        }
    }

    static FieldError required(String field, String detail) {
        return new FieldError(field, Type.REQUIRED, OMIT, detail);
    }

    static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(field, Type.INVALID, value, detail);
    }

    static FieldError typeInvalid(String field, Object value, String detail) {
        return new FieldError(field, Type.TYPE_INVALID, value, detail);
    }

    static FieldError notSupported(String field, Object value, List<String> supported) {
        return new FieldError(field, Type.NOT_SUPPORTED, value,
                "supported values: " + String.join(", ", supported.stream().map(FieldError::quote).toList()));
    }

    static FieldError forbidden(String field, String detail) {
        return new FieldError(field, Type.FORBIDDEN, OMIT, detail);
    }

    static FieldError tooLong(String field, long max) {
        return new FieldError(field, Type.TOO_LONG, OMIT, "may not be more than " + max + (max == 1 ? " byte" : " bytes"));
    }

    static FieldError tooMany(String field, long actual, long max) {
        return new FieldError(field, Type.TOO_MANY, actual, "must have at most " + max + (max == 1 ? " item" : " items"));
    }

    static FieldError duplicate(String field, Object value) {
        return new FieldError(field, Type.DUPLICATE, value, "");
    }

    /** The message without the field: what a {@code Status} cause carries. */
    public String body() {
        String s = type.text;
        boolean valueShown = switch (type) {
            case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> false;
            default -> value != OMIT;
        };
        if (valueShown) {
            s += ": " + render(value);
        }
        return detail == null || detail.isEmpty() ? s : s + ": " + detail;
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }

    /** As Go's {@code %v}/{@code %q} print the value in Kubernetes 1.32; structures as JSON. */
    private static String render(Object value) {
        if (value == null) {
            return quote("null");
        }
        if (value instanceof JsonNode node) {
            if (node.isTextual()) return quote(node.asText());
            if (node.isNull()) return quote("null");
            if (node.isIntegralNumber()) return node.asText();
            if (node.isNumber()) return number(node.doubleValue());
            return node.toString();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return String.valueOf(value);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e21 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Go's {@code %q}. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) out.append(String.format("\\x%02x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
