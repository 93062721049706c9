package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsSessionConfig;
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
import software.amazon.awssdk.services.ec2.model.Filter;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example Cluster "demo" with some of its groups, built by the operator (all reconcilers, the rollout controller
 * included) in moto and run by the workload simulator, until it is Ready. A watch records every status.rollout of
 * every group as it changes, so tests can assert what held at every step of a roll.
 */
final class RollingClusterFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(180);

    final OperatorHarness harness;
    final WorkloadSimulator simulator;
    private final ChartRepository charts;
    private final Watch watch;
    /** Every status.rollout seen, per group, in order. */
    final Map<String, List<InstanceGroupStatus.RolloutStatus>> rollouts = new ConcurrentHashMap<>();
    /** Every status.rollout seen, of any group, in the order the watch delivered them. */
    final List<Seen> timeline = Collections.synchronizedList(new ArrayList<>());

    record Seen(String group, InstanceGroupStatus.RolloutStatus rollout) {
    }

    private static final Duration DEFAULT_READY_AFTER = Duration.ofMillis(500);

    RollingClusterFixture(Path tmp, List<String> groups) throws IOException {
        this(tmp, groups, ig -> ig, DEFAULT_READY_AFTER);
    }

    /** @param readyAfter how long a simulated kubelet takes from its instance running to its Node Ready (boot) */
    RollingClusterFixture(Path tmp, List<String> groups, Duration readyAfter) throws IOException {
        this(tmp, groups, ig -> ig, readyAfter);
    }

    /** {@code adjust} changes each example group before it is created. */
    RollingClusterFixture(Path tmp, List<String> groups, UnaryOperator<InstanceGroup> adjust) throws IOException {
        this(tmp, groups, adjust, DEFAULT_READY_AFTER);
    }

    RollingClusterFixture(Path tmp, List<String> groups, UnaryOperator<InstanceGroup> adjust, Duration readyAfter)
            throws IOException {
        this(tmp, groups, adjust, readyAfter, TestReconcilers.FAST, UnaryOperator.identity());
    }

    /** @param settings the reconcilers' pacing (tests: {@link TestReconcilers#FAST}; the benchmark: production's) */
    RollingClusterFixture(Path tmp, List<String> groups, UnaryOperator<InstanceGroup> adjust, Duration readyAfter,
                          ReconcileSettings settings) throws IOException {
        this(tmp, groups, adjust, readyAfter, settings, UnaryOperator.identity());
    }

    /** {@code awsSetup} adds to the AWS configuration of each operator started (see {@link OperatorHarness}). */
    RollingClusterFixture(Path tmp, List<String> groups, UnaryOperator<InstanceGroup> adjust, Duration readyAfter,
                          UnaryOperator<AwsSessionConfig.Builder> awsSetup) throws IOException {
        this(tmp, groups, adjust, readyAfter, TestReconcilers.FAST, awsSetup);
    }

    RollingClusterFixture(Path tmp, List<String> groups, UnaryOperator<InstanceGroup> adjust, Duration readyAfter,
                          ReconcileSettings settings, UnaryOperator<AwsSessionConfig.Builder> awsSetup) throws IOException {
        charts = ChartRepository.start(tmp.resolve("charts"));
        charts.publish(UpstreamLikeCharts.forChannel(AddonChannel.load()));
        int port = freePort();
        EndpointOverrides endpoints = EndpointOverrides.of(Map.of("default/demo", "https://127.0.0.1:" + port));
        AddonSettings addons = new AddonSettings(RepositoryOverride.all(charts.url()), tmp.resolve("addon-cache"));
        harness = new OperatorHarness(w -> TestReconcilers.all(w, settings, endpoints, addons), api -> {
        }, MotoServer.get().endpoint(), MotoServer.UNTHROTTLED, awsSetup);
        simulator = new WorkloadSimulator(harness.client, harness.consoleEc2(), readyAfter, Clock.systemUTC());
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
        try {
            harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
            for (String group : groups) {
                harness.client.resource(adjust.apply(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", group)))
                        .create();
            }
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                assertThat(Conditions.isTrue(cluster().getStatus().conditions, ConditionType.READY))
                        .as("%s", cluster().getStatus().conditions).isTrue();
                for (String group : groups) {
                    assertThat(group(group).getStatus().rollout.phase).as(group).isEqualTo(RolloutPhase.IDLE);
                }
            });
        } catch (RuntimeException | Error e) {
            // the test never gets the fixture to close: an operator left running would keep working on the JVM's
            // shared moto, on the AWS resources of the next test's cluster of the same name
            close();
            throw e;
        }
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

    @Override
    public void close() {
        watch.close();
        simulator.close();
        harness.close();
        charts.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
