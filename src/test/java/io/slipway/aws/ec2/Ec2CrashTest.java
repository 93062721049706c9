package io.slipway.aws.ec2;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash at every step: for k = 1..N (N = mutating calls a clean create of a 3-zone private network needs), the
 * process "dies" after k mutating calls; a fresh engine on a fresh client then converges with exactly one of each
 * resource, counted by an independent client.
 */
class Ec2CrashTest {
    private static final String OWNER = "prod/demo";

    @Test
    void aFreshEngineConvergesAfterACrashAtEveryStep() {
        MotoServer moto = MotoServer.get();
        URI endpoint = moto.endpoint();
        DesiredGraph graph = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));

        moto.reset();
        SimpleMeterRegistry cleanRun = new SimpleMeterRegistry();
        try (Ec2TestClients clients = Ec2TestClients.of(cleanRun)) {
            assertThat(Ec2NetworkKinds.engine(clients.ec2()).apply(Ec2NetworkKinds.engine(clients.ec2()).plan(graph))
                    .isComplete()).isTrue();
        }
        int n = (int) AwsCallCounter.mutating(cleanRun);
        assertThat(n).isGreaterThanOrEqualTo(graph.size());

        List<String> matrix = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            moto.reset();
            FaultInjector crash = new FaultInjector(k).crashAfterMutatingCalls(k);
            int failedChanges;
            try (Ec2TestClients clients = Ec2TestClients.withFaults(new SimpleMeterRegistry(), crash)) {
                Engine dying = Ec2NetworkKinds.engine(clients.ec2());
                ApplyResult crashed = dying.apply(dying.plan(graph));
                failedChanges = crashed.outcomes().size() - crashed.applied().size();
            }
            assertThat(crash.crashed()).as("k=%d crashed", k).isEqualTo(k < n);

            SimpleMeterRegistry resumeCalls = new SimpleMeterRegistry();
            try (Ec2TestClients clients = Ec2TestClients.of(resumeCalls); Ec2Inventory inventory = new Ec2Inventory(endpoint)) {
                Engine fresh = Ec2NetworkKinds.engine(clients.ec2());
                Plan resume = fresh.plan(graph);
                ApplyResult result = fresh.apply(resume);
                assertThat(result.isComplete()).as("k=%d: %s", k, result).isTrue();
                assertThat(fresh.plan(graph).isConverged()).as("k=%d converged", k).isTrue();

                Map<String, Map<String, Integer>> tagged = inventory.tagged(OWNER);
                assertThat(Ec2NetworkTest.counts(tagged)).as("k=%d counts", k)
                        .containsExactlyInAnyOrderEntriesOf(Ec2NetworkTest.expectedCounts());
                assertThat(tagged.values()).as("k=%d duplicates", k).allSatisfy(ids -> assertThat(ids.values()).containsOnly(1));
                assertThat(inventory.routes(OWNER).values()).as("k=%d routes", k).allSatisfy(r -> assertThat(r).hasSize(1));
                assertThat(inventory.ingress(OWNER).values().stream().mapToInt(List::size).sum()).as("k=%d rules", k).isEqualTo(8);
                matrix.add(String.format("k=%2d  crashed=%-5s  failed/skipped in crashed run=%2d  resumed with %2d changes"
                                + " (%2d mutating calls)  converged=yes  duplicates=0",
                        k, crash.crashed(), failedChanges, resume.pending().size(), AwsCallCounter.mutating(resumeCalls)));
            }
        }
        System.out.println("Crash matrix, 3-zone private network, N=" + n + " mutating calls:");
        matrix.forEach(System.out::println);
    }
}
