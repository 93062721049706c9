package io.slipway.cloud;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values the finds of ONE plan share: the first kind that asks computes one (e.g. one batched read that answers
 * several kinds), the others get the same. A new share per plan, so nothing read is reused across reconciles.
 */
public final class FindShare {
    private final Map<String, Object> values = new HashMap<>();

    /** The value under {@code key}, computed once; a failed computation is not kept (the next asker tries again). */
    public synchronized <T> T get(String key, Class<T> type, Supplier<? extends T> compute) {
        Object value = values.get(key);
        if (value == null) {
            value = compute.get();
            values.put(key, value);
        }
        return type.cast(value);
    }
}
