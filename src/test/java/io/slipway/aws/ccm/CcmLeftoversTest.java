package io.slipway.aws.ccm;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.Change;
import io.slipway.cloud.ChangeOutcome;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.FailureClass;
import io.slipway.cloud.Kinds;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.Planner;
import io.slipway.cloud.TeardownOptions;
import io.slipway.cloud.TeardownResult;
import io.slipway.cloud.ApplyListener;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.CcmLeftovers;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delete-only kinds against moto: what the cloud-controller-manager and the CSI driver made for a cluster (made
 * with boto3 as they make it) is found and deleted by the Cluster's teardown alone, in an order AWS accepts, and
 * nothing of another cluster or tagged {@code shared} is touched.
 */
@ExtendWith(MotoExtension.class)
class CcmLeftoversTest {
    private static final String OWNER = "prod/demo";
    private static final String CLUSTER_TAG = "kubernetes.io/cluster/demo";
    private static final AwsInventory.Scope SCOPE = AwsInventory.Scope.of(OWNER);
    private static final List<String> CCM_KINDS = CcmKinds.NAMES;

    private AwsInventory console;
    private String nodeGroup;
    private String instance;
    private JsonNode made;

    @BeforeEach
    void makeWhatTheCcmAndTheCsiDriverMake(URI moto) {
        console = new AwsInventory(moto);
        // the cluster's network and nodes' group as Slipway makes them (its marks), and a node
        String vpc = console.ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(slipways(ResourceType.VPC, "vpc")))
                .vpc().vpcId();
        String subnetA = console.ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")
                .tagSpecifications(slipways(ResourceType.SUBNET, "subnet/a"))).subnet().subnetId();
        String subnetB = console.ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")
                .tagSpecifications(slipways(ResourceType.SUBNET, "subnet/b"))).subnet().subnetId();
        nodeGroup = console.ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("slipway-nodes").description("nodes")
                .tagSpecifications(slipways(ResourceType.SECURITY_GROUP, "securitygroup/nodes"))).groupId();
        String ami = MotoImages.any(console.ec2);
        instance = console.ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .subnetId(subnetA).securityGroupIds(nodeGroup)).instances().get(0).instanceId();
        made = CcmLeftovers.make(moto, "demo", vpc, List.of(subnetA, subnetB), nodeGroup, instance);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        console.close();
    }

    @Test
    void aLivingClustersPlansNeverSeeThemAndMakeNoCallForThem(AwsClientFactory factory, MeterRegistry registry) {
        Engine engine = ccmEngine(factory);
        assertThat(CCM_KINDS.stream().mapToInt(kind -> console.of(kind, SCOPE).size()).sum()).as("made").isEqualTo(9);
        long before = AwsCallCounter.total(registry);

        Plan cluster = engine.plan(DesiredGraph.empty(new Owner(OWNER)));
        Plan group = engine.plan(DesiredGraph.empty(new Owner(OWNER, "instancegroup/nodes")));
        // a whole-cluster teardown without the sweep in its lookup (a Cluster whose name was another's) finds nothing
        Plan withoutSweep = new Planner(kinds(factory)).planTeardown(new Owner(OWNER).everyScope(),
                DesiredGraph.empty(new Owner(OWNER)));

        assertThat(cluster.changes()).isEmpty();
        assertThat(group.changes()).isEmpty();
        assertThat(withoutSweep.changes()).isEmpty();
        assertThat(AwsCallCounter.total(registry) - before).as("AWS calls").isZero();
        assertThat(CCM_KINDS.stream().mapToInt(kind -> console.of(kind, SCOPE).size()).sum()).isEqualTo(9);
    }

    @Test
    void theTeardownFindsThemWithAFixedNumberOfCalls(AwsClientFactory factory, MeterRegistry registry) {
        long before = AwsCallCounter.total(registry);

        Plan plan = new Planner(kinds(factory)).planTeardown(new Owner(OWNER).everyScope(), sweep());

        // classic ELB, target groups, load balancers: a describe and a DescribeTags each; groups, rules, volumes: one each
        assertThat(AwsCallCounter.total(registry) - before).isEqualTo(9);
        assertThat(plan.pending()).extracting(Change::kind).containsExactlyInAnyOrder(
                "CcmSecurityGroupRule", "CcmSecurityGroupRule", "CcmSecurityGroup", "CcmSecurityGroup", "CcmLoadBalancer",
                "CcmTargetGroup", "CcmClassicLoadBalancer", "CsiVolume", "CsiVolume");
        assertThat(plan.pending()).extracting(Change::cloudId).doesNotContainAnyElementsOf(alone());
    }

    @Test
    void theTeardownDeletesThemInAnOrderAwsAcceptsAndWaitsForAttachedVolumes(AwsClientFactory factory) {
        Engine engine = ccmEngine(factory);
        Owner everyScope = new Owner(OWNER).everyScope();
        TeardownOptions once = new TeardownOptions(1, Duration.ofMillis(1));

        TeardownResult first = engine.deleteAllOwned(everyScope, sweep(), once, ApplyListener.NONE);

        String attached = CcmLeftovers.ids(made, "cluster", "volume").get(1);
        assertThat(first.isComplete()).isFalse();
        assertThat(first.remaining()).extracting(Change::cloudId).containsExactly(attached);
        assertThat(first.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.status()).isEqualTo(ChangeOutcome.Status.FAILED);
            assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRYABLE);
            assertThat(failure.message()).contains("VolumeInUse");
        });
        for (String kind : CCM_KINDS) {
            assertThat(console.of(kind, SCOPE)).as(kind).isEqualTo(kind.equals("CsiVolume") ? List.of(attached) : List.of());
        }
        // the rules the CCM added to the nodes' group were revoked, not left naming deleted groups
        assertThat(console.ec2.describeSecurityGroups(r -> r.groupIds(nodeGroup)).securityGroups().get(0).ipPermissions())
                .isEmpty();

        console.ec2.detachVolume(r -> r.volumeId(attached).instanceId(instance).device("/dev/xvdba"));
        TeardownResult second = engine.deleteAllOwned(everyScope, sweep(), once, ApplyListener.NONE);

        assertThat(second.isComplete()).as(second.toString()).isTrue();
        assertThat(second.deleted()).extracting(Change::cloudId).containsExactly(attached);
        for (String kind : CCM_KINDS) {
            assertThat(console.of(kind, SCOPE)).as(kind).isEmpty();
        }
        assertThat(CcmLeftovers.aloneButGone(console, made)).as("another cluster's, and shared").isEmpty();
        assertThat(console.ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
                .state().nameAsString()).as("the teardown of the leftovers does not touch instances").isEqualTo("running");
    }

    private List<String> alone() {
        List<String> ids = new java.util.ArrayList<>();
        made.path("alone").forEach(list -> list.forEach(id -> ids.add(id.asText())));
        return ids;
    }

    private static DesiredGraph sweep() {
        DesiredGraph.Builder lookup = DesiredGraph.builder(new Owner(OWNER));
        LeftoverSpec.sweep(CLUSTER_TAG).forEach(spec -> lookup.shared("sweep/" + spec.kind(), spec));
        return lookup.build();
    }

    private static Kinds kinds(AwsClientFactory factory) {
        AwsSession session = factory.session(AwsCredentialSource.operatorDefault());
        return Kinds.of(CcmKinds.list(session.ec2(), session.elb(), session.elbv2()));
    }

    /** The delete-only kinds alone, so that the Slipway-made network and nodes' group stay to be looked at. */
    private static Engine ccmEngine(AwsClientFactory factory) {
        return new Engine(kinds(factory), AwsKinds.classifier(), 2);
    }

    private static TagSpecification slipways(ResourceType type, String logicalId) {
        return TagSpecification.builder().resourceType(type).tags(
                Tag.builder().key(CLUSTER_TAG).value("owned").build(),
                Tag.builder().key("slipway.io/cluster").value(OWNER).build(),
                Tag.builder().key("slipway.io/resource").value(logicalId).build()).build();
    }
}
