package io.slipway.aws;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroupRole;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.cloud.SecretBytes;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.ClusterModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.slipway.testing.CallCounts.byOperation;
import static io.slipway.testing.CallCounts.minus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (hack/bench, not part of the test run): AWS calls for the network plus the control-plane infrastructure
 * together (IAM, bootstrap store, API load balancer, DNS) of a 3-zone private cluster with a DNS zone, through the
 * production engine and clients against moto: mutating calls per created resource, and calls per steady-state
 * reconcile per service operation and per kind.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "slipway.bench", matches = "true")
class ClusterInfrastructureBenchmark {
    private static final int STEADY_RECONCILES = 5;

    @Test
    void callsForTheWholeClusterGraph() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().dnsZone = "bench.example.com";
        SimpleMeterRegistry calls = new SimpleMeterRegistry();
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(calls).build());
             ApplyPool pool = new ApplyPool(8, "bench-apply")) {
            AwsSession session = factory.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
            session.route53().createHostedZone(r -> r.name("bench.example.com").callerReference("bench"));
            String account = session.accountId();
            ClusterInputs inputs = new ClusterInputs(account, "aws", BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), account),
                    Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node),
                    Map.of(InstanceGroupRole.ControlPlane, SecretBytes.of("control-plane material"),
                            InstanceGroupRole.Node, SecretBytes.of("node material")));
            DesiredGraph graph = ClusterModel.build(cluster, inputs);
            Engine engine = AwsKinds.engine(session, pool);
            Map<String, Long> before = byOperation(calls);

            long start = System.nanoTime();
            int created = 0;
            for (int round = 0; round < 5; round++) { // a few rounds: NAT gateways and the like are waited for
                ApplyResult result = engine.apply(engine.plan(graph));
                created += (int) result.applied().stream().filter(c -> c.action() == Action.CREATE).count();
                if (result.isComplete()) {
                    break;
                }
            }
            long createMillis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> create = minus(byOperation(calls), before);
            long writes = sum(create, false);
            System.out.println();
            System.out.println("== Create: network + IAM + bootstrap store + API load balancer + DNS (moto) ==");
            print(create);
            System.out.printf("resources in the graph: %d; created: %d; mutating calls: %d; mutating calls per created"
                    + " resource: %.3f; reads: %d; wall time: %d ms%n", graph.size(), created, writes,
                    (double) writes / created, sum(create, true), createMillis);

            Map<String, Long> beforeSteady = byOperation(calls);
            start = System.nanoTime();
            for (int i = 0; i < STEADY_RECONCILES; i++) {
                Plan plan = engine.plan(graph);
                assertThat(plan.isConverged()).as(plan.toString()).isTrue();
                engine.apply(plan);
            }
            long steadyMillis = (System.nanoTime() - start) / 1_000_000 / STEADY_RECONCILES;
            Map<String, Long> perReconcile = new TreeMap<>();
            minus(byOperation(calls), beforeSteady).forEach((op, n) -> perReconcile.put(op, n / STEADY_RECONCILES));
            int kinds = AwsKinds.of(session).inFindOrder().size();
            System.out.println();
            System.out.println("== Steady state: calls per reconcile (plan + apply of the converged graph; mean of "
                    + STEADY_RECONCILES + ") ==");
            print(perReconcile);
            System.out.printf("kinds: %d; reads per reconcile: %d (%.2f per kind); writes per reconcile: %d;"
                    + " wall time per reconcile: %d ms%n", kinds, sum(perReconcile, true),
                    (double) sum(perReconcile, true) / kinds, sum(perReconcile, false), steadyMillis);
        }
    }

    private static long sum(Map<String, Long> counts, boolean reads) {
        return counts.entrySet().stream().filter(e -> AwsOperations.isRead(operation(e.getKey())) == reads)
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String operation(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    private static void print(Map<String, Long> counts) {
        System.out.printf("| %-50s | %-5s | %5s |%n", "service:operation", "type", "calls");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(52), "-".repeat(7), "-".repeat(7));
        counts.forEach((op, n) -> System.out.printf("| %-50s | %-5s | %5d |%n", op,
                AwsOperations.isRead(operation(op)) ? "read" : "write", n));
    }
}
