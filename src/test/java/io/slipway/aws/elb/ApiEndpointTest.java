package io.slipway.aws.elb;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.ApiEndpointStatus;
import io.slipway.api.Cluster;
import io.slipway.aws.AwsCallCounter;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.ApiEndpointIds;
import io.slipway.model.ApiEndpointStatusMapper;
import io.slipway.model.AwsNames;
import io.slipway.model.NetworkIds;
import io.slipway.model.SecurityGroupRole;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API endpoint against moto: created with the right settings and tags (read back by boto3), converged, plan-only
 * without writes, immutable changes refused, and a DNS name someone else holds never touched.
 */
@ExtendWith(MotoExtension.class)
class ApiEndpointTest {
    private ApiEndpointFixture aws;
    private Engine engine;
    private URI moto;
    private Boto3Console console;

    @BeforeEach
    void setUp(MeterRegistry registry, URI moto) {
        this.aws = ApiEndpointFixture.of(registry);
        this.engine = aws.engine();
        this.moto = moto;
        this.console = new Boto3Console(moto);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void publicLoadBalancerWithoutDnsGoesIntoTheUtilitySubnetsWithTagsInTheCreateCalls(MeterRegistry registry) {
        Cluster cluster = ApiEndpointFixture.publicWithoutDns();
        DesiredGraph graph = ApiEndpointFixture.graph(cluster);

        ApplyResult result = engine.apply(engine.plan(graph));

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        Plan again = engine.plan(graph);
        assertThat(again.isConverged()).as(again.toString()).isTrue();
        assertThat(AwsCallCounter.count(registry, "elasticloadbalancingv2", "AddTags")).as("tags only in create calls").isZero();

        JsonNode inventory = Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER);
        AwsNames names = AwsNames.of(cluster);
        JsonNode balancer = single(inventory, "load-balancer");
        assertThat(balancer.path("scheme").asText()).isEqualTo("internet-facing");
        assertThat(balancer.path("type").asText()).isEqualTo("network");
        assertThat(balancer.path("crossZone").asText()).isEqualTo("true");
        assertThat(texts(balancer.path("subnets"))).containsExactlyInAnyOrderElementsOf(
                ids(again, "subnet/utility-us-east-1a", "subnet/utility-us-east-1b", "subnet/utility-us-east-1c"));
        assertThat(texts(balancer.path("securityGroups"))).containsExactly(
                id(again, NetworkIds.securityGroup(SecurityGroupRole.API_LOAD_BALANCER)));
        assertOwnership(balancer, ApiEndpointIds.LOAD_BALANCER, names);
        assertThat(balancer.path("id").asText()).contains("/" + names.apiLoadBalancer() + "/");

        JsonNode group = single(inventory, "target-group");
        assertThat(group.path("protocol").asText()).isEqualTo("TCP");
        assertThat(group.path("port").asInt()).isEqualTo(443);
        assertThat(group.path("targetType").asText()).isEqualTo("instance");
        assertThat(group.path("healthCheck").asText()).isEqualTo("TCP:443");
        assertThat(group.path("vpc").asText()).isEqualTo(id(again, NetworkIds.VPC));
        assertOwnership(group, ApiEndpointIds.TARGET_GROUP, names);

        JsonNode listener = single(inventory, "listener");
        assertThat(listener.path("protocol").asText()).isEqualTo("TCP");
        assertThat(listener.path("port").asInt()).isEqualTo(443);
        assertThat(listener.path("loadBalancer").asText()).isEqualTo(balancer.path("id").asText());
        assertThat(texts(listener.path("targetGroups"))).containsExactly(group.path("id").asText());
        assertOwnership(listener, ApiEndpointIds.LISTENER, names);
        assertThat(inventory.path("dns-record")).isEmpty();

        ApiEndpointStatus status = ApiEndpointStatusMapper.apiEndpoint(cluster, again.resources()).orElseThrow();
        assertThat(status.host).isEqualTo(balancer.path("dnsName").asText());
        assertThat(status.url).isEqualTo("https://" + balancer.path("dnsName").asText() + ":443");
        assertThat(status.loadBalancerARN).isEqualTo(balancer.path("id").asText());
    }

    @Test
    void internalLoadBalancerGoesIntoThePrivateSubnetsAndGetsAnAliasWithItsOwnershipRecord() {
        String zone = console.createZone(ApiEndpointFixture.ZONE);
        Cluster cluster = ApiEndpointFixture.internalWithDns();
        DesiredGraph graph = ApiEndpointFixture.graph(cluster);

        ApplyResult result = engine.apply(engine.plan(graph));

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        Plan again = engine.plan(graph);
        assertThat(again.isConverged()).as(again.toString()).isTrue();
        JsonNode inventory = Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER);
        JsonNode balancer = single(inventory, "load-balancer");
        assertThat(balancer.path("scheme").asText()).isEqualTo("internal");
        assertThat(balancer.path("crossZone").asText()).isEqualTo("false");
        assertThat(texts(balancer.path("subnets"))).containsExactlyInAnyOrderElementsOf(
                ids(again, "subnet/private-us-east-1a", "subnet/private-us-east-1b"));

        JsonNode record = single(inventory, "dns-record");
        assertThat(record.path("id").asText()).isEqualTo(zone + "/" + ApiEndpointFixture.RECORD + ".");
        assertThat(record.path("resource").asText()).isEqualTo(ApiEndpointIds.DNS_RECORD);
        assertThat(record.path("alias").asText()).isEqualTo(balancer.path("dnsName").asText());
        assertThat(console.records(zone, ApiEndpointFixture.RECORD)).isEqualTo("{\"A\": [\""
                + balancer.path("dnsName").asText() + "\"], \"TXT\": [\"\\\"heritage=slipway,slipway/owner=prod/demo,"
                + "slipway/scope=cluster,slipway/resource=dns/api\\\"\"]}");

        ApiEndpointStatus status = ApiEndpointStatusMapper.apiEndpoint(cluster, again.resources()).orElseThrow();
        assertThat(status.host).isEqualTo(ApiEndpointFixture.RECORD);
        assertThat(status.url).isEqualTo("https://api.demo.example.com:443");
        assertThat(status.loadBalancerDNSName).isEqualTo(balancer.path("dnsName").asText());
    }

    @Test
    void planOnlyShowsTheWholeEndpointWithoutWriting(MeterRegistry registry) {
        console.createZone(ApiEndpointFixture.ZONE);
        DesiredGraph graph = ApiEndpointFixture.graph(ApiEndpointFixture.internalWithDns());

        Plan plan = engine.plan(graph);

        assertThat(AwsCallCounter.mutating(registry)).isZero();
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.CREATE).extracting(Change::logicalId)
                .contains(ApiEndpointIds.LOAD_BALANCER, ApiEndpointIds.TARGET_GROUP, ApiEndpointIds.LISTENER,
                        ApiEndpointIds.DNS_RECORD);
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER))).isZero();

        assertThat(engine.apply(plan).isComplete()).isTrue();
        long written = AwsCallCounter.mutating(registry);
        assertThat(engine.plan(graph).isConverged()).isTrue();
        assertThat(AwsCallCounter.mutating(registry)).as("a converged plan writes nothing").isEqualTo(written);
    }

    @Test
    void aConvergedPlanReadsTheEndpointWithAFixedNumberOfCalls() {
        console.createZone(ApiEndpointFixture.ZONE);
        DesiredGraph graph = ApiEndpointFixture.graph(ApiEndpointFixture.internalWithDns());
        assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        io.micrometer.core.instrument.simple.SimpleMeterRegistry steady = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

        try (ApiEndpointFixture counted = ApiEndpointFixture.of(steady)) {
            assertThat(counted.engine().plan(graph).isConverged()).isTrue();
        }

        String elb = "elasticloadbalancingv2";
        assertThat(AwsCallCounter.count(steady, elb, "DescribeLoadBalancers")).isEqualTo(1);
        assertThat(AwsCallCounter.count(steady, elb, "DescribeLoadBalancerAttributes")).isEqualTo(1);
        assertThat(AwsCallCounter.count(steady, elb, "DescribeTargetGroups")).isEqualTo(1);
        assertThat(AwsCallCounter.count(steady, elb, "DescribeListeners")).isEqualTo(1);
        // the load balancer's, target group's and listener's tags, batched in one call for the plan
        assertThat(AwsCallCounter.count(steady, elb, "DescribeTags")).isEqualTo(1);
        assertThat(AwsCallCounter.count(steady, "route53", "ListHostedZonesByName")).isEqualTo(1);
        assertThat(AwsCallCounter.count(steady, "route53", "ListResourceRecordSets")).isEqualTo(1);
        assertThat(AwsCallCounter.mutating(steady)).isZero();
    }

    @Test
    void aMissingZoneIsAPlanErrorThatHoldsBackOnlyTheRecord() {
        Plan plan = engine.plan(ApiEndpointFixture.graph(ApiEndpointFixture.internalWithDns()));

        assertThat(plan.errors()).singleElement().satisfies(e -> {
            assertThat(e.logicalId()).isEqualTo(ApiEndpointIds.HOSTED_ZONE);
            assertThat(e.message()).isEqualTo("shared resource not found");
        });
    }

    @Test
    void changingTheSchemeIsRefusedNotReplaced(MeterRegistry registry) {
        Cluster cluster = ApiEndpointFixture.publicWithoutDns();
        assertThat(engine.apply(engine.plan(ApiEndpointFixture.graph(cluster))).isComplete()).isTrue();
        long written = AwsCallCounter.mutating(registry);

        cluster.getSpec().api = new io.slipway.api.ApiSpec();
        cluster.getSpec().api.loadBalancer = new io.slipway.api.LoadBalancerSpec();
        cluster.getSpec().api.loadBalancer.type = "Internal";
        Plan plan = engine.plan(ApiEndpointFixture.graph(cluster));
        ApplyResult result = engine.apply(plan);

        assertThat(plan.errors()).singleElement().satisfies(e -> {
            assertThat(e.logicalId()).isEqualTo(ApiEndpointIds.LOAD_BALANCER);
            assertThat(e.message()).contains("immutable", "scheme: internet-facing -> internal", "does not replace");
        });
        assertThat(AwsCallCounter.mutating(registry)).isEqualTo(written);
        assertThat(result.needsHuman()).isTrue();
        assertThat(single(Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER), "load-balancer").path("scheme").asText())
                .isEqualTo("internet-facing");
    }

    @Test
    void aNameSomeoneElseHoldsIsNeverTouched() {
        String zone = console.createZone(ApiEndpointFixture.ZONE);
        console.run("r53.change_resource_record_sets(HostedZoneId='" + zone + "', ChangeBatch={'Changes': [{'Action': 'CREATE',"
                + " 'ResourceRecordSet': {'Name': '" + ApiEndpointFixture.RECORD + "', 'Type': 'A', 'TTL': 60,"
                + " 'ResourceRecords': [{'Value': '192.0.2.10'}]}}]})");
        String before = console.records(zone, ApiEndpointFixture.RECORD);
        DesiredGraph graph = ApiEndpointFixture.graph(ApiEndpointFixture.internalWithDns());

        ApplyResult result = engine.apply(engine.plan(graph));

        assertThat(result.isComplete()).isFalse();
        assertThat(result.needsHuman()).isTrue();
        assertThat(result.errors()).singleElement().asString()
                .contains("InvalidChangeBatch", ApiEndpointFixture.RECORD, "not Slipway's", "spec.api.publicName");
        assertThat(console.records(zone, ApiEndpointFixture.RECORD)).isEqualTo(before).isEqualTo("{\"A\": [\"192.0.2.10\"]}");
        assertThat(single(Boto3Inventory.tagged(moto, ApiEndpointFixture.OWNER), "listener")).isNotNull();

        Plan next = engine.plan(graph);
        assertThat(next.pending()).extracting(Change::logicalId).containsExactly(ApiEndpointIds.DNS_RECORD);
        assertThat(next.pending()).extracting(Change::action).containsExactly(Action.CREATE);
    }

    static JsonNode single(JsonNode inventory, String kind) {
        JsonNode list = inventory.path(kind);
        assertThat(list.size()).as(kind + " in " + inventory).isEqualTo(1);
        return list.get(0);
    }

    private static void assertOwnership(JsonNode item, String logicalId, AwsNames names) {
        JsonNode tags = item.path("tags");
        assertThat(tags.path("slipway.io/cluster").asText()).isEqualTo(ApiEndpointFixture.OWNER);
        assertThat(tags.path("slipway.io/owner").asText()).isEqualTo("cluster");
        assertThat(tags.path("slipway.io/resource").asText()).isEqualTo(logicalId);
        assertThat(tags.path("Name").asText()).isEqualTo(names.nameTag(logicalId));
        assertThat(tags.path(names.clusterTagKey()).asText()).isEqualTo("owned");
        assertThat(tags.path("team").asText()).isEqualTo("platform");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static String id(Plan plan, String logicalId) {
        return plan.resource(logicalId).orElseThrow().cloudId();
    }

    private static List<String> ids(Plan plan, String... logicalIds) {
        List<String> ids = new ArrayList<>();
        for (String logicalId : logicalIds) {
            ids.add(id(plan, logicalId));
        }
        return ids;
    }
}
