package io.slipway.aws;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.autoscaling.AutoScalingGroupKind;
import io.slipway.aws.autoscaling.GroupInstances;
import io.slipway.aws.autoscaling.ReplacementCalls;
import io.slipway.aws.ec2.ImageResolver;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.ReadShare;
import io.slipway.cloud.SecretBytes;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.ClusterModel;
import io.slipway.model.InstanceGroupIds;
import io.slipway.model.InstanceGroupInputs;
import io.slipway.model.InstanceGroupModel;
import io.slipway.model.Owners;
import io.slipway.testing.Examples;
import io.slipway.testing.MotoServer;
import io.slipway.testing.SteppingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS calls of one steady-state pass over the example cluster (3 zones, 3 control-plane groups, a node group),
 * against moto through the production engine, kinds and clients: the Cluster's plan, then each group's image, plan
 * and instances (what its reconcile reads), then each group's rollout reads, all through the cluster's one
 * {@link ReadShare}. Goal of issue 8: no write, and at most one call of each describe for the whole cluster.
 */
class SteadyStateReadsTest {
    private static final List<String> GROUPS = List.of("control-plane-us-east-1a", "control-plane-us-east-1b",
            "control-plane-us-east-1c", "nodes");
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    /** The test moves the clock by hand, so that "within the lifetime" does not depend on the machine's speed. */
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private final KindCallMeter meter = new KindCallMeter();
    private AwsClientFactory factory;
    private ApplyPool pool;
    private AwsSession session;
    private Engine engine;
    private Cluster cluster;
    private List<InstanceGroup> groups;
    private DesiredGraph clusterGraph;
    private final Map<String, DesiredGraph> groupGraphs = new LinkedHashMap<>();

    @BeforeEach
    void buildTheExampleCluster() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        factory = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).rateLimits(MotoServer.UNTHROTTLED)
                .addInterceptor(meter.interceptor()).build());
        pool = new ApplyPool(8, "steady-reads");
        cluster = Examples.read(Cluster.class, "examples/cluster.yaml", "demo");
        groups = GROUPS.stream().map(g -> Examples.read(InstanceGroup.class, "examples/instancegroups.yaml", g)).toList();
        session = factory.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
        String account = session.accountId();
        clusterGraph = ClusterModel.build(cluster, new ClusterInputs(account, "aws",
                BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), account),
                Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node),
                Map.of(InstanceGroupRole.ControlPlane, SecretBytes.of("control-plane material"),
                        InstanceGroupRole.Node, SecretBytes.of("node material"))));
        engine = new Engine(meter.wrap(AwsKinds.of(session)), AwsKinds.classifier(), pool, AwsKinds.blockers(session));
        for (InstanceGroup group : groups) {
            groupGraphs.put(group.getMetadata().getName(), groupGraph(group, group.getSpec().maxSize));
        }
        applyUntilComplete(clusterGraph);
        groupGraphs.values().forEach(this::applyUntilComplete);
    }

    @AfterEach
    void close() {
        pool.close();
        factory.close();
    }

    @Test
    void onePassOfTheWholeClusterWritesNothingAndCallsEachDescribeAtMostOnce() {
        ReadShare share = new ReadShare(new SteppingClock(START), LIFETIME);

        Map<KindCallMeter.Key, Long> start = meter.snapshot();
        pass(share);
        Map<KindCallMeter.Key, Long> calls = KindCallMeter.minus(meter.snapshot(), start);
        Map<String, Long> byOperation = byOperation(calls);

        System.out.println("steady-state pass through one read share, calls per operation: " + byOperation);
        assertThat(byOperation.keySet()).as("writes in a steady-state pass")
                .noneMatch(op -> AwsOperations.isMutating(op.substring(op.indexOf(':') + 1)));
        Map<String, Long> byKindAndOperation = new TreeMap<>();
        calls.forEach((key, n) -> byKindAndOperation.merge(key.kind() + " " + key.operation(), n, Long::sum));
        assertThat(byKindAndOperation).as("calls per kind and operation of one pass of the whole cluster")
                .allSatisfy((call, n) -> assertThat(n).as(call).isLessThanOrEqualTo(1L));
        // DescribeVpcAttribute reads one attribute per call: the two DNS attribute kinds read one each
        assertThat(byOperation).as("calls per operation of one pass of the whole cluster")
                .allSatisfy((operation, n) -> assertThat(n).as(operation)
                        .isLessThanOrEqualTo(operation.equals("Ec2:DescribeVpcAttribute") ? 2L : 1L));
    }

    @Test
    void withoutTheShareEveryGroupReadsItsOwnAndTheClustersResourcesAgain() {
        // the same pass, each plan on its own: what the share saves, and proof that the first test can fail
        Map<KindCallMeter.Key, Long> start = meter.snapshot();
        assertConverged(engine.plan(clusterGraph));
        groupGraphs.values().forEach(graph -> assertConverged(engine.plan(graph)));
        Map<String, Long> byOperation = byOperation(KindCallMeter.minus(meter.snapshot(), start));

        assertThat(byOperation.get("AutoScaling:DescribeAutoScalingGroups")).isGreaterThanOrEqualTo(GROUPS.size());
        assertThat(byOperation.get("Ec2:DescribeSubnets")).isGreaterThan(1L);
    }

    @Test
    void aRollsLiveTerminationDropsTheSharedReads_soAnIdleGroupsLookForWorkDoesNotSeeTheInstanceAgain() {
        ReadShare share = new ReadShare(new SteppingClock(START), LIFETIME);
        pass(share);
        Owner clusterOwner = Owners.cluster(cluster);
        Owner nodes = Owners.instanceGroup("default", cluster.getMetadata().getName(), "nodes");
        ReplacementCalls idleLook = ReplacementCalls.sharing(session.autoScaling(), session.ec2(), session.elbv2(),
                share, clusterOwner);
        String replaced = idleLook.owned(nodes).get(0).id();

        // the roll reads live, but the cluster's other readers must not keep what it changed
        ReplacementCalls.live(session.autoScaling(), session.ec2(), session.elbv2(), share).terminate(List.of(replaced));

        assertThat(idleLook.owned(nodes)).extracting(ReplacementCalls.OwnedInstance::id).doesNotContain(replaced);
    }

    @Test
    void consoleDriftIsFoundOnceTheLifetimeHasPassed_andTheOperatorsOwnWritesAtOnce() {
        SteppingClock clock = new SteppingClock(START);
        ReadShare share = new ReadShare(clock, LIFETIME);
        InstanceGroup nodes = groups.get(GROUPS.indexOf("nodes"));
        DesiredGraph nodesGraph = groupGraphs.get("nodes");
        pass(share);
        String nodesGroupName = asgName(engine.plan(nodesGraph, share));

        // a suspended process, made in the console: the share, within its lifetime, still says what it read
        session.autoScaling().suspendProcesses(r -> r.autoScalingGroupName(nodesGroupName).scalingProcesses("Launch"));
        assertConverged(engine.plan(nodesGraph, share));
        clock.advance(LIFETIME);
        Plan afterLifetime = engine.plan(nodesGraph, share);
        assertThat(afterLifetime.pending()).extracting(c -> c.logicalId() + " " + c.action())
                .containsExactly(InstanceGroupIds.AUTO_SCALING_GROUP + " " + Action.UPDATE);
        engine.apply(afterLifetime);

        // the operator's own write (a new max size) is seen by the very next plan, within the lifetime
        DesiredGraph larger = groupGraph(nodes, nodes.getSpec().maxSize + 2);
        Plan resize = engine.plan(larger, share);
        assertThat(resize.pending()).extracting(c -> c.action()).containsExactly(Action.UPDATE);
        engine.apply(resize);
        assertConverged(engine.plan(larger, share));
        assertThat(session.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(nodesGroupName))
                .autoScalingGroups().get(0).suspendedProcesses()).isEmpty();
    }

    /** What one reconcile of the Cluster, of each group, and of each group's rollout reads. */
    private void pass(ReadShare share) {
        Owner clusterOwner = Owners.cluster(cluster);
        assertConverged(engine.plan(clusterGraph, share));
        Map<String, String> names = new LinkedHashMap<>();
        for (InstanceGroup group : groups) {
            new ImageResolver(session.ec2()).resolve(group.getSpec().image, share);
            Plan plan = engine.plan(groupGraphs.get(group.getMetadata().getName()), share);
            assertConverged(plan);
            names.put(group.getMetadata().getName(), asgName(plan));
            assertThat(new GroupInstances(session.ec2()).of(asgName(plan), clusterOwner, share)).isNotEmpty();
        }
        ReplacementCalls rollout = ReplacementCalls.sharing(session.autoScaling(), session.ec2(), session.elbv2(),
                share, clusterOwner);
        for (InstanceGroup group : groups) {
            assertThat(rollout.members(names.get(group.getMetadata().getName()))).isPresent();
            assertThat(rollout.owned(Owners.instanceGroup("default", cluster.getMetadata().getName(),
                    group.getMetadata().getName()))).isNotEmpty();
        }
    }

    private DesiredGraph groupGraph(InstanceGroup group, int maxSize) {
        group.getSpec().maxSize = maxSize;
        ImageResolver.ResolvedImage image = new ImageResolver(session.ec2()).resolve(group.getSpec().image);
        return InstanceGroupModel.build(cluster, group,
                new InstanceGroupInputs(image.id(), image.rootDeviceName(), image.rootVolumeSize(), "#!/bin/sh\n"));
    }

    private static String asgName(Plan plan) {
        return plan.resources().stream().filter(r -> r.logicalId().equals(InstanceGroupIds.AUTO_SCALING_GROUP))
                .findFirst().orElseThrow().outputs().get(AutoScalingGroupKind.GROUP_NAME);
    }

    private static void assertConverged(Plan plan) {
        assertThat(plan.isConverged()).as(plan.toString()).isTrue();
    }

    private void applyUntilComplete(DesiredGraph graph) {
        for (int round = 0; round < 10; round++) {
            if (engine.apply(engine.plan(graph)).isComplete()) {
                return;
            }
        }
        throw new AssertionError("the graph of " + graph.owner() + " did not converge in moto");
    }

    private static Map<String, Long> byOperation(Map<KindCallMeter.Key, Long> calls) {
        Map<String, Long> byOperation = new TreeMap<>();
        calls.forEach((key, n) -> byOperation.merge(key.operation(), n, Long::sum));
        byOperation.values().removeIf(n -> n == 0);
        return byOperation;
    }
}
