package io.slipway.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.api.RemediationSpec;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.rollout.ReplacementCandidates;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.charts.ChartRepository;
import io.slipway.testing.charts.UpstreamLikeCharts;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.WorkloadSimulator;
import io.slipway.workload.EndpointOverrides;
import io.slipway.workload.addons.AddonChannel;
import io.slipway.workload.addons.AddonSettings;
import io.slipway.workload.addons.RepositoryOverride;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example Cluster "demo" with some of its groups, built by the operator (all reconcilers, the rollout controller
 * included) in moto and run by the workload simulator, until it is Ready. A watch records every status.rollout of
 * every group as it changes, so tests can assert what held at every step of a roll.
 * <p>
 * Made by {@link #of}; as a field with {@code @RegisterExtension} (next to {@code @ExtendWith(MotoExtension.class)},
 * which resets moto first) it is built before each test and closed after it; {@link Builder#start()} builds one now,
 * for try-with-resources.
 */
final class RollingClusterFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(180);
    static final String NODES = "nodes";
    static final List<String> CONTROL_PLANE = List.of("control-plane-us-east-1a", "control-plane-us-east-1b",
            "control-plane-us-east-1c");
    /** The examples' groups: three control-plane groups of one and a node group of three. */
    static final List<String> EXAMPLE_GROUPS = List.of(CONTROL_PLANE.get(0), CONTROL_PLANE.get(1), CONTROL_PLANE.get(2),
            NODES);

    private final Builder setup;
    private Path tmp;
    OperatorHarness harness;
    WorkloadSimulator simulator;
    private ChartRepository charts;
    private Watch watch;
    /** Every status.rollout seen, per group, in order. */
    final Map<String, List<InstanceGroupStatus.RolloutStatus>> rollouts = new ConcurrentHashMap<>();
    /** Every status.rollout seen, of any group, in the order the watch delivered them. */
    final List<Seen> timeline = Collections.synchronizedList(new ArrayList<>());

    record Seen(String group, InstanceGroupStatus.RolloutStatus rollout) {
    }

    /** The cluster with these example groups (from examples/instancegroups.yaml), as the builder changes them. */
    static Builder of(List<String> groups) {
        return new Builder(groups);
    }

    static final class Builder {
        private final List<String> groups;
        private UnaryOperator<InstanceGroup> adjust = UnaryOperator.identity();
        private Duration readyAfter = Duration.ofMillis(500);
        private ReconcileSettings settings = TestReconcilers.FAST;
        private UnaryOperator<AwsSessionConfig.Builder> awsSetup = UnaryOperator.identity();

        private Builder(List<String> groups) {
            this.groups = List.copyOf(groups);
        }

        /** Changes the spec of the example group {@code group} before it is created. */
        Builder spec(String group, Consumer<InstanceGroupSpec> change) {
            UnaryOperator<InstanceGroup> before = adjust;
            adjust = ig -> {
                InstanceGroup adjusted = before.apply(ig);
                if (adjusted.getMetadata().getName().equals(group)) {
                    change.accept(adjusted.getSpec());
                }
                return adjusted;
            };
            return this;
        }

        /** The group's minSize and maxSize. */
        Builder size(String group, int size) {
            return spec(group, s -> {
                s.minSize = size;
                s.maxSize = size;
            });
        }

        /** How long a simulated kubelet takes from its instance running to its Node Ready (boot); 500ms unless set. */
        Builder bootDelay(Duration readyAfter) {
            this.readyAfter = readyAfter;
            return this;
        }

        /** The reconcilers' pacing: {@link TestReconcilers#FAST} unless set (the benchmark: production's). */
        Builder settings(ReconcileSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Adds to the AWS configuration of each operator started (see {@link OperatorHarness}). */
        Builder aws(UnaryOperator<AwsSessionConfig.Builder> awsSetup) {
            this.awsSetup = awsSetup;
            return this;
        }

        /** Not started yet: for {@code @RegisterExtension}, which starts it before each test and closes it after. */
        RollingClusterFixture build() {
            return new RollingClusterFixture(this);
        }

        /** Started now, the cluster Ready; the caller closes it. */
        RollingClusterFixture start() throws IOException {
            RollingClusterFixture fixture = build();
            try {
                fixture.begin();
            } catch (IOException | RuntimeException | Error e) {
                fixture.close();
                throw e;
            }
            return fixture;
        }
    }

    private RollingClusterFixture(Builder setup) {
        this.setup = setup;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        begin();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private void begin() throws IOException {
        tmp = Files.createTempDirectory("rolling-cluster-");
        charts = ChartRepository.start(tmp.resolve("charts"));
        charts.publish(UpstreamLikeCharts.forChannel(AddonChannel.load()));
        int port = freePort();
        EndpointOverrides endpoints = EndpointOverrides.of(Map.of("default/demo", "https://127.0.0.1:" + port));
        AddonSettings addons = new AddonSettings(RepositoryOverride.all(charts.url()), tmp.resolve("addon-cache"));
        harness = new OperatorHarness(w -> TestReconcilers.all(w, setup.settings, endpoints, addons), api -> {
        }, MotoServer.get().endpoint(), MotoServer.UNTHROTTLED, setup.awsSetup);
        simulator = new WorkloadSimulator(harness.client, harness.consoleEc2(), setup.readyAfter, Clock.systemUTC());
        simulator.serve("default", "demo", port);
        simulator.start(Duration.ofMillis(200));
        watch = harness.client.resources(InstanceGroup.class).inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, InstanceGroup ig) {
                if (ig.getStatus() != null && ig.getStatus().rollout != null) {
                    rollouts.computeIfAbsent(ig.getMetadata().getName(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(ig.getStatus().rollout);
                    timeline.add(new Seen(ig.getMetadata().getName(), ig.getStatus().rollout));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        for (String group : setup.groups) {
            harness.client.resource(setup.adjust.apply(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", group)))
                    .create();
        }
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(Conditions.isTrue(cluster().getStatus().conditions, ConditionType.READY))
                    .as("%s", cluster().getStatus().conditions).isTrue();
            for (String group : setup.groups) {
                assertThat(group(group).getStatus().rollout.phase).as(group).isEqualTo(RolloutPhase.IDLE);
            }
        });
    }

    Cluster cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
    }

    InstanceGroup group(String name) {
        return harness.client.resources(InstanceGroup.class).inNamespace("default").withName(name).get();
    }

    void editGroup(String name, UnaryOperator<InstanceGroup> edit) {
        retryingConflicts(() -> harness.client.resources(InstanceGroup.class).inNamespace("default").withName(name).edit(edit));
    }

    void editCluster(UnaryOperator<Cluster> edit) {
        retryingConflicts(() -> harness.client.resources(Cluster.class).inNamespace("default").withName("demo").edit(edit));
    }

    /** An edit races the operator's status writes, as a user's would: read again and retry on 409 Conflict. */
    private static void retryingConflicts(Runnable edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                edit.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Deletes the Cluster and waits until it is gone; a delete that does not end says the Cluster's conditions. */
    void deleteCluster(Duration within) {
        harness.client.resources(Cluster.class).inNamespace("default").withName("demo").delete();
        await().atMost(within).untilAsserted(() -> {
            Cluster left = cluster();
            assertThat(left).as("%s", left == null ? null : left.getStatus().conditions).isNull();
        });
    }

    SimulatedCluster workload() {
        return simulator.cluster("default", "demo").orElseThrow();
    }

    List<String> instanceIds(String group) {
        return group(group).getStatus().instances.stream().map(i -> i.id).sorted().toList();
    }

    /** The EC2 state of an instance as moto has it now. */
    String ec2State(String instanceId) {
        return harness.consoleEc2().describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances()
                .get(0).state().nameAsString();
    }

    /** Instances of the group not terminated, in and out of its auto scaling group (detached ones too). */
    List<String> liveInstancesTaggedFor(String group) {
        return harness.consoleEc2().describeInstances(r -> r.filters(
                        Filter.builder().name("tag:slipway.io/owner").values("instancegroup/" + group).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).sorted().toList();
    }

    InstanceGroupStatus.RolloutStatus awaitRollout(String group, String phase) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(group(group).getStatus().rollout.phase).as("%s", group(group).getStatus().rollout.message)
                        .isEqualTo(phase));
        return group(group).getStatus().rollout;
    }

    static Condition condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
    }

    /**
     * An edit that forces a restart of a group: its slipway.io/restartedAt a second from now, in whole seconds as a user
     * would write it; the same instant for every group it edits.
     */
    static UnaryOperator<InstanceGroup> forcedRestart() {
        return forcedRestartAt(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
    }

    static UnaryOperator<InstanceGroup> forcedRestartAt(Instant at) {
        String restartedAt = at.toString();
        return ig -> {
            ig.getMetadata().setAnnotations(new HashMap<>(Map.of(ReplacementCandidates.RESTARTED_AT_ANNOTATION, restartedAt)));
            return ig;
        };
    }

    static RemediationSpec remediation(String unhealthyAfter, int maxUnhealthy) {
        RemediationSpec remediation = new RemediationSpec();
        remediation.unhealthyAfter = unhealthyAfter;
        remediation.maxUnhealthy = new IntOrString(maxUnhealthy);
        return remediation;
    }

    /** Closes what {@link #begin} got to (all of it, unless it failed part way). */
    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (harness != null) {
            harness.close();
        }
        if (charts != null) {
            charts.close();
        }
        if (tmp != null) {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
