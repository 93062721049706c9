package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;

import java.util.Objects;

/** Fabric8's CRUD store, also telling {@link WatchEvents} of each change: every write of the store ends in processEvent. */
final class PublishingStore extends KubernetesCrudDispatcher {
    private final WatchEvents events;

    PublishingStore(WatchEvents events) {
        this.events = events;
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
