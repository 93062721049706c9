package io.slipway.aws.ec2;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.FaultInjector.Fault;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call that creates one resource reaches moto, but its response is lost. The engine must neither fail nor
 * create it twice: creates without idempotency of their own are not retried by the SDK, the resource is found by
 * its tags instead; other calls are retried and their "already there" answer is taken as success.
 */
class Ec2LostResponseTest {
    private static final String OWNER = "prod/demo";

    @BeforeEach
    void reset() {
        MotoServer.get().reset();
    }

    /** The graph without {@code logicalId} and everything that depends on it. */
    private static DesiredGraph without(DesiredGraph full, String logicalId) {
        Set<String> removed = new HashSet<>(Set.of(logicalId));
        DesiredGraph.Builder builder = DesiredGraph.builder(full.owner());
        for (DesiredResource<?> resource : full.inDependencyOrder()) {
            if (removed.contains(resource.logicalId()) || resource.dependencies().stream().anyMatch(removed::contains)) {
                removed.add(resource.logicalId());
            } else {
                builder.add(resource);
            }
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource({
            "vpc, CreateVpc, 1",
            "subnet/private-us-east-1a, CreateSubnet, 1",
            "internetgateway, CreateInternetGateway, 1",
            "elasticip/us-east-1a, AllocateAddress, 1",
            "natgateway/us-east-1a, CreateNatGateway, 1",
            "routetable/private-us-east-1a, CreateRouteTable, 1",
            "securitygroup/nodes, CreateSecurityGroup, 1",
            "internetgateway/attachment, AttachInternetGateway, 2",
            "route/public/0.0.0.0/0, CreateRoute, 3",
            "rtassoc/private-us-east-1a, AssociateRouteTable, 2",
            "sgrule/apilb/tcp:443/0.0.0.0/0, AuthorizeSecurityGroupIngress, 2"})
    void lostResponseOfTheCallThatMakesAResourceLeavesExactlyOne(String logicalId, String operation, int maxCalls) {
        DesiredGraph full = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));
        SimpleMeterRegistry calls = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(0);
        try (Ec2TestClients clients = Ec2TestClients.withFaults(calls, faults)) {
            Engine engine = Ec2NetworkKinds.engine(clients.ec2(), 1);
            assertThat(engine.apply(engine.plan(without(full, logicalId))).isComplete()).isTrue();
            Plan plan = engine.plan(full);
            assertThat(plan.pending().get(0).logicalId()).isEqualTo(logicalId);
            long before = AwsCallCounter.count(calls, "ec2", operation);

            faults.failNext(Fault.LOST_RESPONSE);
            ApplyResult result = engine.apply(plan);

            assertThat(faults.injected(Fault.LOST_RESPONSE, operation)).isEqualTo(1);
            assertThat(result.isComplete()).as(result.toString()).isTrue();
            assertThat(AwsCallCounter.count(calls, "ec2", operation) - before).isBetween(1L, (long) maxCalls);
            assertThat(engine.plan(full).isConverged()).isTrue();
        }
        try (Ec2Inventory inventory = new Ec2Inventory(MotoServer.get().endpoint())) {
            Map<String, Map<String, Integer>> tagged = inventory.tagged(OWNER);
            assertThat(Ec2NetworkTest.counts(tagged)).containsExactlyInAnyOrderEntriesOf(Ec2NetworkTest.expectedCounts());
            assertThat(tagged.values()).allSatisfy(ids -> assertThat(ids.values()).containsOnly(1));
            assertThat(inventory.routes(OWNER).values()).allSatisfy(r -> assertThat(r).hasSize(1));
            assertThat(inventory.ingress(OWNER).values().stream().mapToInt(List::size).sum()).isEqualTo(8);
        }
    }
}
