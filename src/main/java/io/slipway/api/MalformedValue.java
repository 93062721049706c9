package io.slipway.api;

/**
 * A value of an object that had the wrong JSON type for the API (e.g. {@code minSize: "two"} where the API has an
 * integer) and was therefore read as absent. {@code path} is the field path ({@code spec.subnets[0].zone}, map entries
 * as {@code spec.cloudLabels[team]}); {@code expected} and {@code actual} describe the types for a message, e.g.
 * "an integer" and {@code string "two"}.
 */
public record MalformedValue(String path, String expected, String actual) {
}
