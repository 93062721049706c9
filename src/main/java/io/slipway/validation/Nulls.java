package io.slipway.validation;

import java.util.List;
import java.util.Map;

/** YAML "field: null" arrives as a null collection; the checks treat it as empty. */
final class Nulls {
    private Nulls() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
