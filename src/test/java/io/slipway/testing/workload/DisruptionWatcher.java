package io.slipway.testing.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.testing.kube.DisruptionBudgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watches a simulated cluster during a roll and records, at every change of a Node, Pod, PodDisruptionBudget or
 * Deployment, how many nodes of each watched instance group are unavailable (expected size minus the group's nodes
 * that are Ready and schedulable: NotReady, cordoned and missing nodes all count) and each budget's numbers,
 * recomputed from the pods (not read from the budget's status), expecting the replicas of the Deployments whose pod
 * template the budget selects, so that pods deleted outright still count as missing. A test asserts afterwards; the assertions fail
 * when the watcher saw no change at all, so a watcher that was never connected cannot pass.
 */
public final class DisruptionWatcher implements AutoCloseable {
    /** One observation, after the {@code event}-th change ({@code cause}: kind/name). */
    public record Sample(int event, String cause, Map<String, Integer> unavailable, Map<String, DisruptionBudgets.Numbers> budgets) {
    }

    private final Map<String, Integer> groupSizes;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final SharedIndexInformer<Node> nodes;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<PodDisruptionBudget> budgets;
    private final SharedIndexInformer<Deployment> deployments;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean started;

    private DisruptionWatcher(KubernetesClient client, Map<String, Integer> groupSizes) {
        this.groupSizes = Map.copyOf(groupSizes);
        this.nodes = client.nodes().runnableInformer(0);
        this.pods = client.pods().inAnyNamespace().runnableInformer(0);
        this.budgets = client.policy().v1().podDisruptionBudget().inAnyNamespace().runnableInformer(0);
        this.deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        informers.addAll(List.of(nodes, pods, budgets, deployments));
        informers.forEach(i -> ((SharedIndexInformer<HasMetadata>) i).addEventHandler(new Recorder()));
    }

    /**
     * Starts watching; returns once the first lists are in.
     *
     * @param groupSizes the expected number of nodes per instance group (label {@code kops.k8s.io/instancegroup})
     */
    @SuppressWarnings("unchecked")
    public static DisruptionWatcher start(KubernetesClient client, Map<String, Integer> groupSizes) {
        DisruptionWatcher watcher = new DisruptionWatcher(client, groupSizes);
        for (SharedIndexInformer<?> informer : watcher.informers) {
            try {
                informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                watcher.close();
                throw new IllegalStateException("the disruption watcher could not start", e);
            }
        }
        watcher.started = true;
        watcher.record("start");
        return watcher;
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The most nodes of the group ever unavailable at once. */
    public synchronized int maxUnavailable(String group) {
        requireEvents();
        return samples.stream().mapToInt(s -> s.unavailable().getOrDefault(group, 0)).max().orElse(0);
    }

    /** Fails with the first sample where more than {@code maxUnavailable} nodes of the group were unavailable. */
    public synchronized void assertNeverExceeded(String group, int maxUnavailable) {
        requireEvents();
        samples.stream().filter(s -> s.unavailable().getOrDefault(group, 0) > maxUnavailable).findFirst().ifPresent(s -> {
            throw new AssertionError(s.unavailable().get(group) + " nodes of " + group + " unavailable (at most " + maxUnavailable
                    + " allowed) after change #" + s.event() + " (" + s.cause() + ")");
        });
    }

    /** Fails with the first sample where a budget had fewer healthy pods than it requires. */
    public synchronized void assertNoBudgetViolated() {
        requireEvents();
        for (Sample s : samples) {
            s.budgets().forEach((name, numbers) -> {
                if (numbers.violated()) {
                    throw new AssertionError("budget " + name + " violated after change #" + s.event() + " (" + s.cause() + "): "
                            + numbers.currentHealthy() + " healthy, " + numbers.desiredHealthy() + " required");
                }
            });
        }
    }

    private void requireEvents() {
        if (samples.size() < 2) {
            throw new AssertionError("the disruption watcher saw no change at all: was it watching the right cluster?");
        }
    }

    private synchronized void record(String cause) {
        if (!started) {
            return;
        }
        Map<String, Integer> unavailable = new LinkedHashMap<>();
        groupSizes.forEach((group, size) -> {
            long available = nodes.getStore().list().stream()
                    .filter(n -> n.getMetadata().getLabels() != null && group.equals(n.getMetadata().getLabels().get(SimulatedKubelets.INSTANCE_GROUP_LABEL)))
                    .filter(n -> SimulatedKubelets.isReady(n) && !(n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())))
                    .count();
            unavailable.put(group, (int) Math.max(0, size - available));
        });
        Map<String, DisruptionBudgets.Numbers> numbers = new LinkedHashMap<>();
        for (PodDisruptionBudget pdb : budgets.getStore().list()) {
            String namespace = pdb.getMetadata().getNamespace();
            List<JsonNode> namespacePods = pods.getStore().list().stream().filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                    .map(DisruptionWatcher::json).toList();
            JsonNode budget = json(pdb);
            int expected = deployments.getStore().list().stream().filter(d -> namespace.equals(d.getMetadata().getNamespace()))
                    .filter(d -> DisruptionBudgets.selects(budget, json(d.getSpec().getTemplate())))
                    .mapToInt(d -> Optional.ofNullable(d.getSpec().getReplicas()).orElse(1)).sum();
            numbers.put(namespace + "/" + pdb.getMetadata().getName(), DisruptionBudgets.numbers(budget, namespacePods, expected));
        }
        samples.add(new Sample(samples.size(), cause, unavailable, numbers));
    }

    private static JsonNode json(Object object) {
        return Serialization.jsonMapper().valueToTree(object);
    }

    private final class Recorder implements ResourceEventHandler<HasMetadata> {
        @Override
        public void onAdd(HasMetadata obj) {
            record("added " + obj.getKind() + " " + obj.getMetadata().getName());
        }

        @Override
        public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
            record("updated " + newObj.getKind() + " " + newObj.getMetadata().getName());
        }

        @Override
        public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
            record("deleted " + obj.getKind() + " " + obj.getMetadata().getName());
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
