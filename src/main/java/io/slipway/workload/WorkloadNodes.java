package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Node of each instance of a group, by instance id, with one list of Nodes; an instance without a Node is left
 * out. Empty when the API cannot be asked (the validator says why).
 */
public final class WorkloadNodes {
    public Optional<Map<String, InstanceNode>> byInstance(WorkloadConnection connection, Collection<String> instanceIds) {
        if (connection.client().isEmpty()) {
            return Optional.empty();
        }
        KubernetesClient client = connection.client().get();
        NodeIndex index;
        try {
            index = new NodeIndex(client.nodes().list().getItems());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Map<String, InstanceNode> nodes = new LinkedHashMap<>();
        for (String id : instanceIds) {
            index.node(id).ifPresent(node -> nodes.put(id, of(node)));
        }
        return Optional.of(nodes);
    }

    private static InstanceNode of(Node node) {
        boolean ready = NodeIndex.isReady(node);
        return new InstanceNode(node.getMetadata().getName(), ready, ready ? null : NodeIndex.readyTransition(node).orElse(null));
    }
}
