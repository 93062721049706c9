package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The kubelets (and the cloud controller manager's node lifecycle) of one simulated cluster: a Node per running
 * instance, Ready once {@code readyAfter} has passed since its instance ran (as a kubelet boots from its instance's
 * launch: {@link SimulatedInstance#runningBy()}, not from when the simulator noticed it); the four control-plane static pods (mirror
 * pods {@code kube-system/<component>-<node>}) on control-plane nodes, Ready while their node is; a Node whose
 * instance no longer runs is deleted with its pods. Test hooks hold a node NotReady or keep a static pod stopped.
 */
final class SimulatedKubelets {
    static final List<String> STATIC_PODS = List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd");
    static final String KUBE_SYSTEM = "kube-system";
    static final String CONTROL_PLANE_ROLE_LABEL = "node-role.kubernetes.io/control-plane";
    static final String NODE_ROLE_LABEL = "node-role.kubernetes.io/node";
    static final String INSTANCE_GROUP_LABEL = "kops.k8s.io/instancegroup";
    private static final String AWS_PROVIDER_PREFIX = "aws://";

    private final KubernetesClient client;
    private final Duration readyAfter;
    private final Clock clock;
    private final String kubeletVersion;
    /** Per Node, when its boot began (its instance's {@link SimulatedInstance#runningBy()}). */
    private final Map<String, Instant> registeredAt = new ConcurrentHashMap<>();
    private final Set<String> heldNotReady = ConcurrentHashMap.newKeySet();
    /** When the next registered Node is due to turn Ready, as of the last sync; null if none is waiting. */
    private volatile Instant nextReady;
    private final Set<String> stoppedStaticPods = ConcurrentHashMap.newKeySet();

    SimulatedKubelets(KubernetesClient client, Duration readyAfter, Clock clock, String kubeletVersion) {
        this.client = client;
        this.readyAfter = readyAfter;
        this.clock = clock;
        this.kubeletVersion = kubeletVersion;
    }

    /** One pass over the cluster's running instances. */
    void sync(List<SimulatedInstance> running) {
        Map<String, Node> nodes = client.nodes().list().getItems().stream()
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n, (a, b) -> a, LinkedHashMap::new));
        Set<String> runningProviderIds = running.stream().map(SimulatedInstance::providerId).collect(Collectors.toSet());
        for (Node node : nodes.values()) {
            String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
            if (providerId != null && providerId.startsWith(AWS_PROVIDER_PREFIX) && !runningProviderIds.contains(providerId)) {
                removeNode(node.getMetadata().getName());
            }
        }
        Map<String, Pod> pods = new HashMap<>();
        client.pods().inNamespace(KUBE_SYSTEM).list().getItems().forEach(p -> pods.put(p.getMetadata().getName(), p));
        Instant due = null;
        for (SimulatedInstance instance : running) {
            Node node = nodes.get(instance.nodeName());
            if (node == null) {
                registeredAt.put(instance.nodeName(), instance.runningBy());
                node = client.nodes().resource(newNode(instance, shouldBeReady(instance.nodeName()))).create();
            }
            boolean ready = shouldBeReady(instance.nodeName());
            if (isReady(node) != ready) {
                node = client.nodes().resource(withReady(node, ready)).updateStatus();
            }
            if (!ready && !heldNotReady.contains(instance.nodeName())) {
                Instant at = registeredAt.get(instance.nodeName()).plus(readyAfter);
                due = due == null || at.isBefore(due) ? at : due;
            }
            if (instance.controlPlane()) {
                for (String component : STATIC_PODS) {
                    staticPod(instance, component, ready, pods.get(component + "-" + instance.nodeName()));
                }
            }
        }
        nextReady = due;
    }

    /** When a Node registered so far is next due to turn Ready; empty if none waits. */
    Optional<Instant> nextReady() {
        return Optional.ofNullable(nextReady);
    }

    void holdNotReady(String nodeName) {
        heldNotReady.add(nodeName);
    }

    void release(String nodeName) {
        heldNotReady.remove(nodeName);
    }

    void stopStaticPod(String component, String nodeName) {
        stoppedStaticPods.add(component + "-" + nodeName);
    }

    void startStaticPod(String component, String nodeName) {
        stoppedStaticPods.remove(component + "-" + nodeName);
    }

    private boolean shouldBeReady(String nodeName) {
        Instant since = registeredAt.computeIfAbsent(nodeName, n -> clock.instant());
        return !heldNotReady.contains(nodeName) && !clock.instant().isBefore(since.plus(readyAfter));
    }

    private void removeNode(String nodeName) {
        client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getSpec() != null && nodeName.equals(p.getSpec().getNodeName()))
                .forEach(p -> client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete());
        client.nodes().withName(nodeName).delete();
        registeredAt.remove(nodeName);
    }

    private void staticPod(SimulatedInstance instance, String component, boolean ready, Pod existing) {
        String name = component + "-" + instance.nodeName();
        if (stoppedStaticPods.contains(name)) {
            if (existing != null) {
                client.pods().inNamespace(KUBE_SYSTEM).withName(name).delete();
            }
            return;
        }
        if (existing == null) {
            client.pods().inNamespace(KUBE_SYSTEM).resource(PodStatuses.withReady(new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace(KUBE_SYSTEM)
                    .addToLabels("component", component).addToLabels("tier", "control-plane")
                    .addToAnnotations("kubernetes.io/config.source", "file")
                    .addToAnnotations("kubernetes.io/config.mirror", "simulated")
                    .endMetadata()
                    .withNewSpec().withNodeName(instance.nodeName()).withPriorityClassName("system-node-critical")
                    .withHostNetwork(true)
                    .addNewContainer().withName(component).withImage("registry.k8s.io/" + component + ":" + kubeletVersion).endContainer()
                    .endSpec().build(), ready)).create();
        } else if (PodStatuses.isReady(existing) != ready) {
            client.pods().inNamespace(KUBE_SYSTEM).resource(PodStatuses.withReady(existing, ready)).updateStatus();
        }
    }

    private Node newNode(SimulatedInstance instance, boolean ready) {
        String zone = instance.zone();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", instance.nodeName());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", String.valueOf(instance.instanceType()));
        labels.put("topology.kubernetes.io/zone", zone);
        labels.put("topology.kubernetes.io/region", zone.substring(0, zone.length() - 1));
        labels.put(instance.controlPlane() ? CONTROL_PLANE_ROLE_LABEL : NODE_ROLE_LABEL, "");
        if (!instance.group().isEmpty()) {
            labels.put(INSTANCE_GROUP_LABEL, instance.group());
        }
        NodeBuilder node = new NodeBuilder()
                .withNewMetadata().withName(instance.nodeName()).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID(instance.providerId()).endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(instance.privateIp()).endAddress()
                .addNewAddress().withType("Hostname").withAddress(instance.nodeName()).endAddress()
                .withNewNodeInfo().withKubeletVersion(kubeletVersion).withOperatingSystem("linux").withArchitecture("amd64")
                .withContainerRuntimeVersion("containerd://1.7.24").endNodeInfo()
                .endStatus();
        if (instance.controlPlane()) {
            node.editSpec().addNewTaint().withKey(CONTROL_PLANE_ROLE_LABEL).withEffect("NoSchedule").endTaint().endSpec();
        }
        return withReady(node.build(), ready);
    }

    private Node withReady(Node node, boolean ready) {
        String now = clock.instant().toString();
        return new NodeBuilder(node).editStatus().withConditions(List.of(new NodeConditionBuilder()
                .withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady")
                .withMessage(ready ? "kubelet is posting ready status" : "simulated: not ready")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).build())).endStatus().build();
    }

    static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
