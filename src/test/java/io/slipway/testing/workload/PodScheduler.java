package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * kube-scheduler, small and deterministic: a pod fits a node that is Ready, schedulable (not cordoned), not being
 * deleted, whose NoSchedule/NoExecute taints the pod tolerates and whose labels match its nodeSelector; among those it
 * takes the node with the fewest pods of the same owner, then the fewest pods, then the first by name.
 */
final class PodScheduler {
    private PodScheduler() {
    }

    static Optional<String> pick(Pod pod, List<Node> nodes, List<Pod> scheduled, String ownerUid) {
        return nodes.stream().filter(n -> fits(pod, n))
                .min(Comparator.comparingLong((Node n) -> count(scheduled, n, ownerUid))
                        .thenComparingLong(n -> count(scheduled, n, null))
                        .thenComparing(n -> n.getMetadata().getName()))
                .map(n -> n.getMetadata().getName());
    }

    static boolean fits(Pod pod, Node node) {
        if (!SimulatedKubelets.isReady(node) || node.getMetadata().getDeletionTimestamp() != null
                || node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
        for (Taint taint : taints) {
            if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()))
                    && tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
                return false;
            }
        }
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return selector == null || selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean tolerates(Toleration toleration, Taint taint) {
        if (toleration.getEffect() != null && !toleration.getEffect().isEmpty() && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if ("Exists".equals(toleration.getOperator())) {
            return toleration.getKey() == null || toleration.getKey().isEmpty() || toleration.getKey().equals(taint.getKey());
        }
        return Objects.equals(toleration.getKey(), taint.getKey()) && Objects.equals(toleration.getValue(), taint.getValue());
    }

    private static long count(List<Pod> scheduled, Node node, String ownerUid) {
        return scheduled.stream().filter(p -> node.getMetadata().getName().equals(p.getSpec().getNodeName()))
                .filter(p -> ownerUid == null || DeploymentPods.ownerUid(p).filter(ownerUid::equals).isPresent()).count();
    }
}
