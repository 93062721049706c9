package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A PodDisruptionBudget's numbers as kube-controller-manager's disruption controller computes them, from the pods of
 * its namespace: which pods it selects, how many are healthy (Ready, not terminating), how many it expects (the
 * pods' controllers' replicas; the number of pods for an integer minAvailable) and how many must stay healthy.
 */
public final class DisruptionBudgets {
    private DisruptionBudgets() {
    }

    /**
     * @param expectedPods  pods the budget expects
     * @param desiredHealthy pods that must stay healthy
     * @param currentHealthy pods healthy now
     */
    public record Numbers(int expectedPods, int desiredHealthy, int currentHealthy) {
        public int disruptionsAllowed() {
            return Math.max(0, currentHealthy - desiredHealthy);
        }

        public boolean violated() {
            return currentHealthy < desiredHealthy;
        }
    }

    /**
     * @param pods    the pods of the budget's namespace
     * @param scaleOf the replicas of a pod's controller, from its controller ownerReference (empty: not scalable,
     *                counted as one pod)
     */
    public static Numbers numbers(JsonNode pdb, List<JsonNode> pods, Function<JsonNode, Optional<Integer>> scaleOf) {
        List<JsonNode> selected = pods.stream().filter(p -> selects(pdb, p)).toList();
        return numbers(pdb, selected, scale(selected, scaleOf));
    }

    /**
     * The numbers with the expected count given by the caller (e.g. a test's watcher, which knows the replicas the
     * workloads want even while none of their pods exist, where the controller would expect none).
     */
    public static Numbers numbers(JsonNode pdb, List<JsonNode> pods, int expectedFromControllers) {
        List<JsonNode> selected = pods.stream().filter(p -> selects(pdb, p)).toList();
        int healthy = (int) selected.stream().filter(DisruptionBudgets::isHealthy).count();
        JsonNode spec = pdb.path("spec");
        if (spec.hasNonNull("maxUnavailable")) {
            int maxUnavailable = scaled(spec.get("maxUnavailable"), expectedFromControllers);
            return new Numbers(expectedFromControllers, Math.max(0, expectedFromControllers - maxUnavailable), healthy);
        }
        if (spec.hasNonNull("minAvailable")) {
            JsonNode min = spec.get("minAvailable");
            if (min.isInt()) {
                return new Numbers(selected.size(), min.asInt(), healthy);
            }
            return new Numbers(expectedFromControllers, scaled(min, expectedFromControllers), healthy);
        }
        return new Numbers(0, 0, healthy);
    }

    /** The status the disruption controller writes. */
    public static ObjectNode status(JsonNode pdb, Numbers numbers, java.time.Instant now) {
        ObjectNode status = JsonNodes.object();
        status.put("observedGeneration", pdb.path("metadata").path("generation").asLong(1));
        status.put("disruptionsAllowed", numbers.disruptionsAllowed());
        status.put("currentHealthy", numbers.currentHealthy());
        status.put("desiredHealthy", numbers.desiredHealthy());
        status.put("expectedPods", numbers.expectedPods());
        boolean allowed = numbers.disruptionsAllowed() > 0;
        ObjectNode condition = status.putArray("conditions").addObject().put("type", "DisruptionAllowed")
                .put("status", allowed ? "True" : "False").put("reason", allowed ? "SufficientPods" : "InsufficientPods")
                .put("message", "").put("observedGeneration", pdb.path("metadata").path("generation").asLong(1));
        JsonNode previous = pdb.path("status").path("conditions");
        String since = null;
        for (JsonNode c : previous) {
            if ("DisruptionAllowed".equals(c.path("type").asText()) && condition.path("status").asText().equals(c.path("status").asText())) {
                since = c.path("lastTransitionTime").asText(null);
            }
        }
        condition.put("lastTransitionTime", since == null ? now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString() : since);
        return status;
    }

    /** Whether the budget's selector matches the pod (matchLabels and matchExpressions; an empty selector matches all). */
    public static boolean selects(JsonNode pdb, JsonNode pod) {
        JsonNode selector = pdb.path("spec").path("selector");
        JsonNode labels = pod.path("metadata").path("labels");
        if (selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            var label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String actual = labels.path(expression.path("key").asText()).asText(null);
            List<String> values = new java.util.ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> actual != null && values.contains(actual);
                case "NotIn" -> actual == null || !values.contains(actual);
                case "Exists" -> actual != null;
                case "DoesNotExist" -> actual == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Ready and not being deleted. */
    public static boolean isHealthy(JsonNode pod) {
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return false;
        }
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTerminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** The sum of the replicas of the selected pods' controllers, each counted once; a pod without one counts as one. */
    private static int scale(List<JsonNode> selected, Function<JsonNode, Optional<Integer>> scaleOf) {
        Map<String, Integer> byController = new LinkedHashMap<>();
        int uncontrolled = 0;
        for (JsonNode pod : selected) {
            Optional<JsonNode> controller = controllerOf(pod);
            Optional<Integer> replicas = controller.flatMap(scaleOf);
            if (replicas.isPresent()) {
                byController.put(controller.get().path("uid").asText(), replicas.get());
            } else {
                uncontrolled++;
            }
        }
        return uncontrolled + byController.values().stream().mapToInt(Integer::intValue).sum();
    }

    public static Optional<JsonNode> controllerOf(JsonNode pod) {
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }

    /** An int, or a percentage of {@code total} rounded up, as the disruption controller scales both fields. */
    private static int scaled(JsonNode value, int total) {
        if (value.isInt()) {
            return value.asInt();
        }
        String text = value.asText().trim();
        if (text.endsWith("%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * total / 100.0);
        }
        return Integer.parseInt(text);
    }
}
