package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One informer on the Nodes of each connected workload cluster, so that what waits on nodes (a replacement's node
 * turning Ready, a node going NotReady or away, a node annotated slipway.io/needs-update) is woken when it happens
 * instead of at the next poll. An informer starts when the {@link WorkloadConnector} makes a client of a cluster and
 * stops when that client is replaced or closed (the Cluster or its kubeconfig Secret gone). An API that does not answer
 * yet is retried by the informer, with its backoff, for as long as the client lives.
 * <p>
 * Subscribers hear the cluster ({@code <namespace>/<name>}) whose Nodes changed in a way that matters (a Node added or
 * removed; its readiness, schedulability, providerID, instance group label or needs-update annotation changed; not the
 * kubelet's heartbeats), with the instance groups of those Nodes (their {@value #INSTANCE_GROUP_LABEL} label; a Node
 * without one concerns every group). A change after a quiet spell is heard at once (a node turning Ready wakes its
 * group without delay); the changes that follow it within {@link #COALESCE} are gathered and heard once at its end,
 * so a burst (an informer's first list, a batch of replacements joining) is heard at most twice per
 * {@link #COALESCE} per cluster.
 * <p>
 * While a node is drained ({@link #watchPodsOf}), the pods of that node are watched too (a field selector on
 * {@code spec.nodeName}, so only that node's pods), and a pod of it gone is heard at once by its group's subscribers:
 * the drain learns the moment its last pod is gone instead of at its next poll.
 */
public final class NodeWatches implements WorkloadConnector.Listener, AutoCloseable {
    /** How long the changes of one cluster that follow a change heard at once are gathered before they are heard. */
    public static final Duration COALESCE = Duration.ofMillis(200);
    static final String NEEDS_UPDATE_ANNOTATION = "slipway.io/needs-update";
    static final String INSTANCE_GROUP_LABEL = "kops.k8s.io/instancegroup";

    private static final Logger LOG = Logger.getLogger(NodeWatches.class);

    private final Map<String, SharedIndexInformer<Node>> informers = new ConcurrentHashMap<>();
    /** Per {@code <cluster> <node>}, the watch of the pods of a node being drained. */
    private final Map<String, Watch> drains = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();
    /**
     * Per cluster whose changes are being gathered (a change was heard less than {@link #COALESCE} ago), the groups
     * whose Nodes changed since ({@link #EVERY_GROUP}: any); no entry: the next change is heard at once.
     */
    private final Map<String, Set<String>> pending = new java.util.HashMap<>();
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-node-watches");
        t.setDaemon(true);
        return t;
    });

    /**
     * Nodes of {@code cluster} changed.
     *
     * @param groups the instance groups of those Nodes; empty when a Node without a group changed (it may matter to any)
     */
    public record Change(String cluster, java.util.Optional<Set<String>> groups) {
        /** Whether the change may matter to the group named {@code group}. */
        public boolean concerns(String group) {
            return groups.isEmpty() || groups.get().contains(group);
        }
    }

    public void subscribe(Consumer<Change> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber));
    }

    /** With the last subscriber gone (the operator stopping), no informer is kept running for nobody. */
    public void unsubscribe(Consumer<Change> subscriber) {
        subscribers.remove(subscriber);
        if (subscribers.isEmpty()) {
            informers.keySet().forEach(cluster -> stop(informers.remove(cluster)));
        }
    }

    /** The clusters whose Nodes are watched now. */
    public Set<String> watched() {
        return Set.copyOf(informers.keySet());
    }

    @Override
    public void connected(String cluster, KubernetesClient client) {
        SharedIndexInformer<Node> informer = client.nodes().runnableInformer(0);
        informer.exceptionHandler((started, error) -> {
            LOG.debugf("watching the Nodes of %s: %s; retrying", cluster, WorkloadApiErrors.describe(error));
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                changed(cluster, node);
            }

            @Override
            public void onUpdate(Node before, Node after) {
                if (!signature(before).equals(signature(after))) {
                    changed(cluster, before);
                    changed(cluster, after);
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                changed(cluster, node);
            }
        });
        stop(informers.put(cluster, informer));
        informer.start();
        LOG.debugf("watching the Nodes of %s", cluster);
    }

    @Override
    public void disconnected(String cluster) {
        stop(informers.remove(cluster));
        drains.keySet().stream().filter(k -> k.startsWith(drainKey(cluster, ""))).forEach(k -> close(drains.remove(k)));
    }

    @Override
    public void close() {
        informers.keySet().forEach(cluster -> stop(informers.remove(cluster)));
        drains.keySet().forEach(k -> close(drains.remove(k)));
        notifier.shutdownNow();
    }

    /**
     * Until {@link #forgetPodsOf}, a pod of {@code nodeName} deleted is heard at once by the subscribers of
     * {@code group}. Repeating it is a no-op; a watch that cannot be made or that closes leaves the drain to its poll
     * (the next call makes it again).
     */
    public void watchPodsOf(String cluster, KubernetesClient client, String nodeName, String group) {
        String key = drainKey(cluster, nodeName);
        drains.computeIfAbsent(key, k -> {
            try {
                return client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        // the field selector is the API server's filter; this one keeps its meaning where it is ignored
                        if (action == Action.DELETED && pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName())) {
                            tellNow(new Change(cluster, java.util.Optional.of(Set.of(group))));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        drains.remove(key);
                    }
                });
            } catch (RuntimeException e) {
                LOG.debugf("watching the pods of node %s of %s: %s", nodeName, cluster, WorkloadApiErrors.describe(e));
                return null;
            }
        });
    }

    /** The drain of {@code nodeName} is over: its pods are no longer watched. */
    public void forgetPodsOf(String cluster, String nodeName) {
        close(drains.remove(drainKey(cluster, nodeName)));
    }

    /** Whether the pods of {@code nodeName} are watched now. */
    public boolean watchesPodsOf(String cluster, String nodeName) {
        return drains.containsKey(drainKey(cluster, nodeName));
    }

    private static String drainKey(String cluster, String nodeName) {
        return cluster + " " + nodeName;
    }

    private void tellNow(Change change) {
        try {
            notifier.execute(() -> subscribers.forEach(s -> s.accept(change)));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: nobody to tell
        }
    }

    private static void close(Watch watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing a pod watch: %s", e.getMessage());
            }
        }
    }

    private void changed(String cluster, Node node) {
        String group = node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(INSTANCE_GROUP_LABEL);
        boolean quiet;
        synchronized (pending) {
            Set<String> groups = pending.get(cluster);
            quiet = groups == null;
            if (quiet) {
                pending.put(cluster, new java.util.HashSet<>());
            } else {
                groups.add(group == null ? EVERY_GROUP : group);
            }
        }
        if (quiet) {
            tellNow(new Change(cluster, group == null ? java.util.Optional.empty() : java.util.Optional.of(Set.of(group))));
            gatherFor(cluster);
        }
    }

    /** Ends the gathering of {@code cluster}'s changes {@link #COALESCE} from now. */
    private void gatherFor(String cluster) {
        try {
            notifier.schedule(() -> tell(cluster), COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            synchronized (pending) {
                pending.remove(cluster);
            }
        }
    }

    private static final String EVERY_GROUP = "";

    /** The end of a gathering: what was gathered is heard, and the next changes are gathered again; none: quiet. */
    private void tell(String cluster) {
        Set<String> groups;
        synchronized (pending) {
            groups = pending.get(cluster);
            if (groups == null) {
                return;
            }
            if (groups.isEmpty()) {
                pending.remove(cluster);
                return;
            }
            pending.put(cluster, new java.util.HashSet<>());
        }
        gatherFor(cluster);
        Change change = new Change(cluster, groups.contains(EVERY_GROUP) ? java.util.Optional.empty()
                : java.util.Optional.of(Set.copyOf(groups)));
        subscribers.forEach(s -> s.accept(change));
    }

    /** What of a Node the operator acts on; heartbeats and resource versions are left out. */
    static String signature(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        Map<String, String> labels = node.getMetadata().getLabels();
        return NodeIndex.isReady(node) + "|" + (node.getSpec() == null ? null : node.getSpec().getUnschedulable()) + "|"
                + (node.getSpec() == null ? null : node.getSpec().getProviderID()) + "|"
                + (labels == null ? null : labels.get(INSTANCE_GROUP_LABEL)) + "|"
                + (annotations != null && annotations.containsKey(NEEDS_UPDATE_ANNOTATION));
    }

    private static void stop(SharedIndexInformer<Node> informer) {
        if (informer != null) {
            try {
                informer.stop();
            } catch (RuntimeException e) {
                LOG.debugf("stopping a Node informer: %s", e.getMessage());
            }
        }
    }
}
