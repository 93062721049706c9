package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.InstanceGroupRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a running cluster as {@code kops validate cluster} does, with two reads (Nodes, kube-system Pods) that
 * several validations can share ({@link #read}):
 * <ul>
 *   <li>each instance group has its target number of instances, and each instance a Ready Node (matched by
 *   providerID); bastions are not Nodes and are skipped;</li>
 *   <li>each control-plane Node runs the static pods kube-apiserver, kube-controller-manager, kube-scheduler and
 *   etcd ({@code kube-system/<component>-<node name>}), Ready;</li>
 *   <li>every kube-system pod of priority class system-cluster-critical or system-node-critical is Ready.</li>
 * </ul>
 * An API that cannot be asked is a failure saying why, never an exception.
 */
public final class ClusterValidator {
    public static final int DEFAULT_MAX_FAILURES = 10;
    public static final List<String> CONTROL_PLANE_COMPONENTS =
            List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd");
    static final Set<String> CRITICAL_PRIORITY_CLASSES = Set.of("system-cluster-critical", "system-node-critical");
    private static final String KUBE_SYSTEM = "kube-system";

    private final int maxFailures;

    public ClusterValidator(int maxFailures) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
    }

    /** One read and one validation: {@link #read} then {@link #validate(WorkloadSnapshot, List)}. */
    public ValidationResult validate(WorkloadConnection connection, List<ExpectedGroup> groups) {
        return validate(read(connection), groups);
    }

    /**
     * As {@link #validate(WorkloadConnection, List)}, but the instances in {@code ignored} (being replaced because they
     * are unhealthy) are not held against the cluster: neither their Nodes nor the pods on them. They still count
     * towards their group's size.
     */
    public ValidationResult validate(WorkloadConnection connection, List<ExpectedGroup> groups, Set<String> ignored) {
        return validate(read(connection), groups, ignored);
    }

    /** The two reads (Nodes, kube-system Pods) every validation of this look at the cluster shares. */
    public WorkloadSnapshot read(WorkloadConnection connection) {
        if (connection.client().isEmpty()) {
            return WorkloadSnapshot.unreachable(connection.cluster(), connection.problem().orElse("no client"));
        }
        KubernetesClient client = connection.client().get();
        try {
            return WorkloadSnapshot.of(connection.cluster(), client.nodes().list().getItems(),
                    client.pods().inNamespace(KUBE_SYSTEM).list().getItems());
        } catch (RuntimeException e) {
            return WorkloadSnapshot.unreachable(connection.cluster(), WorkloadApiErrors.describe(e));
        }
    }

    /** Validates what {@code snapshot} saw against {@code groups}; no call to the cluster. */
    public ValidationResult validate(WorkloadSnapshot snapshot, List<ExpectedGroup> groups) {
        return validate(snapshot, groups, Set.of());
    }

    /** As {@link #validate(WorkloadSnapshot, List)}, with the instances in {@code ignored} not held against the cluster. */
    public ValidationResult validate(WorkloadSnapshot snapshot, List<ExpectedGroup> groups, Set<String> ignored) {
        if (!snapshot.reachable()) {
            return unreachable(snapshot.cluster(), snapshot.problem().orElseThrow());
        }
        List<Node> nodes = snapshot.nodes();
        List<Pod> pods = snapshot.kubeSystemPods();
        Failures failures = new Failures();
        Set<String> reportedPods = new HashSet<>();
        NodeIndex index = new NodeIndex(nodes);
        Map<String, Pod> podsByName = new HashMap<>();
        pods.forEach(p -> podsByName.put(p.getMetadata().getName(), p));
        Set<String> ignoredNodes = new HashSet<>();
        ignored.forEach(id -> index.node(id).ifPresent(n -> ignoredNodes.add(n.getMetadata().getName())));

        for (ExpectedGroup group : groups) {
            if (group.role() == InstanceGroupRole.Bastion) {
                continue;
            }
            if (group.instances().size() < group.targetSize()) {
                failures.add("InstanceGroup", group.name(), "instance group " + group.name() + " has "
                        + group.instances().size() + " of " + group.targetSize() + " instances");
            }
            for (ExpectedInstance instance : group.instances()) {
                if (ignored.contains(instance.instanceId())) {
                    continue;
                }
                Node node = index.node(instance.instanceId()).orElse(null);
                if (node == null) {
                    failures.add("Instance", instance.instanceId(), "instance " + instance.instanceId() + " of group "
                            + group.name() + " has not joined the cluster (no Node with its providerID)");
                    continue;
                }
                String nodeName = node.getMetadata().getName();
                if (!NodeIndex.isReady(node)) {
                    failures.add("Node", nodeName, "node " + nodeName + " (instance " + instance.instanceId()
                            + ", group " + group.name() + ") is not Ready");
                }
                if (group.role() == InstanceGroupRole.ControlPlane) {
                    for (String component : CONTROL_PLANE_COMPONENTS) {
                        String podName = component + "-" + nodeName;
                        Pod pod = podsByName.get(podName);
                        reportedPods.add(podName);
                        if (pod == null) {
                            failures.add("Pod", KUBE_SYSTEM + "/" + podName, "control-plane pod " + component
                                    + " is not running on node " + nodeName);
                        } else if (!isReady(pod)) {
                            failures.add("Pod", KUBE_SYSTEM + "/" + podName, "control-plane pod " + KUBE_SYSTEM + "/"
                                    + podName + " is not Ready (phase " + phase(pod) + ")");
                        }
                    }
                }
            }
        }
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            String priorityClass = pod.getSpec() == null ? null : pod.getSpec().getPriorityClassName();
            String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (reportedPods.contains(name) || ignoredNodes.contains(nodeName) || priorityClass == null || !CRITICAL_PRIORITY_CLASSES.contains(priorityClass)
                    || "Succeeded".equals(phase(pod)) || isReady(pod)) {
                continue;
            }
            failures.add("Pod", KUBE_SYSTEM + "/" + name, priorityClass + " pod " + KUBE_SYSTEM + "/" + name
                    + " is not Ready (phase " + phase(pod) + ")");
        }
        return new ValidationResult(failures.kept, failures.omitted, true);
    }

    private ValidationResult unreachable(String cluster, String why) {
        return new ValidationResult(List.of(new ValidationFailure("Cluster", cluster,
                "the cluster's API cannot be reached: " + why)), 0, false);
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "unknown" : pod.getStatus().getPhase();
    }

    /** Keeps the first maxFailures, counts the rest. */
    private final class Failures {
        final List<ValidationFailure> kept = new ArrayList<>();
        int omitted;

        void add(String kind, String name, String message) {
            if (kept.size() < maxFailures) {
                kept.add(new ValidationFailure(kind, name, message));
            } else {
                omitted++;
            }
        }
    }
}
