package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus.RolloutInstance;
import io.slipway.api.InstanceGroupStatus.RolloutStatus;
import io.slipway.workload.NodeIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * For the roll benchmark: where each batch's time goes. It watches one group's status.rollout (every patch the rollout
 * controller makes) and the workload's Nodes, stamping each change with the time it was seen, and then tells per batch
 * when its instances entered each step, when the gate counted its passes and when the replacement Nodes turned Ready.
 * Steps a reconcile moved through at once show at the same time.
 */
final class RollBreakdown implements AutoCloseable {
    private record Seen(long millis, RolloutStatus rollout) {
    }

    private final long start = System.nanoTime();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    /** The Nodes seen Ready (a name can come back with a new instance: it is forgotten when its Node goes). */
    private final Map<String, Long> nodeReady = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Every time a Node was first seen Ready. */
    private final List<Long> readyHistory = new ArrayList<>();
    private final Watch groupWatch;
    private final Watch nodeWatch;

    RollBreakdown(KubernetesClient management, String namespace, String group, KubernetesClient workload) {
        groupWatch = management.resources(InstanceGroup.class).inNamespace(namespace).withName(group).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, InstanceGroup ig) {
                if (ig.getStatus() != null && ig.getStatus().rollout != null) {
                    seen.add(new Seen(now(), ig.getStatus().rollout));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        nodeWatch = workload.nodes().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Node node) {
                String name = node.getMetadata().getName();
                synchronized (nodeReady) {
                    if (action == Action.DELETED) {
                        nodeReady.remove(name);
                    } else if (NodeIndex.isReady(node) && !nodeReady.containsKey(name)) {
                        nodeReady.put(name, now());
                        readyHistory.add(now());
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Milliseconds since this breakdown started. */
    long elapsed() {
        return now();
    }

    /** One line per batch: the times (seconds since {@code t0Millis}) it reached each step, and the gaps. */
    String report(long t0Millis) {
        List<Seen> all;
        synchronized (seen) {
            all = List.copyOf(seen);
        }
        // an instance belongs to the batch it first appeared with; a batch's step time is when its first instance got there
        Map<String, Integer> batchOf = new LinkedHashMap<>();
        Map<Integer, Map<String, Long>> batches = new LinkedHashMap<>();
        Map<Integer, Long> preGate = new LinkedHashMap<>();
        for (Seen s : all) {
            List<RolloutInstance> inFlight = s.rollout().inFlight == null ? List.of() : s.rollout().inFlight;
            if (inFlight.isEmpty()) {
                if (s.rollout().validationPasses == 1) {
                    preGate.putIfAbsent(batches.size() + 1, s.millis());
                }
                continue;
            }
            int batch = inFlight.stream().map(i -> batchOf.get(i.id)).filter(Objects::nonNull).findFirst()
                    .orElse(batches.size() + 1);
            inFlight.forEach(i -> batchOf.putIfAbsent(i.id, batch));
            Map<String, Long> steps = batches.computeIfAbsent(batch, k -> new LinkedHashMap<>());
            for (RolloutInstance i : inFlight) {
                steps.putIfAbsent(i.step, s.millis());
            }
            steps.putIfAbsent("first", s.millis());
            if (inFlight.stream().anyMatch(i -> "Validate".equals(i.step)) && s.rollout().validationPasses == 1) {
                steps.putIfAbsent("pass1", s.millis());
            }
        }
        for (Map.Entry<Integer, Map<String, Long>> b : batches.entrySet()) {
            long first = b.getValue().get("first");
            all.stream().filter(s -> s.millis() > first && (s.rollout().inFlight == null || s.rollout().inFlight.stream()
                            .noneMatch(i -> Objects.equals(batchOf.get(i.id), b.getKey()))))
                    .findFirst().ifPresent(s -> b.getValue().put("done", s.millis()));
        }
        StringBuilder out = new StringBuilder("ROLL BREAKDOWN (s since the spec change; [gap from the previous column]);"
                + " gate1: the gate's first pass before the batch (after the previous batch's terminations); detach: its"
                + " second pass, which writes the batch's detach; detached: the DetachInstances call made; validate,"
                + " pass1, drain: the gate before the drain (drain = its second pass); done: terminated\n");
        List<Long> readyTimes;
        synchronized (nodeReady) {
            readyTimes = new ArrayList<>(readyHistory);
        }
        Long previousDone = null;
        for (Map.Entry<Integer, Map<String, Long>> b : batches.entrySet()) {
            Map<String, Long> t = b.getValue();
            Long detach = t.get("Detach");
            Long detached = t.get("WaitForReplacements");
            Long validate = t.get("Validate");
            Long pass1 = t.get("pass1");
            Long drain = t.get("Drain");
            Long terminate = t.get("Terminate");
            Long done = t.get("done");
            Long gate1 = preGate.get(b.getKey());
            // the replacement Nodes: Ready after this batch's detach, no later than its Validate
            Long lastReady = detach == null || validate == null ? null : readyTimes.stream()
                    .filter(r -> r > detach && r <= validate).max(Long::compare).orElse(null);
            out.append(String.format("batch %2d: gate1 %s [%s] detach %s [%s] detached %s [%s] nodesReady %s [%s] "
                            + "validate %s [%s] pass1 %s [%s] drain %s [%s] terminate %s [%s] done %s [%s] | total %s%n",
                    b.getKey(), sec(gate1, t0Millis), gap(previousDone, gate1), sec(detach, t0Millis),
                    gap(gate1 == null ? previousDone : gate1, detach), sec(detached, t0Millis), gap(detach, detached),
                    sec(lastReady, t0Millis), gap(detached, lastReady), sec(validate, t0Millis), gap(lastReady, validate),
                    sec(pass1, t0Millis), gap(validate, pass1), sec(drain, t0Millis), gap(pass1, drain),
                    sec(terminate, t0Millis), gap(drain, terminate), sec(done, t0Millis), gap(terminate, done),
                    gap(previousDone == null ? Long.valueOf(t0Millis) : previousDone, done)));
            previousDone = done;
        }
        return out.toString();
    }

    private static String sec(Long millis, long t0) {
        return millis == null ? "-" : String.format("%.1f", (millis - t0) / 1000.0);
    }

    private static String gap(Long from, Long to) {
        return from == null || to == null ? "-" : String.format("%.1f", (to - from) / 1000.0);
    }

    @Override
    public void close() {
        Objects.requireNonNull(groupWatch).close();
        nodeWatch.close();
    }
}
