package io.slipway.aws.elb;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DriftCounter;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.ApiEndpointIds;
import io.slipway.model.NetworkIds;
import io.slipway.model.SecurityGroupRole;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;

import static io.slipway.aws.elb.ApiEndpointTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Changes made out of band with boto3 (as in the console) are put back by the next reconcile, counted per kind. */
@ExtendWith(MotoExtension.class)
class ApiEndpointDriftTest {
    private ApiEndpointFixture aws;
    private Engine engine;
    private DesiredGraph graph;
    private URI moto;
    private Boto3Console console;
    private String zone;
    private final SimpleMeterRegistry driftMetrics = new SimpleMeterRegistry();

    @BeforeEach
    void converge(MeterRegistry registry, URI moto) {
        this.moto = moto;
        console = new Boto3Console(moto);
        zone = console.createZone(ApiEndpointFixture.ZONE);
        aws = ApiEndpointFixture.of(registry);
        engine = aws.engine();
        Cluster cluster = ApiEndpointFixture.internalWithDns();
        cluster.getSpec().api.loadBalancer.crossZoneLoadBalancing = true;
        graph = ApiEndpointFixture.graph(cluster);
        assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        assertThat(engine.plan(graph).isConverged()).isTrue();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private Map<String, Integer> reconcile(Plan plan) {
        ApplyResult result = engine.apply(plan);
        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(engine.plan(graph).isConverged()).as("converged after one reconcile").isTrue();
        return new DriftCounter(driftMetrics).record(result);
    }

    private String id(String logicalId) {
        return engine.plan(graph).resource(logicalId).orElseThrow().cloudId();
    }

    private JsonNode inventory(String kind) {
        return single(Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER), kind);
    }

    @Test
    void crossZoneTurnedOffAndSecurityGroupsChangedArePutBackInAnUpdateEach() {
        String balancer = id(ApiEndpointIds.LOAD_BALANCER);
        String apiGroup = id(NetworkIds.securityGroup(SecurityGroupRole.API_LOAD_BALANCER));
        String nodes = id(NetworkIds.securityGroup(SecurityGroupRole.NODES));
        console.run("elb.modify_load_balancer_attributes(LoadBalancerArn='" + balancer + "', Attributes=[{'Key':"
                + " 'load_balancing.cross_zone.enabled', 'Value': 'false'}])\n"
                + "elb.set_security_groups(LoadBalancerArn='" + balancer + "', SecurityGroups=['" + nodes + "'])\n"
                + "elb.remove_tags(ResourceArns=['" + balancer + "'], TagKeys=['team'])");

        Plan plan = engine.plan(graph);

        // cross-zone is a resource of its own
        assertThat(plan.pending()).hasSize(2).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.UPDATE));
        assertThat(plan.pending()).filteredOn(c -> c.logicalId().equals(ApiEndpointIds.LOAD_BALANCER)).singleElement()
                .satisfies(c -> assertThat(c.fields()).extracting(f -> f.field())
                        .containsExactlyInAnyOrder("securityGroups", "tags.team"));
        assertThat(plan.pending()).filteredOn(c -> c.logicalId().equals(ApiEndpointIds.LOAD_BALANCER_CROSS_ZONE)).singleElement()
                .satisfies(c -> assertThat(c.fields()).extracting(f -> f.field()).containsExactly("crossZone"));
        assertThat(reconcile(plan)).containsOnly(Map.entry("LoadBalancer", 1), Map.entry("LoadBalancerCrossZone", 1));
        JsonNode live = inventory("load-balancer");
        assertThat(live.path("crossZone").asText()).isEqualTo("true");
        assertThat(live.path("securityGroups").toString()).isEqualTo("[\"" + apiGroup + "\"]");
        assertThat(live.path("tags").path("team").asText()).isEqualTo("platform");
        assertThat(driftMetrics.get(DriftCounter.METRIC).tag("kind", "LoadBalancer").counter().count()).isEqualTo(1.0);
    }

    @Test
    void tagsRemovedFromTheTargetGroupAndTheListenerArePutBackFromTheOneBatchedTagRead() {
        console.run("elb.remove_tags(ResourceArns=['" + id(ApiEndpointIds.TARGET_GROUP) + "'], TagKeys=['team'])");
        console.run("elb.remove_tags(ResourceArns=['" + id(ApiEndpointIds.LISTENER) + "'], TagKeys=['team'])");

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId).containsExactlyInAnyOrder(
                tuple(Action.UPDATE, ApiEndpointIds.TARGET_GROUP), tuple(Action.UPDATE, ApiEndpointIds.LISTENER));
        assertThat(reconcile(plan)).containsOnly(Map.entry("TargetGroup", 1), Map.entry("Listener", 1));
        assertThat(inventory("listener").path("tags").path("team").asText()).isEqualTo("platform");
        assertThat(inventory("target-group").path("tags").path("team").asText()).isEqualTo("platform");
    }

    @Test
    void deletedListenerIsRecreated() {
        String old = id(ApiEndpointIds.LISTENER);
        console.run("elb.delete_listener(ListenerArn='" + old + "')");

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId)
                .containsExactly(tuple(Action.CREATE, ApiEndpointIds.LISTENER));
        assertThat(reconcile(plan)).containsExactly(Map.entry("Listener", 1));
        JsonNode listener = inventory("listener");
        assertThat(listener.path("id").asText()).isNotEqualTo(old);
        assertThat(listener.path("targetGroups").get(0).asText()).isEqualTo(id(ApiEndpointIds.TARGET_GROUP));
    }

    @Test
    void aliasChangedInTheConsoleIsPutBack() {
        JsonNode balancer = inventory("load-balancer");
        console.run("r53.change_resource_record_sets(HostedZoneId='" + zone + "', ChangeBatch={'Changes': [{'Action':"
                + " 'UPSERT', 'ResourceRecordSet': {'Name': '" + ApiEndpointFixture.RECORD + "', 'Type': 'A',"
                + " 'AliasTarget': {'HostedZoneId': 'Z0000OTHER', 'DNSName': 'elsewhere.example.net',"
                + " 'EvaluateTargetHealth': False}}}]})");

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.UPDATE);
            assertThat(c.logicalId()).isEqualTo(ApiEndpointIds.DNS_RECORD);
            assertThat(c.fields()).extracting(f -> f.field()).containsExactlyInAnyOrder("aliasDnsName", "aliasZoneId");
        });
        assertThat(reconcile(plan)).containsExactly(Map.entry("DnsRecord", 1));
        assertThat(console.records(zone, ApiEndpointFixture.RECORD)).startsWith("{\"A\": [\""
                + balancer.path("dnsName").asText() + "\"], \"TXT\": [\"\\\"heritage=slipway,");
    }

    @Test
    void healthCheckChangedOnTheTargetGroupIsPutBack() {
        String group = id(ApiEndpointIds.TARGET_GROUP);
        console.run("elb.modify_target_group(TargetGroupArn='" + group + "', HealthCheckProtocol='HTTP',"
                + " HealthCheckPort='8080', HealthCheckPath='/other')");

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).singleElement().satisfies(c -> assertThat(c.fields()).extracting(f -> f.field())
                .contains("healthCheckProtocol", "healthCheckPort"));
        assertThat(reconcile(plan)).containsExactly(Map.entry("TargetGroup", 1));
        assertThat(inventory("target-group").path("healthCheck").asText()).isEqualTo("TCP:443");
    }
}
