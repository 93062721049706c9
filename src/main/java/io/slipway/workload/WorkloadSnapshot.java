package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Optional;

/**
 * What one look at a workload cluster saw: its Nodes and kube-system Pods, or why the API could not be asked. Read
 * once per reconcile ({@link ClusterValidator#read}) and validated against as many sets of groups as needed.
 */
public record WorkloadSnapshot(String cluster, List<Node> nodes, List<Pod> kubeSystemPods, Optional<String> problem) {
    public WorkloadSnapshot {
        nodes = List.copyOf(nodes);
        kubeSystemPods = List.copyOf(kubeSystemPods);
    }

    static WorkloadSnapshot of(String cluster, List<Node> nodes, List<Pod> pods) {
        return new WorkloadSnapshot(cluster, nodes, pods, Optional.empty());
    }

    static WorkloadSnapshot unreachable(String cluster, String why) {
        return new WorkloadSnapshot(cluster, List.of(), List.of(), Optional.of(why));
    }

    public boolean reachable() {
        return problem.isEmpty();
    }
}
