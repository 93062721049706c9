package io.slipway.testing.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.testing.kube.KubeApiServer;
import io.slipway.testing.kube.KubeApiServer.ServerTls;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One simulated workload cluster: its own Kubernetes API (the embedded test API over HTTPS, certificate from the
 * cluster's CA), the kubelets of its instances and the DaemonSet pods. Hooks let a test break it as a real cluster
 * breaks: a node NotReady, a static pod stopped.
 */
public final class SimulatedCluster implements AutoCloseable {
    private final String namespace;
    private final String name;
    private final KubeApiServer api;
    private final SimulatedKubelets kubelets;
    private final DaemonSetPods daemonSets;
    private final DeploymentPods deployments;
    private final SimulatedEtcd etcd;

    SimulatedCluster(String namespace, String name, ServerTls tls, int port, Duration readyAfter, Clock clock) {
        this.namespace = namespace;
        this.name = name;
        this.api = KubeApiServer.startTls(port, tls);
        this.kubelets = new SimulatedKubelets(api.client(), readyAfter, clock, "v" + KubeApiServer.KUBERNETES_VERSION);
        this.daemonSets = new DaemonSetPods(api.client());
        this.deployments = new DeploymentPods(api.client(), clock);
        this.etcd = new SimulatedEtcd(api.client(), clock);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** {@code https://127.0.0.1:PORT}: what the operator's endpoint override names for this cluster. */
    public String url() {
        return api.url();
    }

    /** The simulator's own client (a system:masters certificate of the cluster's CA); closed with the cluster. */
    public KubernetesClient client() {
        return api.client();
    }

    public KubeApiServer api() {
        return api;
    }

    /**
     * One pass: Nodes and static pods for the running instances, DaemonSet pods on the Nodes, Deployment pods
     * (replaced and scheduled), then etcd membership and the member-removal Jobs.
     */
    void sync(List<SimulatedInstance> running) {
        kubelets.sync(running);
        daemonSets.sync();
        deployments.sync();
        etcd.sync();
    }

    /** When something already under way is due (a Node to turn Ready, a terminating pod to go); empty if nothing is. */
    java.util.Optional<java.time.Instant> nextChange() {
        return java.util.stream.Stream.of(kubelets.nextReady(), deployments.nextGone()).flatMap(java.util.Optional::stream)
                .min(java.time.Instant::compareTo);
    }

    /** How long a Deployment's pod takes from being bound to a node to Ready (default: at once). */
    public void setPodReadyAfter(Duration podReadyAfter) {
        deployments.setPodReadyAfter(podReadyAfter);
    }

    /** The etcd members now: one per control-plane node that joined, named like the node, until a Job removes it. */
    public List<String> etcdMembers() {
        return etcd.members();
    }

    /** Every member removal a {@code slipway.io/etcd-member-remove} Job carried out, in order. */
    public List<SimulatedEtcd.Removal> etcdRemovals() {
        return etcd.removals();
    }

    /** While set, member-removal Jobs fail (BackoffLimitExceeded) instead of removing the member. */
    public void failEtcdRemovals(boolean fail) {
        etcd.failRemovals(fail);
    }

    /** The node's kubelet stops posting Ready (from the next sync on) until {@link #makeNodeReady}. */
    public void makeNodeNotReady(String nodeName) {
        kubelets.holdNotReady(nodeName);
    }

    public void makeNodeReady(String nodeName) {
        kubelets.release(nodeName);
    }

    /** The static pod {@code component} (kube-apiserver, kube-controller-manager, kube-scheduler, etcd) stops on the node. */
    public void stopStaticPod(String component, String nodeName) {
        kubelets.stopStaticPod(component, nodeName);
    }

    public void startStaticPod(String component, String nodeName) {
        kubelets.startStaticPod(component, nodeName);
    }

    @Override
    public void close() {
        api.close();
    }
}
