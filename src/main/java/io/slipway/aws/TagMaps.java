package io.slipway.aws;

import io.slipway.cloud.FieldChange;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Tags as sorted maps, whatever the service's SDK tag type: reading them, writing them, and the tags a diff found
 * missing ({@code tags.<key>} fields), which each service's kinds put back with their own call.
 */
public final class TagMaps {
    private static final String FIELD_PREFIX = "tags.";

    private TagMaps() {
    }

    /** An SDK tag list as an unmodifiable sorted map. */
    public static <T> Map<String, String> of(List<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> map = new TreeMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(key.apply(t), value.apply(t)));
        }
        return Collections.unmodifiableMap(map);
    }

    /** A map as an SDK tag list. */
    public static <T> List<T> toSdk(Map<String, String> tags, BiFunction<String, String, T> tag) {
        return tags.entrySet().stream().map(e -> tag.apply(e.getKey(), e.getValue())).toList();
    }

    /** The tags a diff found missing or changed, by key, with their desired values. */
    public static Map<String, String> missing(List<FieldChange> changes) {
        Map<String, String> missing = new TreeMap<>();
        for (FieldChange change : changes) {
            if (change.field().startsWith(FIELD_PREFIX)) {
                missing.put(change.field().substring(FIELD_PREFIX.length()), change.to());
            }
        }
        return missing;
    }

    /** {@code live} with {@code added} put on top, unmodifiable. */
    public static Map<String, String> withAdded(Map<String, String> live, Map<String, String> added) {
        Map<String, String> updated = new TreeMap<>(live);
        updated.putAll(added);
        return Collections.unmodifiableMap(updated);
    }

    /** Sorted, unmodifiable copy (specs print deterministically, see ResourceSpec). */
    public static Map<String, String> sorted(Map<String, String> tags) {
        return tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
