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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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
    /** The time each Node was first seen Ready. */
    private final Map<String, Long> nodeReady = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Long> nodeAdded = Collections.synchronizedMap(new LinkedHashMap<>());
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
                nodeAdded.putIfAbsent(name, now());
                if (action != Action.DELETED && NodeIndex.isReady(node)) {
                    nodeReady.putIfAbsent(name, now());
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
        Map<Set<String>, Map<String, Long>> batches = new LinkedHashMap<>();
        Map<String, Long> preGate = new LinkedHashMap<>();
        Set<String> previous = Set.of();
        int batchNo = 0;
        for (Seen s : all) {
            List<RolloutInstance> inFlight = s.rollout().inFlight == null ? List.of() : s.rollout().inFlight;
            Set<String> ids = inFlight.stream().map(i -> i.id).collect(Collectors.toCollection(LinkedHashSet::new));
            if (ids.isEmpty()) {
                if (s.rollout().validationPasses == 1) {
                    preGate.putIfAbsent("batch" + (batchNo + 1), s.millis());
                }
                continue;
            }
            if (!ids.equals(previous) && Collections.disjoint(ids, previous)) {
                batchNo++;
            }
            previous = ids;
            Map<String, Long> steps = batches.computeIfAbsent(ids, k -> new LinkedHashMap<>());
            steps.putIfAbsent("batch", (long) batchNo);
            for (RolloutInstance i : inFlight) {
                steps.putIfAbsent(i.step, s.millis());
            }
            if (inFlight.stream().anyMatch(i -> "Validate".equals(i.step)) && s.rollout().validationPasses == 1) {
                steps.putIfAbsent("pass1", s.millis());
            }
        }
        // when the batch's last instance left inFlight
        for (Map.Entry<Set<String>, Map<String, Long>> b : batches.entrySet()) {
            long first = b.getValue().entrySet().stream().filter(e -> !e.getKey().equals("batch"))
                    .mapToLong(Map.Entry::getValue).min().orElse(0);
            all.stream().filter(s -> s.millis() > first && (s.rollout().inFlight == null
                            || s.rollout().inFlight.stream().noneMatch(i -> b.getKey().contains(i.id))))
                    .findFirst().ifPresent(s -> b.getValue().put("done", s.millis()));
        }
        StringBuilder out = new StringBuilder("ROLL BREAKDOWN (s since the spec change; gaps in brackets)\n");
        Long previousDone = null;
        List<Long> readyTimes;
        synchronized (nodeReady) {
            readyTimes = new ArrayList<>(nodeReady.values());
        }
        for (Map.Entry<Set<String>, Map<String, Long>> b : batches.entrySet()) {
            Map<String, Long> t = b.getValue();
            long batch = t.get("batch");
            Long detach = t.get("Detach");
            Long waiting = t.get("WaitForReplacements");
            Long validate = t.get("Validate");
            Long pass1 = t.get("pass1");
            Long drain = t.get("Drain");
            Long terminate = t.get("Terminate");
            Long waitTerm = t.get("WaitForTermination");
            Long done = t.get("done");
            Long gate1 = preGate.get("batch" + batch);
            // the replacement Nodes: Ready after this batch's detach, no later than its Validate
            Long lastReady = detach == null || validate == null ? null : readyTimes.stream()
                    .filter(r -> r > detach && r <= validate).max(Long::compare).orElse(null);
            out.append(String.format("batch %2d: prevDone->gate1 %s detach %s [+%s] detached %s nodesReady %s [+%s] "
                            + "validate %s pass1 %s [+%s] drain %s [+%s] terminate %s [+%s] waitTerm %s done %s [+%s] "
                            + "| batch total %s%n",
                    batch, gap(previousDone, gate1), sec(detach, t0Millis), gap(previousDone, detach), sec(waiting, t0Millis),
                    sec(lastReady, t0Millis), gap(lastReady, validate), sec(validate, t0Millis), sec(pass1, t0Millis),
                    gap(pass1, drain), sec(drain, t0Millis), gap(drain, terminate), sec(terminate, t0Millis),
                    gap(terminate, waitTerm), sec(waitTerm, t0Millis), sec(done, t0Millis), gap(waitTerm, done),
                    gap(previousDone == null ? detach : previousDone, done)));
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
