package io.slipway.aws.elb;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.testing.Boto3Inventory;
import io.slipway.aws.route53.DnsRecordSpec;
import io.slipway.aws.route53.HostedZoneSpec;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyListener;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.Ref;
import io.slipway.cloud.TeardownOptions;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.ApiEndpointIds;
import io.slipway.model.Owners;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's teardown (every scope) removes the load balancer, target group, listener and the DNS record with its
 * mark, found through the cluster's graph as lookup; the shared zone and other people's records stay. A plan of one
 * scope never deletes or overwrites a record another scope of the cluster marked.
 */
@ExtendWith(MotoExtension.class)
class ApiEndpointTeardownTest {
    private static final TeardownOptions FAST = new TeardownOptions(5, Duration.ofMillis(50));
    private static final String BASTION = "bastion.demo.example.com";

    private ApiEndpointFixture aws;
    private Engine engine;
    private URI moto;
    private Boto3Console console;
    private String zone;

    @BeforeEach
    void setUp(MeterRegistry registry, URI moto) {
        this.moto = moto;
        console = new Boto3Console(moto);
        zone = console.createZone(ApiEndpointFixture.ZONE);
        aws = ApiEndpointFixture.of(registry);
        engine = aws.engine();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void theClusterTeardownLeavesNothingButTheZoneAndOtherPeoplesRecords() {
        Cluster cluster = ApiEndpointFixture.internalWithDns();
        DesiredGraph graph = ApiEndpointFixture.graph(cluster);
        assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        console.run("r53.change_resource_record_sets(HostedZoneId='" + zone + "', ChangeBatch={'Changes': [{'Action': 'CREATE',"
                + " 'ResourceRecordSet': {'Name': 'www.example.com', 'Type': 'A', 'TTL': 60,"
                + " 'ResourceRecords': [{'Value': '192.0.2.80'}]}}]})");
        JsonNode before = Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER);
        assertThat(before.path("load-balancer").size() + before.path("target-group").size()
                + before.path("listener").size() + before.path("dns-record").size()).isEqualTo(4);

        TeardownResult result = engine.deleteAllOwned(Owners.wholeCluster(cluster), graph, FAST, ApplyListener.NONE);

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        JsonNode left = Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER);
        assertThat(Boto3Inventory.count(left)).as(left.toString()).isZero();
        assertThat(console.records(zone, ApiEndpointFixture.RECORD)).isEqualTo("{}");
        assertThat(console.records(zone, "www.example.com")).isEqualTo("{\"A\": [\"192.0.2.80\"]}");
        assertThat(console.run("print(r53.get_hosted_zone(Id='" + zone + "')['HostedZone']['Name'])")).isEqualTo("example.com.");
        assertThat(console.run("print(len(elb.describe_load_balancers()['LoadBalancers']),"
                + " len(elb.describe_target_groups()['TargetGroups']))")).isEqualTo("0 0");
    }

    @Test
    void aRecordMarkedByAnotherScopeIsNeitherDeletedNorOverwrittenButTheClusterTeardownRemovesIt() {
        Cluster cluster = ApiEndpointFixture.internalWithDns();
        Owner group = Owners.instanceGroup(ApiEndpointFixture.NAMESPACE, ApiEndpointFixture.NAME, "bastions");
        DesiredGraph groupGraph = bastionRecord(DesiredGraph.builder(group)).build();
        assertThat(engine.apply(engine.plan(groupGraph)).isComplete()).isTrue();
        String marked = console.records(zone, BASTION);
        assertThat(marked).contains("bastion-lb.example.net", "slipway/scope=instancegroup/bastions");

        // the cluster's own scope naming the same record: it is not the cluster scope's, so it is left alone
        DesiredGraph clusterGraph = bastionRecord(DesiredGraph.builder(Owners.cluster(cluster))).build();
        Plan plan = engine.plan(clusterGraph);
        ApplyResult result = engine.apply(plan);

        assertThat(plan.changes()).noneMatch(c -> c.action() == Action.DELETE);
        assertThat(plan.pending()).extracting(Change::logicalId).containsExactly("dns/bastion");
        assertThat(result.errors()).singleElement().asString().contains("InvalidChangeBatch", "not Slipway's");
        assertThat(console.records(zone, BASTION)).isEqualTo(marked);
        // and a plan of the cluster scope that does not name it does not delete it either
        DesiredGraph apiGraph = ApiEndpointFixture.graph(cluster);
        assertThat(engine.plan(apiGraph).changes()).noneMatch(c -> c.action() == Action.DELETE);

        TeardownResult teardown = engine.deleteAllOwned(Owners.wholeCluster(cluster),
                bastionRecord(DesiredGraph.builder(Owners.cluster(cluster))).build(), FAST, ApplyListener.NONE);

        assertThat(teardown.isComplete()).as(teardown.toString()).isTrue();
        assertThat(teardown.deleted()).extracting(Change::logicalId).containsExactly("dns/bastion");
        assertThat(console.records(zone, BASTION)).isEqualTo("{}");
    }

    /** A record in the shared zone, as an instance group's graph would hold it. */
    private static DesiredGraph.Builder bastionRecord(DesiredGraph.Builder graph) {
        return graph.shared(ApiEndpointIds.HOSTED_ZONE, HostedZoneSpec.byName(ApiEndpointFixture.ZONE, null))
                .managed("dns/bastion", new DnsRecordSpec(Ref.to(ApiEndpointIds.HOSTED_ZONE), BASTION,
                        Ref.literal("bastion-lb.example.net"), Ref.literal("Z0000BASTION")));
    }
}
