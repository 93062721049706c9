package io.slipway.aws.ec2;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallMetrics;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsOperations;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: AWS calls of the network engine against moto, for a 3-zone private network with a NAT
 * gateway per zone. Prints tables; run with hack/bench (or -Dslipway.bench=true -Dtest=NetworkBenchmark).
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "slipway.bench", matches = "true")
class NetworkBenchmark {
    private static final int STEADY_RECONCILES = 5;

    /** Which kind's find or change an EC2 operation serves. */
    private static final Map<String, String> KIND_OF = Map.ofEntries(
            Map.entry("DescribeVpcs", "Vpc"), Map.entry("DescribeVpcAttribute", "VpcDnsSupport, VpcDnsHostnames (one each)"),
            Map.entry("CreateVpc", "Vpc"), Map.entry("ModifyVpcAttribute", "VpcDnsSupport, VpcDnsHostnames (one each)"),
            Map.entry("DescribeInternetGateways", "InternetGateway (+Attachment)"),
            Map.entry("CreateInternetGateway", "InternetGateway"),
            Map.entry("AttachInternetGateway", "InternetGatewayAttachment"),
            Map.entry("DescribeSubnets", "Subnet"), Map.entry("CreateSubnet", "Subnet"),
            Map.entry("DescribeAddresses", "ElasticIp"), Map.entry("AllocateAddress", "ElasticIp"),
            Map.entry("DescribeNatGateways", "NatGateway"), Map.entry("CreateNatGateway", "NatGateway"),
            Map.entry("DescribeRouteTables", "RouteTable (+Route, RouteTableAssociation)"),
            Map.entry("CreateRouteTable", "RouteTable"), Map.entry("CreateRoute", "Route"),
            Map.entry("AssociateRouteTable", "RouteTableAssociation"),
            Map.entry("DescribeSecurityGroups", "SecurityGroup (+SecurityGroupRule)"),
            Map.entry("CreateSecurityGroup", "SecurityGroup"),
            Map.entry("DescribeSecurityGroupRules", "SecurityGroupRule"),
            Map.entry("AuthorizeSecurityGroupIngress", "SecurityGroupRule"));

    @Test
    void callsPerReconcile() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        DesiredGraph graph = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));

        SimpleMeterRegistry createCalls = new SimpleMeterRegistry();
        int created;
        long createMillis;
        try (Ec2TestClients clients = Ec2TestClients.of(createCalls)) {
            Engine engine = Ec2NetworkKinds.engine(clients.ec2());
            long start = System.nanoTime();
            Plan plan = engine.plan(graph);
            ApplyResult result = engine.apply(plan);
            createMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.isComplete()).isTrue();
            created = (int) result.applied().stream().filter(c -> c.action() == Action.CREATE).count();
        }
        Map<String, Long> create = byOperation(createCalls);
        long createWrites = sum(create, false);
        System.out.println();
        System.out.println("== Create: 3-zone private network, NAT per zone (moto, rate limits off) ==");
        print(create);
        System.out.printf("resources created: %d; mutating calls: %d; mutating calls per created resource: %.3f;"
                + " reads: %d; wall time: %d ms%n", created, createWrites, (double) createWrites / created,
                sum(create, true), createMillis);

        SimpleMeterRegistry steadyCalls = new SimpleMeterRegistry();
        long steadyMillis;
        try (Ec2TestClients clients = Ec2TestClients.of(steadyCalls)) {
            Engine engine = Ec2NetworkKinds.engine(clients.ec2());
            long start = System.nanoTime();
            for (int i = 0; i < STEADY_RECONCILES; i++) {
                Plan plan = engine.plan(graph);
                assertThat(plan.isConverged()).isTrue();
                engine.apply(plan);
            }
            steadyMillis = (System.nanoTime() - start) / 1_000_000 / STEADY_RECONCILES;
        }
        Map<String, Long> steady = byOperation(steadyCalls);
        System.out.println();
        System.out.println("== Steady state: calls per reconcile (plan + apply of a converged network; mean of "
                + STEADY_RECONCILES + ") ==");
        Map<String, Long> perReconcile = new TreeMap<>();
        steady.forEach((op, n) -> perReconcile.put(op, n / STEADY_RECONCILES));
        print(perReconcile);
        System.out.printf("reads per reconcile: %d; writes per reconcile: %d; wall time per reconcile: %d ms%n",
                sum(perReconcile, true), sum(perReconcile, false), steadyMillis);

        moto.reset();
        SimpleMeterRegistry limited = new SimpleMeterRegistry();
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(limited).build())) {
            Engine engine = Ec2NetworkKinds.engine(factory.session(AwsCredentialSource.operatorDefault()).ec2());
            long start = System.nanoTime();
            assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
            System.out.printf("%nCreate wall time with the production client (CAPA rate limits: mutations 5/s burst 10,"
                    + " adaptive retry): %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static Map<String, Long> byOperation(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(AwsCallMetrics.CALLS).counters()) {
            counts.merge(counter.getId().getTag("operation"), Math.round(counter.count()), Long::sum);
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts, boolean reads) {
        return counts.entrySet().stream().filter(e -> AwsOperations.isRead(e.getKey()) == reads)
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static void print(Map<String, Long> counts) {
        System.out.printf("| %-30s | %-5s | %-42s | %5s |%n", "operation", "type", "kind", "calls");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(32), "-".repeat(7), "-".repeat(44), "-".repeat(7));
        counts.forEach((op, n) -> System.out.printf("| %-30s | %-5s | %-42s | %5d |%n", op,
                AwsOperations.isRead(op) ? "read" : "write", KIND_OF.getOrDefault(op, "?"), n));
    }
}
