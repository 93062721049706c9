package io.slipway.cloud;

/**
 * One field that differs between desired and live state. {@code from} is null when the resource does not
 * exist yet; {@code to} is {@link #KNOWN_AFTER_APPLY} when it depends on a resource still to be created.
 */
public record FieldChange(String field, String from, String to, boolean immutable) {
    public static final String KNOWN_AFTER_APPLY = "(known after apply)";

    @Override
    public String toString() {
        return field + ": " + (from == null ? "-" : from) + " -> " + (to == null ? "-" : to)
                + (immutable ? " (immutable)" : "");
    }
}
