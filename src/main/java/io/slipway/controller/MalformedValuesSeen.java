package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.slipway.api.HoldsMalformedValues;
import io.slipway.api.MalformedValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What deserialisation took out of each stored version (uid and resourceVersion) of a resource, so that every copy of
 * that version can be checked, not only the object the client read.
 *
 * <p>Why not carry it through JOSDK's copies with a resource cloner: JOSDK hands each reconcile a copy made through
 * JSON, which cannot hold the values taken out, and the only way QOSDK offers to set a cloner (a
 * {@code ConfigurationServiceCustomizer}) makes JOSDK build a Kubernetes client of its own with a plain ObjectMapper,
 * whose informers then fail on the first malformed object. Bounded: an entry is only needed until the version it
 * describes has been reconciled.
 */
public final class MalformedValuesSeen {
    private static final int CAPACITY = 10_000;
    private static final Map<String, List<MalformedValue>> SEEN = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<MalformedValue>> eldest) {
            return size() > CAPACITY;
        }
    };

    private MalformedValuesSeen() {
    }

    /** Remembers what was taken out of this version of the resource (nothing is kept for a clean version). */
    static void record(Object resource, List<MalformedValue> found) {
        String key = key(resource);
        if (key != null && !found.isEmpty()) {
            synchronized (SEEN) {
                SEEN.put(key, List.copyOf(found));
            }
        }
    }

    /** The malformed values of this resource's version, whether it is the object that was read or a copy of it. */
    public static <R extends HasMetadata & HoldsMalformedValues> List<MalformedValue> of(R resource) {
        if (!resource.getMalformedValues().isEmpty()) {
            return resource.getMalformedValues();
        }
        String key = key(resource);
        if (key == null) {
            return List.of();
        }
        synchronized (SEEN) {
            return SEEN.getOrDefault(key, List.of());
        }
    }

    private static String key(Object resource) {
        if (!(resource instanceof HasMetadata hasMetadata)) {
            return null;
        }
        ObjectMeta meta = hasMetadata.getMetadata();
        if (meta == null || meta.getUid() == null || meta.getResourceVersion() == null) {
            return null;
        }
        return meta.getUid() + "/" + meta.getResourceVersion();
    }
}
