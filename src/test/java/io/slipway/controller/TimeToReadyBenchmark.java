package io.slipway.controller;

import io.slipway.aws.RateLimits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsClientWarmup;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsOperations;
import io.slipway.aws.AwsSession;
import io.slipway.aws.KindCallMeter;
import io.slipway.aws.autoscaling.AutoScalingGroupKind;
import io.slipway.aws.ec2.ImageResolver;
import io.slipway.aws.ec2.NatGatewayKind;
import io.slipway.aws.ec2.RouteKind;
import io.slipway.aws.elb.ListenerKind;
import io.slipway.aws.elb.LoadBalancerKind;
import io.slipway.aws.elb.TargetGroupKind;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Plan;
import io.slipway.cloud.ReadShare;
import io.slipway.cloud.SecretBytes;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.ClusterModel;
import io.slipway.model.InstanceGroupInputs;
import io.slipway.model.InstanceGroupModel;
import io.slipway.testing.CriticalPath;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.slipway.testing.Examples;
import io.slipway.testing.LatencyProxy;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.charts.ChartRepository;
import io.slipway.testing.charts.UpstreamLikeCharts;
import io.slipway.testing.workload.WorkloadSimulator;
import io.slipway.workload.EndpointOverrides;
import io.slipway.workload.addons.AddonChannel;
import io.slipway.workload.addons.AddonSettings;
import io.slipway.workload.addons.RepositoryOverride;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.slipway.testing.CallCounts.byOperation;
import static io.slipway.testing.CallCounts.minus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (hack/bench, not part of the test run): time from applying examples/ to a Ready Cluster, against the
 * floor the dependency graph allows under AWS-like latencies, and the AWS calls of the whole cluster with its
 * instance groups, for the create and for one steady-state reconcile.
 * <p>
 * The operator (production reconcilers and settings) talks to moto through a {@link LatencyProxy}: every call waits
 * {@code slipway.bench.callLatencyMs} (30), a NAT gateway is pending for {@code slipway.bench.natPendingSeconds} (20),
 * the load balancer provisioning for {@code slipway.bench.nlbProvisioningSeconds} (15); the simulated kubelets make
 * a node Ready {@code slipway.bench.bootSeconds} (20) after its instance runs. AWS's own figures are about 1-2 min
 * for a NAT gateway, 2-3 min for an NLB and 1-2 min from launch to a Ready node; the defaults keep the shape in a
 * minute or two of wall time.
 * <p>
 * The floor (critical path): the Cluster's desired graph and each group's (edges are their Refs; a group's EXTERNAL
 * resources are the Cluster's), each resource costing its create's calls (measured by a calibration run of the same
 * graphs through the engine) times the call latency, plus the NAT and NLB waits; then each group's instances boot and
 * turn Ready in B once their auto scaling group exists and the cluster's routes (egress through the NAT gateways,
 * which the boot needs to install packages) and API load balancer and listener (which kubelets register through)
 * are in place; then the cluster is validated.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "slipway.bench", matches = "true")
@ExtendWith(MotoExtension.class)
class TimeToReadyBenchmark {
    private static final Duration CALL = Duration.ofMillis(Long.getLong("slipway.bench.callLatencyMs", 30));
    private static final Duration NAT = Duration.ofSeconds(Long.getLong("slipway.bench.natPendingSeconds", 20));
    private static final Duration NLB = Duration.ofSeconds(Long.getLong("slipway.bench.nlbProvisioningSeconds", 15));
    private static final Duration BOOT = Duration.ofSeconds(Long.getLong("slipway.bench.bootSeconds", 20));
    private static final Duration READY_WITHIN = Duration.ofMinutes(10);
    private static final List<String> GROUPS = List.of("control-plane-us-east-1a", "control-plane-us-east-1b",
            "control-plane-us-east-1c", "nodes");
    private static final String VALIDATED = "cluster validated";
    private static final Set<String> ELB_KINDS = Set.of(LoadBalancerKind.NAME, TargetGroupKind.NAME, ListenerKind.NAME);
    private static final String ELB_SNAPSHOT = "LoadBalancer+TargetGroup+Listener";
    /** The writes on the critical chain and what precedes them, shown in the timeline (first and last call). */
    private static final List<String> MILESTONES = List.of("GetCallerIdentity", "CreateVpc", "CreateSubnet",
            "AllocateAddress", "CreateNatGateway", "CreateLoadBalancer", "CreateListener", "PutObject", "CreateRoute",
            "CreateLaunchTemplate", "CreateAutoScalingGroup");

    @TempDir
    Path tmp;

    @Test
    void applyToReadyAgainstTheCriticalPath() throws Exception {
        Cluster cluster = Examples.read(Cluster.class, "examples/cluster.yaml", "demo");
        List<InstanceGroup> groups = GROUPS.stream().map(g -> Examples.read(InstanceGroup.class, "examples/instancegroups.yaml", g)).toList();
        Calibration calibration = calibrate(cluster, groups);
        CriticalPath.Result floor = criticalPath(calibration);

        Run run = runOperator(cluster, groups);

        System.out.println();
        System.out.printf("== Time to Ready: examples/ (3 zones, private, NAT per zone, 3 control-plane groups of 1,"
                + " nodes of 3) ==%nlatencies: call %d ms, NAT gateway pending %d s, NLB provisioning %d s, boot to"
                + " node Ready %d s%n", CALL.toMillis(), NAT.toSeconds(), NLB.toSeconds(), BOOT.toSeconds());
        System.out.println("timeline (seconds after apply):");
        run.timeline.forEach((what, at) -> System.out.printf("  %7.1f  %s%n", seconds(run.applied, at), what));
        double wall = seconds(run.applied, run.ready);
        double critical = floor.millis() / 1000.0;
        System.out.printf("wall (apply -> Cluster Ready): %.1f s; critical path: %.1f s; ratio wall / critical path:"
                + " %.2f (goal <= 1.10)%n", wall, critical, wall / critical);
        System.out.println("critical chain:");
        floor.chain().forEach(e -> System.out.printf("  %-70s %6d ms%n", e.getKey(), e.getValue()));

        System.out.println("AWS calls of the create, by first call (seconds after apply: first, last; count):");
        run.calls.entrySet().stream().filter(e -> e.getValue().first().isBefore(run.ready))
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(LatencyProxy.Calls::first)))
                .forEach(e -> System.out.printf("  %7.1f %7.1f %4d  %s%n", seconds(run.applied, e.getValue().first()),
                        seconds(run.applied, e.getValue().last()), e.getValue().count(), e.getKey()));

        System.out.println();
        System.out.println("== AWS calls per kind, engine plans of the Cluster's graph and every group's (calibration,"
                + " no latency) ==");
        printPerKind("create (find + apply until complete)", Map.of("all graphs", calibration.createCalls));
        printPerKind("one steady-state plan + apply of every graph", calibration.steadyCalls);

        System.out.println();
        System.out.println("== AWS calls of the operator (Cluster + every group), per API action ==");
        printPerOperation(run.createCalls, run.steadyCalls, run.steadyReconciles);
    }

    // ---------------------------------------------------------------- calibration: calls per kind, create costs

    private record Calibration(DesiredGraph cluster, Map<String, DesiredGraph> groups, KindCallMeter meter,
                               Map<KindCallMeter.Key, Long> createCalls, Map<String, Map<KindCallMeter.Key, Long>> steadyCalls) {
    }

    private static Calibration calibrate(Cluster cluster, List<InstanceGroup> groups) {
        MotoServer moto = MotoServer.get();
        moto.reset();
        KindCallMeter meter = new KindCallMeter();
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry())
                .addInterceptor(meter.interceptor()).build());
             ApplyPool pool = new ApplyPool(8, "bench-calibration")) {
            AwsSession session = factory.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
            String account = session.accountId();
            DesiredGraph clusterGraph = ClusterModel.build(cluster, new ClusterInputs(account, "aws",
                    BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), account),
                    Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node),
                    Map.of(InstanceGroupRole.ControlPlane, SecretBytes.of("control-plane material"),
                            InstanceGroupRole.Node, SecretBytes.of("node material"))));
            Engine engine = new Engine(meter.wrap(AwsKinds.of(session)), AwsKinds.classifier(), pool, AwsKinds.blockers(session));
            ImageResolver.ResolvedImage image = new ImageResolver(session.ec2()).resolve(groups.get(0).getSpec().image);
            Map<String, DesiredGraph> groupGraphs = new LinkedHashMap<>();
            for (InstanceGroup group : groups) {
                groupGraphs.put(group.getMetadata().getName(), InstanceGroupModel.build(cluster, group,
                        new InstanceGroupInputs(image.id(), image.rootDeviceName(), image.rootVolumeSize(), "#!/bin/sh\n")));
            }
            Map<KindCallMeter.Key, Long> before = meter.snapshot();
            applyUntilComplete(engine, clusterGraph);
            groupGraphs.values().forEach(g -> applyUntilComplete(engine, g));
            Map<KindCallMeter.Key, Long> create = KindCallMeter.minus(meter.snapshot(), before);

            Map<String, Map<KindCallMeter.Key, Long>> steady = new LinkedHashMap<>();
            Map<String, DesiredGraph> all = new LinkedHashMap<>();
            all.put("cluster", clusterGraph);
            all.putAll(groupGraphs);
            // one pass of every graph through the cluster's read share, as the reconcilers plan
            ReadShare share = new ReadShare(Clock.systemUTC(), Duration.ofMinutes(5));
            all.forEach((name, graph) -> {
                Map<KindCallMeter.Key, Long> start = meter.snapshot();
                Plan plan = engine.plan(graph, share);
                assertThat(plan.isConverged()).as(plan.toString()).isTrue();
                engine.apply(plan);
                steady.put(name, KindCallMeter.minus(meter.snapshot(), start));
            });
            return new Calibration(clusterGraph, groupGraphs, meter, create, steady);
        }
    }

    private static void applyUntilComplete(Engine engine, DesiredGraph graph) {
        for (int round = 0; round < 10; round++) {
            if (engine.apply(engine.plan(graph)).isComplete()) {
                return;
            }
        }
        throw new AssertionError("the graph of " + graph.owner() + " did not converge in moto");
    }

    // ---------------------------------------------------------------- the floor

    private static CriticalPath.Result criticalPath(Calibration calibration) {
        CriticalPath path = new CriticalPath();
        Set<String> egressAndApi = new HashSet<>();
        for (DesiredResource<?> resource : calibration.cluster.inDependencyOrder()) {
            path.add(resource.logicalId(), cost(calibration.meter, resource.kind()), Set.copyOf(resource.dependencies()));
            if (Set.of(RouteKind.NAME, LoadBalancerKind.NAME, ListenerKind.NAME).contains(resource.kind())) {
                egressAndApi.add(resource.logicalId());
            }
        }
        Set<String> nodesReady = new TreeSet<>();
        calibration.groups.forEach((name, graph) -> {
            String prefix = "instancegroup/" + name + ": ";
            String asg = null;
            for (DesiredResource<?> resource : graph.inDependencyOrder()) {
                if (resource.lifecycle() == Lifecycle.EXTERNAL) {
                    if (!path.contains(resource.logicalId())) { // not the Cluster's own id: a lookup only
                        path.add(resource.logicalId(), 0, Set.of());
                    }
                    continue;
                }
                Set<String> dependencies = new HashSet<>();
                for (String dependency : resource.dependencies()) {
                    dependencies.add(graph.externalOwner(dependency).isPresent() ? dependency : prefix + dependency);
                }
                path.add(prefix + resource.logicalId(), cost(calibration.meter, resource.kind()), dependencies);
                if (resource.kind().equals(AutoScalingGroupKind.NAME)) {
                    asg = prefix + resource.logicalId();
                }
            }
            Set<String> bootAfter = new HashSet<>(egressAndApi);
            bootAfter.add(asg);
            path.add(prefix + "instances boot, nodes Ready", BOOT.toMillis(), bootAfter);
            nodesReady.add(prefix + "instances boot, nodes Ready");
        });
        path.add(VALIDATED, 0, nodesReady);
        return path.longest();
    }

    private static long cost(KindCallMeter meter, String kind) {
        long calls = Math.round(meter.callsPerCreate(kind) * CALL.toMillis());
        return calls + switch (kind) {
            case NatGatewayKind.NAME -> NAT.toMillis();
            case LoadBalancerKind.NAME -> NLB.toMillis();
            default -> 0L;
        };
    }

    // ---------------------------------------------------------------- the operator run

    private record Run(Instant applied, Instant ready, Map<String, Instant> timeline, Map<String, Long> createCalls,
                       Map<String, Long> steadyCalls, String steadyReconciles, Map<String, LatencyProxy.Calls> calls) {
    }

    private Run runOperator(Cluster clusterManifest, List<InstanceGroup> groupManifests) throws IOException {
        MotoServer moto = MotoServer.get();
        try (LatencyProxy proxy = LatencyProxy.start(moto.endpoint(), CALL, NAT, NLB);
             ChartRepository charts = ChartRepository.start(tmp.resolve("charts"))) {
            charts.publish(UpstreamLikeCharts.forChannel(AddonChannel.load()));
            int port = freePort();
            EndpointOverrides endpoints = EndpointOverrides.of(Map.of("default/demo", "https://127.0.0.1:" + port));
            AddonSettings addons = new AddonSettings(RepositoryOverride.all(charts.url()), tmp.resolve("addon-cache"));
            try (OperatorHarness harness = new OperatorHarness(
                    w -> TestReconcilers.all(w, ReconcileSettings.defaults(), endpoints, addons), api -> {
                    }, proxy.endpoint(), RateLimits.capaDefaults());
                 WorkloadSimulator simulator = new WorkloadSimulator(harness.client, harness.consoleEc2(), BOOT, Clock.systemUTC())) {
                simulator.serve("default", "demo", port);
                simulator.start(Duration.ofMillis(250));
                AwsClientWarmup.warmUp(harness.aws); // as the operator does when it starts

                // The test API compiles its CEL admission rules on first use, on its one event loop (seconds on a busy
                // machine, during which no watch event reaches the operator), which a real API server has long done:
                // a server-side dry run of the manifests does it first, and stores nothing the operator could see.
                harness.client.resource(clusterManifest).dryRun().create();
                groupManifests.forEach(g -> harness.client.resource(g).dryRun().create());
                // The wall counts from the Cluster's admission, as it would from kubectl apply against a real API server.
                Instant sent = Instant.now();
                System.err.println(java.time.LocalTime.now() + " applying examples/");
                harness.client.resource(clusterManifest).create();
                Instant applied = Instant.now();
                groupManifests.forEach(g -> harness.client.resource(g).create());
                System.out.printf("the test API admitted the Cluster in %.1f s and its groups %.1f s later%n",
                        seconds(sent, applied), seconds(applied, Instant.now()));

                Map<String, Instant> timeline = new TreeMap<>();
                Instant ready = watchUntilReady(harness, timeline, applied);
                proxy.lastNatAvailable().ifPresent(t -> timeline.put("AWS: last NAT gateway available", t));
                proxy.lastLoadBalancerActive().ifPresent(t -> timeline.put("AWS: load balancer active", t));
                Map<String, LatencyProxy.Calls> calls = proxy.calls();
                for (String action : MILESTONES) {
                    LatencyProxy.Calls span = calls.get(action);
                    if (span != null) {
                        timeline.put("AWS: first " + action, span.first());
                        if (span.count() > 1) {
                            timeline.put("AWS: last " + action + " (" + span.count() + " calls)", span.last());
                        }
                    }
                }
                Map<String, Instant> ordered = new LinkedHashMap<>();
                timeline.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> ordered.put(e.getKey(), e.getValue()));
                Map<String, Long> create = byOperation(harness.registry);

                String reconciles = steadyReconcile(harness);
                Map<String, Long> steady = minus(byOperation(harness.registry), create);
                return new Run(applied, ready, ordered, create, steady, reconciles, calls);
            }
        }
    }

    /** Polls the Cluster and its groups (every 100 ms) and notes when each condition first turned True. */
    private static Instant watchUntilReady(OperatorHarness harness, Map<String, Instant> timeline, Instant applied) {
        Instant deadline = applied.plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            Instant now = Instant.now();
            Cluster cluster = harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
            if (cluster != null && cluster.getStatus() != null && cluster.getStatus().conditions != null) {
                for (Condition c : cluster.getStatus().conditions) {
                    if (Condition.TRUE.equals(c.status) && !List.of("Reconciling", "Stalled").contains(c.type)) {
                        if (timeline.putIfAbsent("Cluster " + c.type, now) == null) {
                            System.err.println(java.time.LocalTime.now() + " Cluster " + c.type);
                        }
                    }
                }
            }
            for (InstanceGroup group : harness.client.resources(InstanceGroup.class).inNamespace("default").list().getItems()) {
                if (group.getStatus() != null && group.getStatus().conditions != null) {
                    for (Condition c : group.getStatus().conditions) {
                        if (Condition.TRUE.equals(c.status) && c.type.equals("Ready")) {
                            timeline.putIfAbsent("InstanceGroup " + group.getMetadata().getName() + " Ready", now);
                        }
                    }
                }
            }
            if (timeline.containsKey("Cluster Ready")) {
                return timeline.get("Cluster Ready");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the Cluster was not Ready within " + READY_WITHIN + "; reached: " + timeline.keySet());
    }

    /**
     * One reconcile of the converged Cluster and of every group, asked for with the reconcile-request annotation; waits
     * until each has echoed the request in its status. Returns how many reconciles of each ran meanwhile.
     */
    private static String steadyReconcile(OperatorHarness harness) {
        double clusters = harness.reconciles(ClusterReconciler.NAME);
        double groups = harness.reconciles(InstanceGroupReconciler.NAME);
        String at = Instant.now().toString();
        harness.client.resources(Cluster.class).inNamespace("default").withName("demo")
                .patch(PatchContext.of(PatchType.JSON_MERGE), requestPatch(at));
        for (String group : GROUPS) {
            harness.client.resources(InstanceGroup.class).inNamespace("default").withName(group)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), requestPatch(at));
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        // each has handled the request (it echoes it in status): a reconcile that an event of another object woke
        // meanwhile does not count for it
        while (!handled(harness, at)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the requested reconciles did not finish");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return String.format("%.0f Cluster reconciles, %.0f InstanceGroup reconciles",
                harness.reconciles(ClusterReconciler.NAME) - clusters, harness.reconciles(InstanceGroupReconciler.NAME) - groups);
    }

    private static boolean handled(OperatorHarness harness, String at) {
        Cluster cluster = harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        if (cluster.getStatus() == null || !at.equals(cluster.getStatus().lastHandledReconcileAt)) {
            return false;
        }
        for (String group : GROUPS) {
            InstanceGroup ig = harness.client.resources(InstanceGroup.class).inNamespace("default").withName(group).get();
            if (ig.getStatus() == null || !at.equals(ig.getStatus().lastHandledReconcileAt)) {
                return false;
            }
        }
        return true;
    }

    /** A merge patch of the annotation alone: no resourceVersion, so the operator's status writes meanwhile do not conflict. */
    private static String requestPatch(String at) {
        return "{\"metadata\":{\"annotations\":{\"" + ReconcileTrigger.REQUESTED_AT + "\":\"" + at + "\"}}}";
    }

    // ---------------------------------------------------------------- printing

    private static void printPerKind(String title, Map<String, Map<KindCallMeter.Key, Long>> callsByGraph) {
        System.out.println("-- " + title + " --");
        List<String> graphs = new ArrayList<>(callsByGraph.keySet());
        Map<String, Map<String, long[]>> byKind = new TreeMap<>(); // kind -> graph -> {reads, writes}
        Map<String, Map<String, Long>> operations = new TreeMap<>();
        callsByGraph.forEach((graph, calls) -> calls.forEach((key, n) -> {
            boolean read = AwsOperations.isRead(key.operation().substring(key.operation().indexOf(':') + 1));
            String kind = ELB_KINDS.contains(key.kind()) && key.phase().equals("find") ? ELB_SNAPSHOT : key.kind();
            long[] rw = byKind.computeIfAbsent(kind, k -> new TreeMap<>()).computeIfAbsent(graph, g -> new long[2]);
            rw[read ? 0 : 1] += n;
            operations.computeIfAbsent(kind, k -> new TreeMap<>()).merge(key.operation(), n, Long::sum);
        }));
        StringBuilder header = new StringBuilder(String.format("| %-33s |", "kind"));
        graphs.forEach(g -> header.append(String.format(" %-9s |", abbreviate(g))));
        header.append(String.format(" %5s | %6s | %s", "reads", "writes", "operations"));
        System.out.println(header);
        long reads = 0;
        long writes = 0;
        for (Map.Entry<String, Map<String, long[]>> kind : byKind.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("| %-33s |", kind.getKey()));
            long r = 0;
            long w = 0;
            for (String graph : graphs) {
                long[] rw = kind.getValue().getOrDefault(graph, new long[2]);
                row.append(String.format(" %4d/%-4d |", rw[0], rw[1]));
                r += rw[0];
                w += rw[1];
            }
            row.append(String.format(" %5d | %6d | %s", r, w, operations.get(kind.getKey())));
            System.out.println(row);
            reads += r;
            writes += w;
        }
        System.out.printf("total: %d reads, %d writes (cells: reads/writes; kind \"-\": calls outside a kind's"
                + " find/create/update/delete)%n", reads, writes);
        System.out.println(ELB_SNAPSHOT + ": the finds of the load balancer, target group and listener kinds read one"
                + " ELB snapshot per plan (ElbFind: DescribeLoadBalancers, DescribeTargetGroups, DescribeListeners per"
                + " load balancer, one DescribeTags for all their ARNs), whichever kind asks first; their writes stay"
                + " under their own kinds");
    }

    private static String abbreviate(String graph) {
        return graph.replace("control-plane-us-east-", "cp-");
    }

    private static void printPerOperation(Map<String, Long> create, Map<String, Long> steady, String reconciles) {
        Set<String> operations = new TreeSet<>(create.keySet());
        operations.addAll(steady.keySet());
        System.out.printf("| %-50s | %-5s | %6s | %6s |%n", "service:operation", "type", "create", "steady");
        for (String op : operations) {
            System.out.printf("| %-50s | %-5s | %6d | %6d |%n", op, isRead(op) ? "read" : "write",
                    create.getOrDefault(op, 0L), steady.getOrDefault(op, 0L));
        }
        System.out.printf("create (apply -> Ready, incl. polling while waiting): %d reads, %d writes; steady state (%s):"
                + " %d reads, %d writes%n", sum(create, true), sum(create, false), reconciles, sum(steady, true),
                sum(steady, false));
    }

    private static boolean isRead(String key) {
        return AwsOperations.isRead(key.substring(key.indexOf(':') + 1));
    }

    private static long sum(Map<String, Long> counts, boolean reads) {
        return counts.entrySet().stream().filter(e -> isRead(e.getKey()) == reads).mapToLong(Map.Entry::getValue).sum();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
