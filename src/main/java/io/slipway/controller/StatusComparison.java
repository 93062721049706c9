package io.slipway.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Decides whether a freshly assembled status differs from the stored one, so unchanged status is never patched. */
public final class StatusComparison {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private StatusComparison() {
    }

    public static boolean changed(Object before, Object after) {
        JsonNode a = before == null ? null : MAPPER.valueToTree(before);
        JsonNode b = after == null ? null : MAPPER.valueToTree(after);
        return a == null ? b != null : !a.equals(b);
    }

    /** A deep copy, so a reconcile can build the new status without touching the informer's cached object. */
    public static <T> T copy(T value, Class<T> type) {
        return value == null ? null : MAPPER.convertValue(value, type);
    }
}
