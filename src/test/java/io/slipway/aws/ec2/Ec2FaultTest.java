package io.slipway.aws.ec2;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.cloud.PlanningException;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.FaultInjector.Fault;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10% of AWS call attempts fail on the client side (throttling, 5xx, and lost responses: moto did the work but
 * the client saw a connection reset). Reconciling until converged leaves exactly one of each resource.
 */
class Ec2FaultTest {
    private static final String OWNER = "prod/demo";
    private static final int MAX_RECONCILES = 10;
    private static final List<String> MATRIX = new ArrayList<>();

    @BeforeEach
    void reset() {
        MotoServer.get().reset();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void creationConvergesWithoutDuplicatesUnderTenPercentFaults(long seed) {
        DesiredGraph graph = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));
        FaultInjector faults = new FaultInjector(seed).rate(0.10);
        SimpleMeterRegistry calls = new SimpleMeterRegistry();
        int reconciles = 0;
        int planFailures = 0;
        int deletes = 0;
        try (Ec2TestClients clients = Ec2TestClients.withFaults(calls, faults)) {
            Engine engine = Ec2NetworkKinds.engine(clients.ec2());
            boolean converged = false;
            while (!converged && reconciles < MAX_RECONCILES) {
                reconciles++;
                try {
                    Plan plan = engine.plan(graph);
                    if (plan.isConverged()) {
                        converged = true;
                    } else {
                        ApplyResult result = engine.apply(plan);
                        assertThat(result.needsHuman()).as("seed %d: %s", seed, result).isFalse();
                        deletes += result.applied().stream().filter(c -> c.action() == io.slipway.cloud.Action.DELETE).count();
                    }
                } catch (PlanningException e) {
                    planFailures++; // a describe failed after the SDK's retries: the next reconcile finds again
                }
            }
            assertThat(converged).as("seed %d converged within %d reconciles", seed, MAX_RECONCILES).isTrue();
        }

        try (Ec2TestClients clean = Ec2TestClients.of(new SimpleMeterRegistry());
             Ec2Inventory inventory = new Ec2Inventory(MotoServer.get().endpoint())) {
            assertThat(Ec2NetworkKinds.engine(clean.ec2()).plan(graph).isConverged()).isTrue();
            Map<String, Map<String, Integer>> tagged = inventory.tagged(OWNER);
            assertThat(Ec2NetworkTest.counts(tagged)).as("seed %d counts", seed)
                    .containsExactlyInAnyOrderEntriesOf(Ec2NetworkTest.expectedCounts());
            assertThat(tagged.values()).as("seed %d duplicates", seed).allSatisfy(ids -> assertThat(ids.values()).containsOnly(1));
            assertThat(inventory.routes(OWNER).values()).allSatisfy(r -> assertThat(r).hasSize(1));
            assertThat(inventory.ingress(OWNER).values().stream().mapToInt(List::size).sum()).isEqualTo(8);
        }
        assertThat(faults.injectedTotal()).as("faults were injected").isPositive();
        // no duplicate was ever made (not even one cleaned up later)
        assertThat(deletes).as("seed %d deletes", seed).isZero();
        MATRIX.add(String.format("seed=%d  faults: throttling=%2d 5xx=%2d lost=%2d (lost on creates=%d)  calls=%3d"
                        + "  reconciles=%d (failed finds %d)  duplicates=0",
                seed, faults.injected(Fault.THROTTLING), faults.injected(Fault.SERVER_ERROR),
                faults.injected(Fault.LOST_RESPONSE), lostOnCreates(faults), AwsCallCounter.total(calls), reconciles,
                planFailures));
    }

    private static int lostOnCreates(FaultInjector faults) {
        int lost = 0;
        for (String operation : List.of("CreateVpc", "CreateSubnet", "CreateInternetGateway", "AllocateAddress",
                "CreateNatGateway", "CreateRouteTable", "CreateSecurityGroup")) {
            lost += faults.injected(Fault.LOST_RESPONSE, operation);
        }
        return lost;
    }

    @AfterAll
    static void printMatrix() {
        System.out.println("Fault matrix, 3-zone private network, 10% of attempts faulted:");
        MATRIX.forEach(System.out::println);
    }
}
