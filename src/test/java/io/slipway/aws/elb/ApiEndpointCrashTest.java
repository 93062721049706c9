package io.slipway.aws.elb;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.aws.AwsCallCounter;
import io.slipway.aws.AwsKinds;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.ApiEndpointIds;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash at every step of building the API endpoint on a converged network: for k = 1..N (N = mutating calls of a
 * clean build), the process "dies" after k mutating calls; a fresh engine then converges with exactly one load
 * balancer, target group, listener and DNS record, counted by boto3. And a lost create response leaves no duplicate.
 */
class ApiEndpointCrashTest {

    private static Cluster cluster() {
        Cluster cluster = ApiEndpointFixture.internalWithDns();
        cluster.getSpec().api.loadBalancer.crossZoneLoadBalancing = true;
        return cluster;
    }

    /** A fresh moto with the zone and the converged network of the cluster. */
    private static void networkOnly(DesiredGraph network) {
        MotoServer.get().reset();
        new Boto3Console(MotoServer.get().endpoint()).createZone(ApiEndpointFixture.ZONE);
        try (ApiEndpointFixture aws = ApiEndpointFixture.of(new SimpleMeterRegistry())) {
            Engine engine = aws.engine();
            assertThat(engine.apply(engine.plan(network)).isComplete()).isTrue();
        }
    }

    @Test
    void aFreshEngineConvergesAfterACrashAtEveryStep() {
        Cluster cluster = cluster();
        DesiredGraph graph = ApiEndpointFixture.graph(cluster);
        DesiredGraph network = ApiEndpointFixture.network(cluster);

        networkOnly(network);
        SimpleMeterRegistry cleanRun = new SimpleMeterRegistry();
        try (ApiEndpointFixture aws = ApiEndpointFixture.of(cleanRun)) {
            Engine engine = aws.engine();
            assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        }
        int n = (int) AwsCallCounter.mutating(cleanRun);
        assertThat(n).as("load balancer, cross-zone, target group, listener, one DNS batch").isEqualTo(5);

        List<String> matrix = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            networkOnly(network);
            FaultInjector crash = new FaultInjector(k).crashAfterMutatingCalls(k);
            try (ApiEndpointFixture aws = ApiEndpointFixture.withFaults(new SimpleMeterRegistry(), crash)) {
                Engine dying = aws.engine();
                dying.apply(dying.plan(graph));
            }
            assertThat(crash.crashed()).as("k=%d crashed", k).isEqualTo(k < n);

            SimpleMeterRegistry resumeCalls = new SimpleMeterRegistry();
            try (ApiEndpointFixture aws = ApiEndpointFixture.of(resumeCalls)) {
                Engine fresh = aws.engine();
                Plan resume = fresh.plan(graph);
                ApplyResult result = fresh.apply(resume);
                assertThat(result.isComplete()).as("k=%d: %s", k, result).isTrue();
                assertThat(fresh.plan(graph).isConverged()).as("k=%d converged", k).isTrue();
                JsonNode inventory = Boto3Inventory.tagged(MotoServer.get().endpoint(), ApiEndpointFixture.OWNER);
                for (String kind : List.of("load-balancer", "target-group", "listener", "dns-record")) {
                    assertThat(inventory.path(kind).size()).as("k=%d %s: %s", k, kind, inventory.path(kind)).isEqualTo(1);
                }
                assertThat(inventory.path("load-balancer").get(0).path("crossZone").asText()).as("k=%d", k).isEqualTo("true");
                matrix.add(String.format("k=%d  crashed=%-5s  resumed with %d changes (%d mutating calls)  converged=yes  duplicates=0",
                        k, crash.crashed(), resume.pending().size(), AwsCallCounter.mutating(resumeCalls)));
            }
        }
        System.out.println("Crash matrix, API endpoint on a converged network, N=" + n + " mutating calls:");
        matrix.forEach(System.out::println);
    }

    @Test
    void aLostCreateResponseIsAdoptedNotDuplicated() {
        Cluster cluster = cluster();
        DesiredGraph graph = ApiEndpointFixture.graph(cluster);
        networkOnly(ApiEndpointFixture.network(cluster));
        FaultInjector faults = new FaultInjector(1);
        try (ApiEndpointFixture aws = ApiEndpointFixture.withFaults(new SimpleMeterRegistry(), faults)) {
            // one change at a time, so that the lost response is the first create's: the load balancer's, which takes
            // minutes to provision and so starts ahead of the target group (first in the plan: it waits for the VPC only)
            Engine serial = new Engine(AwsKinds.of(aws.session()), AwsKinds.classifier(), 1);
            Plan plan = serial.plan(graph);
            assertThat(plan.pending().get(0).logicalId()).isEqualTo(ApiEndpointIds.TARGET_GROUP);
            faults.failNext(FaultInjector.Fault.LOST_RESPONSE);
            ApplyResult result = serial.apply(plan);
            assertThat(result.isComplete()).as(result.toString()).isTrue();
        }

        assertThat(faults.injected(FaultInjector.Fault.LOST_RESPONSE, "CreateLoadBalancer")).isEqualTo(1);
        JsonNode inventory = Boto3Inventory.tagged(MotoServer.get().endpoint(), ApiEndpointFixture.OWNER);
        assertThat(inventory.path("load-balancer").size()).as(inventory.path("load-balancer").toString()).isEqualTo(1);
        assertThat(inventory.path("target-group").size()).as(inventory.path("target-group").toString()).isEqualTo(1);
        String everyBalancer = new Boto3Console(MotoServer.get().endpoint())
                .run("print(len(elb.describe_load_balancers()['LoadBalancers']))");
        assertThat(everyBalancer).as("no duplicate of another name either").isEqualTo("1");
    }
}
