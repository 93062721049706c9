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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The ReplicaSet controller, scheduler and kubelets for the Deployments of a simulated cluster, one pass per sync:
 * each Deployment keeps {@code replicas} pods (owned by the Deployment itself; no ReplicaSet objects), new ones
 * Pending until {@link PodScheduler} binds them, then Running and Ready {@code podReadyAfter} after binding while
 * their node is Ready. An evicted or deleted pod, or one whose node went away, is replaced by a new pod that the
 * scheduler places on another node; a cordoned node gets none. The Deployment's status counts its pods.
 * <p>
 * A pod whose template sets {@code terminationGracePeriodSeconds} takes that long to go once evicted or deleted, like a
 * container that uses its whole grace period after SIGTERM: it stays, with its deletionTimestamp, until the kubelet
 * (this class) lets it go, so a drain of its node lasts that long. A pod whose node went away goes at once.
 */
final class DeploymentPods {
    static final String BOUND_AT_ANNOTATION = "simulator.slipway.io/bound-at";
    /** Holds a terminating pod for its grace period (the mock API deletes an object once its last finalizer goes). */
    static final String TERMINATION_FINALIZER = "simulator.slipway.io/graceful-termination";

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong();
    /** When this kubelet first saw each terminating pod (by uid): its grace period runs from then. */
    private final Map<String, Instant> terminatingSince = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Duration podReadyAfter = Duration.ZERO;
    /** When the next terminating pod's grace period ends, as of the last sync; null if none is terminating. */
    private volatile Instant nextGone;
    private Instant due;

    DeploymentPods(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void setPodReadyAfter(Duration podReadyAfter) {
        this.podReadyAfter = podReadyAfter;
    }

    /** When a terminating pod seen so far is next due to go; empty if none is. */
    Optional<Instant> nextGone() {
        return Optional.ofNullable(nextGone);
    }

    void sync() {
        due = null;
        List<Node> nodes = client.nodes().list().getItems();
        Map<String, Node> nodesByName = nodes.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
        List<Pod> allPods = new ArrayList<>(client.pods().inAnyNamespace().list().getItems());
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            sync(deployment, nodes, nodesByName, allPods);
        }
        nextGone = due;
    }

    private void sync(Deployment deployment, List<Node> nodes, Map<String, Node> nodesByName, List<Pod> allPods) {
        String uid = deployment.getMetadata().getUid();
        String namespace = deployment.getMetadata().getNamespace();
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : allPods) {
            if (ownerUid(pod).filter(uid::equals).isEmpty()) {
                continue;
            }
            String nodeName = pod.getSpec().getNodeName();
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                terminate(pod, nodeName == null || !nodesByName.containsKey(nodeName));
                continue;
            }
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

    /** Lets a terminating pod go once its grace period has run since it was first seen terminating (at once if its node is gone). */
    private void terminate(Pod pod, boolean nodeGone) {
        List<String> finalizers = pod.getMetadata().getFinalizers();
        if (finalizers == null || !finalizers.contains(TERMINATION_FINALIZER)) {
            return;
        }
        String podUid = pod.getMetadata().getUid();
        Instant since = terminatingSince.computeIfAbsent(podUid, k -> clock.instant());
        long grace = Optional.ofNullable(pod.getSpec().getTerminationGracePeriodSeconds()).orElse(0L);
        if (!nodeGone && clock.instant().isBefore(since.plusSeconds(grace))) {
            Instant at = since.plusSeconds(grace);
            due = due == null || at.isBefore(due) ? at : due;
            return;
        }
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> new PodBuilder(p).editMetadata().removeFromFinalizers(TERMINATION_FINALIZER).endMetadata().build());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
            if (e.getCode() == 409) {
                return;
            }
        }
        terminatingSince.remove(podUid);
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
        Long grace = template.getSpec() == null ? null : template.getSpec().getTerminationGracePeriodSeconds();
        List<String> finalizers = grace != null && grace > 0 ? List.of(TERMINATION_FINALIZER) : List.of();
        return new PodBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + Long.toString(serial.incrementAndGet(), 36))
                .withNamespace(deployment.getMetadata().getNamespace()).withFinalizers(finalizers)
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
}
