package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The DaemonSet controller and kubelets of a simulated cluster, for the DaemonSets that exist (addons make them):
 * one pod per DaemonSet per node that matches its template's nodeSelector, Ready while the node is, remade when the
 * DaemonSet's generation changes; pods of a gone node or DaemonSet are deleted; the DaemonSet's status counts them.
 */
final class DaemonSetPods {
    static final String GENERATION_ANNOTATION = "simulator.slipway.io/daemonset-generation";

    private final KubernetesClient client;

    DaemonSetPods(KubernetesClient client) {
        this.client = client;
    }

    void sync() {
        List<Node> nodes = client.nodes().list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        Map<String, DaemonSet> daemonSets = new HashMap<>();
        client.apps().daemonSets().inAnyNamespace().list().getItems().forEach(ds -> daemonSets.put(ds.getMetadata().getUid(), ds));
        for (Pod pod : pods) {
            Optional<String> owner = daemonSetOwner(pod);
            boolean nodeGone = nodes.stream().noneMatch(n -> n.getMetadata().getName().equals(pod.getSpec().getNodeName()));
            if (owner.isPresent() && (!daemonSets.containsKey(owner.get()) || nodeGone)) {
                delete(pod);
            }
        }
        for (DaemonSet ds : daemonSets.values()) {
            sync(ds, nodes, pods);
        }
    }

    private void sync(DaemonSet ds, List<Node> nodes, List<Pod> pods) {
        String uid = ds.getMetadata().getUid();
        String generation = String.valueOf(ds.getMetadata().getGeneration());
        Map<String, Pod> byNode = new HashMap<>();
        pods.stream().filter(p -> daemonSetOwner(p).filter(uid::equals).isPresent())
                .forEach(p -> byNode.put(p.getSpec().getNodeName(), p));
        int desired = 0;
        int ready = 0;
        for (Node node : nodes) {
            String nodeName = node.getMetadata().getName();
            Pod pod = byNode.remove(nodeName);
            if (!selects(ds, node)) {
                if (pod != null) {
                    delete(pod);
                }
                continue;
            }
            desired++;
            boolean nodeReady = SimulatedKubelets.isReady(node);
            if (pod != null && !generation.equals(annotation(pod))) {
                delete(pod);
                pod = null;
            }
            if (pod == null) {
                client.pods().inNamespace(ds.getMetadata().getNamespace()).resource(newPod(ds, nodeName, generation, nodeReady)).create();
            } else if (PodStatuses.isReady(pod) != nodeReady) {
                client.pods().inNamespace(ds.getMetadata().getNamespace()).resource(PodStatuses.withReady(pod, nodeReady)).updateStatus();
            }
            ready += nodeReady ? 1 : 0;
        }
        byNode.values().forEach(this::delete);
        var status = ds.getStatus();
        if (status == null || !Objects.equals(status.getDesiredNumberScheduled(), desired) || !Objects.equals(status.getNumberReady(), ready)
                || !Objects.equals(status.getObservedGeneration(), ds.getMetadata().getGeneration())) {
            client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(new DaemonSetBuilder(ds).withNewStatus()
                    .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired).withUpdatedNumberScheduled(desired)
                    .withNumberReady(ready).withNumberAvailable(ready).withNumberUnavailable(desired - ready)
                    .withNumberMisscheduled(0).withObservedGeneration(ds.getMetadata().getGeneration()).endStatus().build())
                    .updateStatus();
        }
    }

    private Pod newPod(DaemonSet ds, String nodeName, String generation, boolean ready) {
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("DaemonSet")
                .withName(ds.getMetadata().getName()).withUid(ds.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(ds.getMetadata().getName() + "-" + suffix(nodeName))
                .withNamespace(ds.getMetadata().getNamespace())
                .withLabels(ds.getSpec().getTemplate().getMetadata() == null ? Map.of() : ds.getSpec().getTemplate().getMetadata().getLabels())
                .addToAnnotations(GENERATION_ANNOTATION, generation)
                .withOwnerReferences(owner).endMetadata()
                .withSpec(ds.getSpec().getTemplate().getSpec())
                .editSpec().withNodeName(nodeName).endSpec()
                .build();
        return PodStatuses.withReady(pod, ready);
    }

    private static boolean selects(DaemonSet ds, Node node) {
        Map<String, String> selector = ds.getSpec().getTemplate().getSpec().getNodeSelector();
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return selector == null || selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static Optional<String> daemonSetOwner(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null ? Optional.empty() : pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> "DaemonSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
                .map(OwnerReference::getUid).findFirst();
    }

    private static String annotation(Pod pod) {
        return pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(GENERATION_ANNOTATION);
    }

    /** A short stable suffix per node, as the DaemonSet controller's generated names look. */
    private static String suffix(String nodeName) {
        return Integer.toString(Math.floorMod(nodeName.hashCode(), 36 * 36 * 36 * 36 * 36), 36);
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }
}
