package io.slipway.testing.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Simulated kubelets for the workload clusters of a management cluster, against moto: for each cluster it serves,
 * one HTTPS Kubernetes API ({@link SimulatedCluster}) and, on each sync, a Node per running EC2 instance of the
 * cluster (found by its slipway.io/cluster tag), Ready after {@code readyAfter}; control-plane static pods; DaemonSet
 * pods; Nodes removed when their instance stops running. A cluster is served once the operator has made its CA
 * ({@code <cluster>-ca} Secret in the management cluster). {@link #syncNow()} runs one pass (tests), {@link #start}
 * a loop (the local environment and operator tests).
 * <pre>{@code
 * try (WorkloadSimulator simulator = new WorkloadSimulator(management, ec2, Duration.ZERO, Clock.systemUTC())) {
 *     simulator.serve("default", "demo", 0);                // or once the CA exists: serve(...) returns it
 *     simulator.syncNow();
 *     simulator.cluster("default", "demo").orElseThrow().client().nodes().list();
 * }
 * }</pre>
 */
public final class WorkloadSimulator implements AutoCloseable {
    private final KubernetesClient management;
    private final Function<String, Ec2Client> ec2InRegion;
    /** Per region (each Cluster's spec.region, immutable), its instances' reader. */
    private final Map<String, ClusterInstances> instancesInRegion = new ConcurrentHashMap<>();
    private final Map<String, String> regions = new ConcurrentHashMap<>();
    private final Duration readyAfter;
    private final Clock clock;
    private final Map<String, Integer> wanted = new ConcurrentHashMap<>();
    private final Map<String, SimulatedCluster> served = new ConcurrentHashMap<>();
    private ScheduledExecutorService loop;
    /** The extra pass already scheduled ({@link #wakeAt}); null if none. */
    private Instant wake;

    /** Every cluster's instances are looked for through {@code ec2}, whatever the Cluster's region. */
    public WorkloadSimulator(KubernetesClient management, Ec2Client ec2, Duration readyAfter, Clock clock) {
        this(management, region -> ec2, readyAfter, clock);
    }

    /**
     * Each cluster's instances are looked for in its Cluster's {@code spec.region}, through {@code ec2InRegion} (given
     * "" when the Cluster cannot be read).
     */
    public WorkloadSimulator(KubernetesClient management, Function<String, Ec2Client> ec2InRegion, Duration readyAfter,
                             Clock clock) {
        this.management = management;
        this.ec2InRegion = ec2InRegion;
        this.readyAfter = readyAfter;
        this.clock = clock;
    }

    /**
     * Serves the cluster on {@code port} of 127.0.0.1 (0: a free one) as soon as its CA exists: now, if it does
     * (returned), or on a later sync.
     */
    public synchronized Optional<SimulatedCluster> serve(String namespace, String cluster, int port) {
        wanted.put(key(namespace, cluster), port);
        return startIfReady(namespace, cluster, port);
    }

    public Optional<SimulatedCluster> cluster(String namespace, String cluster) {
        return Optional.ofNullable(served.get(key(namespace, cluster)));
    }

    /** {@code ns/name=https://127.0.0.1:PORT,...} of the clusters served: the operator's slipway.workload.endpoint-override. */
    public String endpointOverrides() {
        return served.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue().url()).collect(Collectors.joining(","));
    }

    /** One pass over every cluster: start those whose CA has appeared, then sync each with its running instances. */
    public synchronized void syncNow() {
        wanted.forEach((key, port) -> {
            String[] parts = key.split("/", 2);
            startIfReady(parts[0], parts[1], port);
        });
        Instant due = null;
        for (SimulatedCluster cluster : served.values()) {
            List<SimulatedInstance> running = instancesOf(cluster).running(cluster.namespace(), cluster.name());
            cluster.sync(running);
            Instant next = cluster.nextChange().orElse(null);
            due = next != null && (due == null || next.isBefore(due)) ? next : due;
        }
        if (due != null) {
            wakeAt(due);
        }
    }

    /**
     * A pass at {@code due} besides the loop's, so that a Node turns Ready (a terminating pod goes) when it is due and
     * not up to a loop period later: a kubelet acts on its own timer, not on the simulator's poll.
     */
    private void wakeAt(Instant due) {
        if (loop == null || (wake != null && !wake.isBefore(clock.instant()) && !due.isBefore(wake))) {
            return;
        }
        wake = due;
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis() + 1);
        try {
            loop.schedule(() -> {
                try {
                    syncNow();
                } catch (RuntimeException e) {
                    System.err.println("workload simulator: sync failed: " + e);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            wake = null;
        }
    }

    /** Syncs every {@code period} on a thread of its own until closed; a failed pass is printed and the next one tries again. */
    public synchronized void start(Duration period) {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workload-simulator");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                syncNow();
            } catch (RuntimeException e) {
                System.err.println("workload simulator: sync failed: " + e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ClusterInstances instancesOf(SimulatedCluster cluster) {
        String region = regions.get(key(cluster.namespace(), cluster.name()));
        return instancesInRegion.computeIfAbsent(region, r -> new ClusterInstances(ec2InRegion.apply(r), clock));
    }

    /** The Cluster's spec.region; empty while the Cluster cannot be read. */
    private Optional<String> regionOf(String namespace, String cluster) {
        Cluster found = management.resources(Cluster.class).inNamespace(namespace).withName(cluster).get();
        return Optional.ofNullable(found).map(Cluster::getSpec).map(spec -> spec.region);
    }

    private Optional<SimulatedCluster> startIfReady(String namespace, String cluster, int port) {
        String key = key(namespace, cluster);
        SimulatedCluster existing = served.get(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        return ServingTls.forCluster(management, namespace, cluster, clock).map(tls -> {
            // "" when the Cluster cannot be read (a test that made only its CA): ec2InRegion's default
            regions.put(key, regionOf(namespace, cluster).orElse(""));
            SimulatedCluster started = new SimulatedCluster(namespace, cluster, tls, port, readyAfter, clock);
            served.put(key, started);
            return started;
        });
    }

    private static String key(String namespace, String cluster) {
        return namespace + "/" + cluster;
    }

    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = loop;
            loop = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            served.values().forEach(SimulatedCluster::close);
            served.clear();
            wanted.clear();
        }
    }
}
