package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.testing.kube.admission.AdmissionException;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * kube-controller-manager's garbage collector with its default, background propagation. Once an object is removed
 * from the store, every object whose {@code metadata.ownerReferences} name its uid (in its namespace, or in any
 * namespace when the owner is cluster-scoped) is a dependent: if no other owner of it still exists it is deleted
 * through the API's own delete path (so its finalizers hold it and watches see it go, and its own dependents
 * follow), otherwise only the references to owners that are gone are removed from it.
 * <p>
 * The real collector works asynchronously from watches. This one runs synchronously at the end of the write
 * request that removed the owner, under the API's write lock, so a test sees the settled store as soon as its
 * delete (or finalizer removal) returns and never has to wait for a negative.
 */
final class GarbageCollector {
    private static final Logger LOG = Logger.getLogger(GarbageCollector.class.getName());

    /** What the collector needs from the API server. */
    interface Api {
        /** Every stored object. */
        List<JsonNode> storedObjects();

        /** The resource path of a stored object, if its kind is served. */
        Optional<ResourcePath> pathOf(JsonNode object);

        /** Deletes as a client's DELETE without options would. */
        void delete(ResourcePath path);

        /** Replaces the object as a client's update would. */
        void update(ResourcePath path, JsonNode current, ObjectNode updated);
    }

    private final Api api;
    private final Queue<JsonNode> removedOwners = new ArrayDeque<>();

    GarbageCollector(Api api) {
        this.api = api;
    }

    /** Notes an object that was removed from the store; its dependents are handled at the next {@link #collect()}. */
    void removed(JsonNode lastState) {
        removedOwners.add(lastState);
    }

    /** Forgets the removals not collected yet (the store was wiped). */
    void forget() {
        removedOwners.clear();
    }

    /** Handles the dependents of every removed owner, and of the dependents it removes in turn, until none is left. */
    void collect() {
        JsonNode owner;
        while ((owner = removedOwners.poll()) != null) {
            String uid = JsonNodes.text(owner, "metadata", "uid");
            if (uid == null) {
                continue;
            }
            String ownerNamespace = JsonNodes.text(owner, "metadata", "namespace");
            List<JsonNode> objects = api.storedObjects();
            Set<String> existing = new HashSet<>();
            objects.forEach(o -> existing.add(JsonNodes.text(o, "metadata", "uid")));
            for (JsonNode object : objects) {
                if (ownedBy(object, uid) && inScope(ownerNamespace, object)) {
                    handleDependent(object, existing);
                }
            }
        }
    }

    private void handleDependent(JsonNode dependent, Set<String> existing) {
        Optional<ResourcePath> path = api.pathOf(dependent);
        if (path.isEmpty()) {
            return;
        }
        ObjectNode updated = dependent.deepCopy();
        ArrayNode references = (ArrayNode) updated.path("metadata").path("ownerReferences");
        references.removeIf(reference -> !existing.contains(reference.path("uid").asText()));
        try {
            if (references.isEmpty()) {
                api.delete(path.get());
            } else {
                api.update(path.get(), dependent, updated);
            }
        } catch (ApiException | AdmissionException e) {
            // the real collector retries until the API accepts; here nothing would change by retrying
            LOG.log(Level.WARNING, "garbage collection of " + path.get().objectPath() + " failed", e);
        }
    }

    private static boolean ownedBy(JsonNode object, String ownerUid) {
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(reference.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A namespaced owner owns only objects of its own namespace; a cluster-scoped owner may own any object. */
    private static boolean inScope(String ownerNamespace, JsonNode dependent) {
        return ownerNamespace == null || ownerNamespace.isEmpty()
                || ownerNamespace.equals(JsonNodes.text(dependent, "metadata", "namespace"));
    }
}
