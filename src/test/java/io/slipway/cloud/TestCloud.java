package io.slipway.cloud;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small in-memory stand-in for a generic cloud (not AWS), for testing the cloud-agnostic engine: objects with
 * fields, references to other objects, ownership labels and readiness. Deleting an object that another object
 * references fails with a retryable "DependencyViolation", like real clouds do.
 */
final class TestCloud {
    static final String OWNER_LABEL = "owner";
    /** The owner's scope; absent means the cluster scope, as with AWS tags. */
    static final String SCOPE_LABEL = "scope";
    static final String LOGICAL_LABEL = "logical-id";

    /** An object in the cloud. Mutable, guarded by the cloud's lock; kinds get {@link #snapshot()}s. */
    static final class CloudObject {
        final String id;
        final String kind;
        final Map<String, String> fields = new TreeMap<>();
        final Map<String, String> refs = new TreeMap<>();
        final Map<String, String> labels = new TreeMap<>();
        boolean ready = true;

        CloudObject(String id, String kind) {
            this.id = id;
            this.kind = kind;
        }

        Snapshot snapshot() {
            return new Snapshot(id, kind, Map.copyOf(fields), Map.copyOf(refs), Map.copyOf(labels), ready);
        }
    }

    record Snapshot(String id, String kind, Map<String, String> fields, Map<String, String> refs,
                    Map<String, String> labels, boolean ready) {
    }

    static final class CloudException extends RuntimeException {
        final boolean retryable;

        CloudException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    private final Map<String, CloudObject> objects = new LinkedHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    /** Called inside every mutating call, outside the lock, with "op logicalId-or-id": tests block or fail here. */
    volatile Consumer<String> beforeWrite = op -> {
    };
    /** Called before a kind's find reads, outside the lock, with the kind's name: tests block here. */
    volatile Consumer<String> beforeFind = kind -> {
    };
    /** Kinds whose new objects start not ready. */
    final java.util.Set<String> startPending = ConcurrentHashMap.newKeySet();

    synchronized List<Snapshot> listByLabel(String kind, String owner) {
        reads.incrementAndGet();
        return objects.values().stream()
                .filter(o -> o.kind.equals(kind) && owner.equals(o.labels.get(OWNER_LABEL)))
                .map(CloudObject::snapshot).toList();
    }

    synchronized Optional<Snapshot> get(String id) {
        reads.incrementAndGet();
        return Optional.ofNullable(objects.get(id)).map(CloudObject::snapshot);
    }

    Snapshot create(String kind, Map<String, String> fields, Map<String, String> refs, Map<String, String> labels) {
        return write("create " + labels.getOrDefault(LOGICAL_LABEL, kind), () -> {
            for (String target : refs.values()) {
                if (!objects.containsKey(target)) {
                    throw new CloudException("NotFound: " + target, false);
                }
            }
            CloudObject object = new CloudObject(kind.toLowerCase() + "-" + nextId.incrementAndGet(), kind);
            object.fields.putAll(fields);
            object.refs.putAll(refs);
            object.labels.putAll(labels);
            object.ready = !startPending.contains(kind);
            objects.put(object.id, object);
            return object.snapshot();
        });
    }

    Snapshot update(String id, Map<String, String> fields, Map<String, String> refs, Map<String, String> labels) {
        return write("update " + id, () -> {
            CloudObject object = require(id);
            object.fields.putAll(fields);
            object.refs.putAll(refs);
            object.labels.putAll(labels);
            return object.snapshot();
        });
    }

    void delete(String id) {
        write("delete " + id, () -> {
            if (!objects.containsKey(id)) {
                return null;
            }
            for (CloudObject other : objects.values()) {
                if (other.refs.containsValue(id)) {
                    throw new CloudException("DependencyViolation: " + id + " is used by " + other.id, true);
                }
            }
            objects.remove(id);
            return null;
        });
    }

    /** Out-of-band changes, as a console user would make them. */
    synchronized void tamper(String id, Consumer<CloudObject> change) {
        change.accept(require(id));
    }

    synchronized void removeOutOfBand(String id) {
        objects.remove(id);
    }

    synchronized String putOutOfBand(String kind, Map<String, String> fields, Map<String, String> refs,
                                     Map<String, String> labels) {
        CloudObject object = new CloudObject(kind.toLowerCase() + "-" + nextId.incrementAndGet(), kind);
        object.fields.putAll(fields);
        object.refs.putAll(refs);
        object.labels.putAll(labels);
        objects.put(object.id, object);
        return object.id;
    }

    synchronized List<Snapshot> all() {
        return objects.values().stream().map(CloudObject::snapshot).toList();
    }

    synchronized List<Snapshot> ofKind(String kind) {
        return objects.values().stream().filter(o -> o.kind.equals(kind)).map(CloudObject::snapshot).toList();
    }

    synchronized Snapshot byLogicalId(String logicalId) {
        List<Snapshot> matches = objects.values().stream()
                .filter(o -> logicalId.equals(o.labels.get(LOGICAL_LABEL))).map(CloudObject::snapshot).toList();
        if (matches.size() != 1) {
            throw new AssertionError(matches.size() + " objects carry logical id " + logicalId);
        }
        return matches.get(0);
    }

    List<String> writesLog() {
        return Collections.unmodifiableList(new ArrayList<>(log));
    }

    private CloudObject require(String id) {
        CloudObject object = objects.get(id);
        if (object == null) {
            throw new CloudException("NotFound: " + id, false);
        }
        return object;
    }

    private <T> T write(String operation, java.util.function.Supplier<T> body) {
        writes.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            beforeWrite.accept(operation);
            synchronized (this) {
                T result = body.get();
                log.add(operation);
                return result;
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
