package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fabric8's CRUD store, also telling {@link WatchEvents} of each change and {@code removals} of each object it
 * removes: every write of the store ends in processEvent.
 */
final class PublishingStore extends KubernetesCrudDispatcher {
    private final WatchEvents events;
    private final Consumer<JsonNode> removals;

    PublishingStore(WatchEvents events, Consumer<JsonNode> removals) {
        this.events = events;
        this.removals = removals;
    }

    /** Every stored object. */
    List<JsonNode> storedObjects() {
        return map.values().stream().map(JsonNodes::parseJson).toList();
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        String oldState = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        ResourcePath origin = ResourcePath.parse(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        if (Objects.equals(oldState, newState) || origin == null) {
            return;
        }
        if (newState == null) {
            // a deletion: a real server gives the DELETED event a new resourceVersion
            ObjectNode last = (ObjectNode) JsonNodes.parseJson(oldState);
            long version = requestResourceVersion();
            ((ObjectNode) last.path("metadata")).put("resourceVersion", String.valueOf(version));
            events.publish(new WatchEvents.Event("DELETED", origin.group(), origin.plural(), last, version));
            removals.accept(last);
            return;
        }
        ObjectNode object = (ObjectNode) JsonNodes.parseJson(newState);
        long version = Long.parseLong(Objects.requireNonNullElse(JsonNodes.text(object, "metadata", "resourceVersion"), "0"));
        events.publish(new WatchEvents.Event(oldState == null ? "ADDED" : "MODIFIED", origin.group(), origin.plural(),
                object, version));
    }

    @Override
    public void reset() {
        super.reset();
        events.reset();
    }
}
