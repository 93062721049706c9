package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The ReplicaSet controller, scheduler and kubelets for the Deployments of a simulated cluster, one pass per sync:
 * each Deployment keeps {@code replicas} pods (owned by the Deployment itself; no ReplicaSet objects), new ones
 * Pending until {@link PodScheduler} binds them, then Running and Ready {@code podReadyAfter} after binding while
 * their node is Ready. An evicted or deleted pod, or one whose node went away, is replaced by a new pod that the
 * scheduler places on another node; a cordoned node gets none. The Deployment's status counts its pods.
 */
final class DeploymentPods {
    static final String BOUND_AT_ANNOTATION = "simulator.slipway.io/bound-at";

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong();
    private volatile Duration podReadyAfter = Duration.ZERO;

    DeploymentPods(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void setPodReadyAfter(Duration podReadyAfter) {
        this.podReadyAfter = podReadyAfter;
    }

    void sync() {
        List<Node> nodes = client.nodes().list().getItems();
        Map<String, Node> nodesByName = nodes.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
        List<Pod> allPods = new ArrayList<>(client.pods().inAnyNamespace().list().getItems());
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            sync(deployment, nodes, nodesByName, allPods);
        }
    }

    private void sync(Deployment deployment, List<Node> nodes, Map<String, Node> nodesByName, List<Pod> allPods) {
        String uid = deployment.getMetadata().getUid();
        String namespace = deployment.getMetadata().getNamespace();
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : allPods) {
            if (ownerUid(pod).filter(uid::equals).isEmpty() || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String nodeName = pod.getSpec().getNodeName();
            if (nodeName != null && !nodesByName.containsKey(nodeName)) {
                delete(pod);
                continue;
            }
            owned.add(pod);
        }
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        owned.sort(Comparator.comparing((Pod p) -> p.getSpec().getNodeName() == null)
                .thenComparing(p -> !PodStatuses.isReady(p))
                .thenComparing(p -> p.getMetadata().getName()));
        while (owned.size() > replicas) {
            delete(owned.remove(owned.size() - 1));
        }
        while (owned.size() < replicas) {
            Pod created = client.pods().inNamespace(namespace).resource(newPod(deployment)).create();
            owned.add(created);
            allPods.add(created);
        }
        int ready = 0;
        for (int i = 0; i < owned.size(); i++) {
            Pod pod = owned.get(i);
            if (pod.getSpec().getNodeName() == null) {
                Optional<String> node = PodScheduler.pick(pod, nodes, scheduled(allPods), uid);
                if (node.isEmpty()) {
                    continue;
                }
                allPods.remove(pod);
                pod = bind(pod, node.get());
                allPods.add(pod);
                owned.set(i, pod);
            }
            boolean shouldBeReady = shouldBeReady(pod, nodesByName.get(pod.getSpec().getNodeName()));
            if (PodStatuses.isReady(pod) != shouldBeReady) {
                pod = client.pods().inNamespace(namespace).resource(PodStatuses.withReady(pod, shouldBeReady)).updateStatus();
            }
            ready += shouldBeReady ? 1 : 0;
        }
        updateStatus(deployment, owned.size(), ready);
    }

    private boolean shouldBeReady(Pod pod, Node node) {
        if (node == null || !SimulatedKubelets.isReady(node)) {
            return false;
        }
        String boundAt = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(BOUND_AT_ANNOTATION);
        return boundAt == null || !clock.instant().isBefore(Instant.parse(boundAt).plus(podReadyAfter));
    }

    private Pod bind(Pod pod, String nodeName) {
        Pod bound = new PodBuilder(pod).editMetadata().addToAnnotations(BOUND_AT_ANNOTATION, clock.instant().toString()).endMetadata()
                .editSpec().withNodeName(nodeName).endSpec().build();
        bound = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(bound).update();
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(PodStatuses.withReady(bound, false)).updateStatus();
    }

    private Pod newPod(Deployment deployment) {
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        var template = deployment.getSpec().getTemplate();
        return new PodBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + Long.toString(serial.incrementAndGet(), 36))
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels())
                .withOwnerReferences(owner).endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Pending")
                .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable").build())
                .endStatus()
                .build();
    }

    private void updateStatus(Deployment deployment, int replicas, int ready) {
        var status = deployment.getStatus();
        Long generation = deployment.getMetadata().getGeneration();
        if (status != null && Objects.equals(status.getReplicas(), replicas) && Objects.equals(status.getReadyReplicas(), ready)
                && Objects.equals(status.getObservedGeneration(), generation)) {
            return;
        }
        try {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(new DeploymentBuilder(deployment)
                    .withNewStatus().withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready)
                    .withAvailableReplicas(ready).withUnavailableReplicas(replicas - ready).withObservedGeneration(generation)
                    .endStatus().build()).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }

    private static List<Pod> scheduled(List<Pod> pods) {
        return pods.stream().filter(p -> p.getSpec().getNodeName() != null && p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static Optional<String> ownerUid(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null ? Optional.empty() : pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> "Deployment".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
                .map(OwnerReference::getUid).findFirst();
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }
}
