package io.slipway.aws.ec2;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@ExtendWith(MotoExtension.class)
class Ec2NetworkTest {
    static final String OWNER = "prod/demo";

    static Map<String, Integer> expectedCounts() {
        return Map.of("vpc", 1, "subnet", 6, "internet-gateway", 1, "elastic-ip", 3, "natgateway", 3,
                "route-table", 4, "security-group", 3);
    }

    static Map<String, Integer> counts(Map<String, Map<String, Integer>> tagged) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        tagged.forEach((kind, ids) -> counts.put(kind, ids.values().stream().mapToInt(Integer::intValue).sum()));
        return counts;
    }

    private Ec2TestClients clients;

    private Ec2TestClients clients(MeterRegistry registry) {
        clients = Ec2TestClients.of(registry);
        return clients;
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void createsAThreeZonePrivateNetworkAndThenHasNothingToDo(MeterRegistry registry, URI moto) {
        Ec2Client ec2 = clients(registry).ec2();
        Engine engine = Ec2NetworkKinds.engine(ec2);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        DesiredGraph graph = NetworkModel.build(cluster);

        Plan plan = engine.plan(graph);
        assertThat(plan.summary().toCreate()).isEqualTo(graph.size()).isEqualTo(42);
        assertThat(AwsCallCounter.mutating(registry)).isZero();

        var planStatus = io.slipway.model.NetworkStatusMapper.plan(plan, 5);
        assertThat(planStatus.summary).isEqualTo("42 to create, 0 to update, 0 to delete");
        assertThat(planStatus.changes).hasSize(5).first().satisfies(c -> {
            assertThat(c.action).isEqualTo("create");
            assertThat(c.id).isEqualTo("vpc");
        });
        assertThat(planStatus.omittedChanges).isEqualTo(37);

        ApplyResult result = engine.apply(plan);
        assertThat(result.isComplete()).as(result.toString()).isTrue();
        var network = io.slipway.model.NetworkStatusMapper.network(cluster, result.resources());
        assertThat(network.vpcId).startsWith("vpc-");
        assertThat(network.subnets).hasSize(6).allSatisfy(subnet -> assertThat(subnet.id).startsWith("subnet-"));
        assertThat(network.natGateways).hasSize(3).allSatisfy(nat -> {
            assertThat(nat.state).isEqualTo("available");
            assertThat(nat.publicIP).isNotBlank();
        });
        assertThat(network.securityGroups).containsOnlyKeys("controlPlane", "nodes", "apiLoadBalancer");

        Plan again = engine.plan(graph);
        assertThat(again.pending()).as(again.toString()).isEmpty();
        assertThat(again.isConverged()).isTrue();
        assertThat(again.resources()).hasSize(42);

        try (Ec2Inventory inventory = new Ec2Inventory(moto)) {
            Map<String, Map<String, Integer>> tagged = inventory.tagged(OWNER);
            assertThat(counts(tagged)).containsExactlyInAnyOrderEntriesOf(expectedCounts());
            assertThat(tagged.values()).allSatisfy(ids -> assertThat(ids.values()).containsOnly(1));
            String vpcId = again.resource("vpc").orElseThrow().cloudId();
            assertThat(inventory.ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                    .enableDnsHostnames().value()).isTrue();
            assertThat(inventory.ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                    .enableDnsSupport().value()).isTrue();

            Map<String, List<String>> routes = inventory.routes(OWNER);
            assertThat(routes.get("routetable/public")).containsExactly(
                    "0.0.0.0/0→" + again.resource("internetgateway").orElseThrow().cloudId());
            for (String zone : TestClusters.ZONES) {
                assertThat(routes.get("routetable/private-" + zone)).containsExactly(
                        "0.0.0.0/0→" + again.resource("natgateway/" + zone).orElseThrow().cloudId());
            }
            assertThat(inventory.associations(OWNER)).containsOnly(entry("routetable/public", 3),
                    entry("routetable/private-us-east-1a", 1), entry("routetable/private-us-east-1b", 1),
                    entry("routetable/private-us-east-1c", 1));

            String apiLb = again.resource("securitygroup/apilb").orElseThrow().cloudId();
            String nodes = again.resource("securitygroup/nodes").orElseThrow().cloudId();
            String controlPlane = again.resource("securitygroup/controlplane").orElseThrow().cloudId();
            Map<String, List<String>> ingress = inventory.ingress(OWNER);
            assertThat(ingress.get("securitygroup/apilb")).containsExactly("tcp 443-443 0.0.0.0/0");
            assertThat(ingress.get("securitygroup/controlplane")).containsExactlyInAnyOrder(
                    "tcp 443-443 " + apiLb, "-1 null-null " + controlPlane, "tcp 1-2378 " + nodes,
                    "tcp 2382-65535 " + nodes, "udp 1-65535 " + nodes);
            assertThat(ingress.get("securitygroup/nodes")).containsExactlyInAnyOrder(
                    "-1 null-null " + nodes, "-1 null-null " + controlPlane);
        }
    }

    @Test
    void everyResourceCarriesItsTagsFromTheCreateCall(MeterRegistry registry, URI moto) {
        Ec2Client ec2 = clients(registry).ec2();
        Engine engine = Ec2NetworkKinds.engine(ec2);

        assertThat(engine.apply(engine.plan(NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo")))).isComplete()).isTrue();

        assertThat(AwsCallCounter.count(registry, "ec2", "CreateTags")).isZero();
        Ec2Inventory inventory = new Ec2Inventory(moto);
        var subnets = inventory.ec2.describeSubnets(r -> r.filters(Ec2Tags.ownerFilter(new io.slipway.cloud.Owner(OWNER))))
                .subnets();
        assertThat(subnets).hasSize(6).allSatisfy(subnet -> {
            Map<String, String> tags = Ec2Tags.toMap(subnet.tags());
            String logicalId = tags.get(Ec2Tags.RESOURCE);
            assertThat(tags).containsEntry("Name", OWNER + "/" + logicalId)
                    .containsEntry("kubernetes.io/cluster/demo", "owned")
                    .containsEntry("slipway.io/cluster", OWNER)
                    .containsEntry("team", "platform")
                    .containsEntry(logicalId.contains("private") ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb", "1");
        });
        var nat = inventory.ec2.describeNatGateways().natGateways().get(0);
        assertThat(Ec2Tags.toMap(nat.tags())).containsKeys("Name", "kubernetes.io/cluster/demo", Ec2Tags.CLUSTER,
                Ec2Tags.RESOURCE, "team");
        inventory.close();
    }

    @Test
    void immutableChangeIsRefusedAndNothingIsReplaced(MeterRegistry registry) {
        Ec2Client ec2 = clients(registry).ec2();
        Engine engine = Ec2NetworkKinds.engine(ec2);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        engine.apply(engine.plan(NetworkModel.build(cluster)));
        long writes = AwsCallCounter.mutating(registry);

        cluster.getSpec().subnets.get(0).cidr = "10.0.200.0/24";
        Plan plan = engine.plan(NetworkModel.build(cluster));
        ApplyResult result = engine.apply(plan);

        assertThat(plan.errors()).singleElement().satisfies(error -> {
            assertThat(error.logicalId()).isEqualTo("subnet/private-us-east-1a");
            assertThat(error.message()).contains("immutable field cidr: 10.0.0.0/19 -> 10.0.200.0/24");
        });
        assertThat(plan.pending()).isEmpty();
        assertThat(result.needsHuman()).isTrue();
        assertThat(AwsCallCounter.mutating(registry)).isEqualTo(writes);
    }

    @Test
    void shrinkingTheSpecDeletesWhatIsNoLongerWanted(MeterRegistry registry, URI moto) {
        Ec2Client ec2 = clients(registry).ec2();
        Engine engine = Ec2NetworkKinds.engine(ec2);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        engine.apply(engine.plan(NetworkModel.build(cluster)));

        cluster.getSpec().natGateways = io.slipway.api.WireEnums.wireName(io.slipway.api.NatGatewayMode.Single);
        Plan plan = engine.plan(NetworkModel.build(cluster));
        ApplyResult result = engine.apply(plan);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Action.UPDATE, "route/private-us-east-1b/0.0.0.0/0"),
                org.assertj.core.groups.Tuple.tuple(Action.UPDATE, "route/private-us-east-1c/0.0.0.0/0"),
                org.assertj.core.groups.Tuple.tuple(Action.DELETE, "natgateway/us-east-1b"),
                org.assertj.core.groups.Tuple.tuple(Action.DELETE, "natgateway/us-east-1c"),
                org.assertj.core.groups.Tuple.tuple(Action.DELETE, "elasticip/us-east-1b"),
                org.assertj.core.groups.Tuple.tuple(Action.DELETE, "elasticip/us-east-1c"));
        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(engine.plan(NetworkModel.build(cluster)).isConverged()).isTrue();
        try (Ec2Inventory inventory = new Ec2Inventory(moto)) {
            assertThat(counts(inventory.tagged(OWNER))).containsEntry("natgateway", 1).containsEntry("elastic-ip", 1);
            String nat = engine.plan(NetworkModel.build(cluster)).resource("natgateway/us-east-1a").orElseThrow().cloudId();
            assertThat(inventory.routes(OWNER).get("routetable/private-us-east-1c")).containsExactly("0.0.0.0/0→" + nat);
        }
    }
}
