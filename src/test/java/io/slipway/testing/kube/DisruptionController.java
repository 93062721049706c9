package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * kube-controller-manager's disruption controller, run synchronously by the API after each write that can change a
 * budget's numbers (pods, budgets, the controllers that give a budget its expected count), in the written object's
 * namespace: each PodDisruptionBudget's status is recomputed ({@link DisruptionBudgets}) and written when it changed.
 */
final class DisruptionController {
    static final Set<String> TRIGGERS = Set.of("/pods", "policy/poddisruptionbudgets", "apps/deployments", "apps/replicasets",
            "apps/statefulsets");

    interface Api {
        List<JsonNode> list(String group, String plural, String namespace);

        Optional<JsonNode> get(String group, String plural, String namespace, String name);

        void writeStatus(ResourcePath path, JsonNode current, ObjectNode updated);
    }

    private final Api api;
    private final java.time.Clock clock;

    DisruptionController(Api api, java.time.Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    static boolean triggeredBy(ResourcePath path) {
        return path.namespace() != null && TRIGGERS.contains(path.group() + "/" + path.plural());
    }

    void sync(String namespace) {
        List<JsonNode> budgets = api.list("policy", "poddisruptionbudgets", namespace);
        if (budgets.isEmpty()) {
            return;
        }
        List<JsonNode> pods = api.list("", "pods", namespace);
        for (JsonNode pdb : budgets) {
            DisruptionBudgets.Numbers numbers = numbers(pdb, pods);
            ObjectNode status = DisruptionBudgets.status(pdb, numbers, clock.instant());
            if (!status.equals(pdb.path("status"))) {
                ObjectNode updated = ((ObjectNode) pdb).deepCopy();
                updated.set("status", status);
                String name = pdb.path("metadata").path("name").asText();
                api.writeStatus(ResourcePath.parse("/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets/" + name + "/status"),
                        pdb, updated);
            }
        }
    }

    DisruptionBudgets.Numbers numbers(JsonNode pdb, List<JsonNode> pods) {
        String namespace = pdb.path("metadata").path("namespace").asText();
        return DisruptionBudgets.numbers(pdb, pods, owner -> {
            String plural = switch (owner.path("kind").asText()) {
                case "Deployment" -> "deployments";
                case "ReplicaSet" -> "replicasets";
                case "StatefulSet" -> "statefulsets";
                default -> null;
            };
            if (plural == null || !owner.path("apiVersion").asText().equals("apps/v1")) {
                return Optional.empty();
            }
            return api.get("apps", plural, namespace, owner.path("name").asText())
                    .filter(o -> o.path("metadata").path("uid").asText().equals(owner.path("uid").asText()))
                    .map(o -> o.path("spec").path("replicas").asInt(1));
        });
    }
}
