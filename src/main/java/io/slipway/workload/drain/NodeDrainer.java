package io.slipway.workload.drain;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.ArrayList;
import java.util.List;

/**
 * Drains a node as {@code kubectl drain --ignore-daemonsets --delete-emptydir-data --force} does, one non-blocking
 * pass at a time: the caller (the rollout controller) repeats {@link #drainStep} and owns timeouts and backoff; this
 * class keeps no state between calls.
 * <p>
 * A pass lists the node's pods, leaves out DaemonSet pods, mirror (static) pods and finished pods, and evicts the
 * others through the Eviction API, so PodDisruptionBudgets are respected: a refusal (429) is reported, not thrown.
 * Pods that are terminating are waited for while the node is Ready (their kubelet will finish them); on a node that
 * is not Ready nobody would, so they are not waited for. Pod specs are never logged or reported (they can hold
 * secrets in env): only namespace/name and the API's message.
 */
public final class NodeDrainer {
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private final PodEvictions evictions;

    public NodeDrainer() {
        this(new PodEvictions());
    }

    NodeDrainer(PodEvictions evictions) {
        this.evictions = evictions;
    }

    /** Marks the node unschedulable; a no-op when it already is or when the Node is gone. */
    public void cordon(KubernetesClient workload, String nodeName) {
        Node node = workload.nodes().withName(nodeName).get();
        if (node == null || node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return;
        }
        workload.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":true}}");
    }

    /** One pass: evicts what can be evicted now and says what is left. */
    public DrainProgress drainStep(KubernetesClient workload, String nodeName) {
        Node node = workload.nodes().withName(nodeName).get();
        boolean nodeReady = node != null && isReady(node);
        List<Pod> pods = workload.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list().getItems();
        List<String> remaining = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int evicted = 0;
        int refusedCount = 0;
        for (Pod pod : pods) {
            if (isDaemonSetPod(pod) || isMirrorPod(pod) || isFinished(pod)) {
                continue;
            }
            String ref = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                if (nodeReady) {
                    remaining.add(ref);
                }
                continue;
            }
            EvictionResult result = evictions.evict(workload, eviction(pod));
            switch (result.outcome()) {
                case EVICTED -> {
                    evicted++;
                    remaining.add(ref);
                }
                case GONE -> {
                }
                case REFUSED_BY_BUDGET -> {
                    refusedCount++;
                    refused.add(ref + ": " + result.message());
                    remaining.add(ref);
                }
                case FAILED -> {
                    refused.add(ref + ": " + result.message());
                    remaining.add(ref);
                }
            }
        }
        return new DrainProgress(remaining.isEmpty(), remaining, refused, evicted, refusedCount);
    }

    private static Eviction eviction(Pod pod) {
        return new EvictionBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace()).endMetadata().build();
    }

    static boolean isDaemonSetPod(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners != null && owners.stream()
                .anyMatch(o -> "DaemonSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()));
    }

    static boolean isMirrorPod(Pod pod) {
        return pod.getMetadata().getAnnotations() != null && pod.getMetadata().getAnnotations().containsKey(MIRROR_ANNOTATION);
    }

    static boolean isFinished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
