package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Nodes of a workload cluster by the EC2 instance id of their providerID; Nodes without one are left out. */
public final class NodeIndex {
    private final Map<String, Node> byInstanceId = new HashMap<>();

    public NodeIndex(Collection<Node> nodes) {
        for (Node node : nodes) {
            String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
            ProviderId.parse(providerId).ifPresent(id -> byInstanceId.put(id.instanceId(), node));
        }
    }

    public Optional<Node> node(String instanceId) {
        return Optional.ofNullable(byInstanceId.get(instanceId));
    }

    /** When the Node's Ready condition last changed status; empty without a Ready condition or a readable time. */
    public static Optional<Instant> readyTransition(Node node) {
        List<NodeCondition> conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> "Ready".equals(c.getType()) && c.getLastTransitionTime() != null).findFirst()
                .flatMap(c -> {
                    try {
                        return Optional.of(Instant.parse(c.getLastTransitionTime()));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Whether the Node's Ready condition is True (a Node without conditions is not Ready). */
    public static boolean isReady(Node node) {
        List<NodeCondition> conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
