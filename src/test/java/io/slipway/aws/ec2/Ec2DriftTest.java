package io.slipway.aws.ec2;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DriftCounter;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Out-of-band changes made directly in moto (with a client of their own, as a console user would) are put back
 * by the next reconcile, and counted per kind.
 */
@ExtendWith(MotoExtension.class)
class Ec2DriftTest {
    private static final String OWNER = "prod/demo";

    private Ec2TestClients clients;
    private Engine engine;
    private DesiredGraph graph;
    private Ec2Inventory console;
    private final SimpleMeterRegistry driftMetrics = new SimpleMeterRegistry();

    @BeforeEach
    void converge(MeterRegistry registry, URI moto) {
        clients = Ec2TestClients.of(registry);
        engine = Ec2NetworkKinds.engine(clients.ec2());
        graph = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));
        assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        console = new Ec2Inventory(moto);
    }

    @AfterEach
    void close() {
        clients.close();
        console.close();
    }

    private String id(String logicalId) {
        return engine.plan(graph).resource(logicalId).orElseThrow().cloudId();
    }

    /** One reconcile of a graph that had converged: every applied change is a drift correction. */
    private Map<String, Integer> reconcile(Plan plan) {
        ApplyResult result = engine.apply(plan);
        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(engine.plan(graph).isConverged()).as("converged after one reconcile").isTrue();
        return new DriftCounter(driftMetrics).record(result);
    }

    @Test
    void securityGroupRulesRemovedOrAddedOutOfBandAreRevertedOneByOne() {
        String controlPlane = id("securitygroup/controlplane");
        String apiLb = id("securitygroup/apilb");
        // (moto matches a group-sourced rule only with its description; AWS would not need it)
        console.ec2.revokeSecurityGroupIngress(r -> r.groupId(controlPlane).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(443).toPort(443).userIdGroupPairs(UserIdGroupPair.builder().groupId(apiLb)
                        .description("sgrule/controlplane/tcp:443/apilb").build()).build()));
        console.ec2.authorizeSecurityGroupIngress(r -> r.groupId(controlPlane).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId).containsExactlyInAnyOrder(
                tuple(Action.CREATE, "sgrule/controlplane/tcp:443/apilb"),
                tuple(Action.DELETE, "sgrule/controlplane/tcp:22/0.0.0.0/0"));
        assertThat(reconcile(plan)).containsExactly(Map.entry("SecurityGroupRule", 2));
        assertThat(console.ingress(OWNER).get("securitygroup/controlplane")).contains("tcp 443-443 " + apiLb)
                .doesNotContain("tcp 22-22 0.0.0.0/0");
        assertThat(driftMetrics.get(DriftCounter.METRIC).tag("kind", "SecurityGroupRule").counter().count()).isEqualTo(2.0);
    }

    /** Rules as the AWS cloud-controller-manager adds them for Service load balancers: never Slipway's to revoke. */
    @Test
    void rulesTheCloudControllerManagerAddsSurviveFiveReconciles() {
        String nodes = id("securitygroup/nodes");
        String elbGroup = console.ec2.createSecurityGroup(r -> r.vpcId(id("vpc")).groupName("k8s-elb-a1b2c3")
                .description("Security group for Kubernetes ELB a1b2c3 (default/web)")).groupId();
        console.ec2.authorizeSecurityGroupIngress(r -> r.groupId(nodes).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(30000).toPort(32767)
                        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("kubernetes.io/rule/nlb/client=a1b2c3").build()).build(),
                IpPermission.builder().ipProtocol("icmp").fromPort(3).toPort(4)
                        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("kubernetes.io/rule/nlb/mtu=a1b2c3").build()).build(),
                IpPermission.builder().ipProtocol("-1")
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(elbGroup).build()).build()));
        List<String> added = List.of("tcp 30000-32767 0.0.0.0/0", "icmp 3-4 0.0.0.0/0", "-1 null-null " + elbGroup);

        for (int round = 1; round <= 5; round++) {
            Plan plan = engine.plan(graph);
            assertThat(plan.isConverged()).as("round %d: %s", round, plan.pending()).isTrue();
            assertThat(engine.apply(plan).isComplete()).isTrue();
            assertThat(console.ingress(OWNER).get("securitygroup/nodes")).as("round %d", round).containsAll(added);
        }
    }

    /** A rule Slipway made under an older spec carries Slipway's tag: it is revoked whatever its port. */
    @Test
    void aRuleCarryingSlipwaysTagOnAnyPortIsRevokedWhenNotDesired() {
        String nodes = id("securitygroup/nodes");
        String logicalId = "sgrule/nodes/tcp:30080/10.0.0.0/8";
        console.ec2.authorizeSecurityGroupIngress(r -> r.groupId(nodes).ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp").fromPort(30080).toPort(30080)
                        .ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").description(logicalId).build()).build())
                .tagSpecifications(Ec2Tags.specification(ResourceType.SECURITY_GROUP_RULE, Map.of(),
                        new Owner(OWNER), logicalId)));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId)
                .containsExactly(tuple(Action.DELETE, logicalId));
        reconcile(plan);
        assertThat(console.ingress(OWNER).get("securitygroup/nodes")).doesNotContain("tcp 30080-30080 10.0.0.0/8");
    }

    /** A plan deletes only what its own owner made: an instance group's rule is not the cluster scope's to revoke. */
    @Test
    void aRuleOfAnotherScopeOfTheClusterIsNotRevokedByTheClustersPlan() {
        String nodes = id("securitygroup/nodes");
        String logicalId = "sgrule/nodes/tcp:22/192.0.2.0/24";
        console.ec2.authorizeSecurityGroupIngress(r -> r.groupId(nodes).ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22)
                        .ipRanges(IpRange.builder().cidrIp("192.0.2.0/24").description(logicalId).build()).build())
                .tagSpecifications(Ec2Tags.specification(ResourceType.SECURITY_GROUP_RULE, Map.of(),
                        new Owner(OWNER, "instancegroup/bastions"), logicalId)));

        Plan plan = engine.plan(graph);

        assertThat(plan.isConverged()).as(plan.pending().toString()).isTrue();
        assertThat(engine.plan(DesiredGraph.empty(new Owner(OWNER).everyScope())).pending())
                .as("the cluster's teardown plan sweeps it").extracting(Change::logicalId).contains(logicalId);
    }

    @Test
    void egressOpenedOrClosedOutOfBandIsPutBack() {
        String nodes = id("securitygroup/nodes");
        console.ec2.revokeSecurityGroupEgress(r -> r.groupId(nodes).ipPermissions(IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        console.ec2.authorizeSecurityGroupEgress(r -> r.groupId(nodes).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(25).toPort(25).ipRanges(IpRange.builder().cidrIp("198.51.100.0/24").build()).build()));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.UPDATE);
            assertThat(c.fields()).extracting(f -> f.field()).containsExactly("egress");
        });
        assertThat(reconcile(plan)).containsExactly(Map.entry("SecurityGroup", 1));
        var egress = console.ec2.describeSecurityGroups(r -> r.groupIds(nodes)).securityGroups().get(0).ipPermissionsEgress();
        assertThat(egress).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("-1");
            assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
        });
    }

    @Test
    void deletedRouteIsRecreated() {
        String table = id("routetable/private-us-east-1b");
        console.ec2.deleteRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0"));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId)
                .containsExactly(tuple(Action.CREATE, "route/private-us-east-1b/0.0.0.0/0"));
        assertThat(reconcile(plan)).containsExactly(Map.entry("Route", 1));
        assertThat(console.routes(OWNER).get("routetable/private-us-east-1b"))
                .containsExactly("0.0.0.0/0→" + id("natgateway/us-east-1b"));
    }

    @Test
    void removedOrChangedTagIsPutBack() {
        String subnet = id("subnet/private-us-east-1a");
        console.ec2.deleteTags(r -> r.resources(subnet).tags(Tag.builder().key("kubernetes.io/role/internal-elb").build()));
        console.ec2.createTags(r -> r.resources(subnet).tags(Tag.builder().key("Name").value("renamed").build(),
                Tag.builder().key("added-by-someone").value("x").build()));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).singleElement().satisfies(c -> {
            assertThat(c.logicalId()).isEqualTo("subnet/private-us-east-1a");
            assertThat(c.fields()).extracting(f -> f.field())
                    .containsExactlyInAnyOrder("tags.Name", "tags.kubernetes.io/role/internal-elb");
        });
        assertThat(reconcile(plan)).containsExactly(Map.entry("Subnet", 1));
        Map<String, String> tags = Ec2Tags.toMap(console.ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).tags());
        assertThat(tags).containsEntry("Name", "prod/demo/subnet/private-us-east-1a")
                .containsEntry("kubernetes.io/role/internal-elb", "1")
                .containsEntry("added-by-someone", "x");
    }

    @Test
    void deletedNatGatewayIsRecreatedAndItsRouteRepointed() {
        String old = id("natgateway/us-east-1c");
        console.ec2.deleteNatGateway(r -> r.natGatewayId(old));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId).containsExactlyInAnyOrder(
                tuple(Action.CREATE, "natgateway/us-east-1c"),
                tuple(Action.UPDATE, "route/private-us-east-1c/0.0.0.0/0"));
        assertThat(reconcile(plan)).containsExactly(Map.entry("NatGateway", 1), Map.entry("Route", 1));
        String replacement = id("natgateway/us-east-1c");
        assertThat(replacement).isNotEqualTo(old);
        assertThat(console.routes(OWNER).get("routetable/private-us-east-1c")).containsExactly("0.0.0.0/0→" + replacement);
        assertThat(Ec2NetworkTest.counts(console.tagged(OWNER))).containsEntry("natgateway", 3).containsEntry("elastic-ip", 3);
    }

    @Test
    void vpcDnsHostnamesTurnedOffIsTurnedBackOn() {
        String vpc = id("vpc");
        console.ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(AttributeBooleanValue.builder().value(false).build()));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).singleElement().satisfies(c -> assertThat(c.fields()).extracting(f -> f.field())
                .containsExactly("enableDnsHostnames"));
        assertThat(reconcile(plan)).containsExactly(Map.entry("VpcDnsHostnames", 1));
        assertThat(console.ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isTrue();
    }

    @Test
    void vpcDnsSupportTurnedOffIsTurnedBackOn() {
        String vpc = id("vpc");
        console.ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(AttributeBooleanValue.builder().value(false).build()));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).singleElement().satisfies(c -> {
            assertThat(c.logicalId()).isEqualTo("vpc/dns-support");
            assertThat(c.fields()).extracting(f -> f.field()).containsExactly("enableDnsSupport");
        });
        assertThat(reconcile(plan)).containsExactly(Map.entry("VpcDnsSupport", 1));
        assertThat(console.ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value()).isTrue();
    }

    @Test
    void subnetAssociatedWithAnotherTableOutOfBandIsMovedBack() {
        String subnet = id("subnet/private-us-east-1a");
        String association = engine.plan(graph).resource("rtassoc/private-us-east-1a").orElseThrow().cloudId();
        console.ec2.replaceRouteTableAssociation(r -> r.associationId(association).routeTableId(id("routetable/public")));

        Plan plan = engine.plan(graph);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId)
                .containsExactly(tuple(Action.UPDATE, "rtassoc/private-us-east-1a"));
        assertThat(reconcile(plan)).containsExactly(Map.entry("RouteTableAssociation", 1));
        assertThat(console.ec2.describeRouteTables(r -> r.filters(Ec2Tags.filter("association.subnet-id", subnet)))
                .routeTables()).singleElement().satisfies(t -> assertThat(t.routeTableId()).isEqualTo(id("routetable/private-us-east-1a")));
    }
}
