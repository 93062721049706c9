package io.slipway.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallMetrics;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import io.slipway.aws.AwsFailureClassifier;
import io.slipway.aws.OwnershipTags;
import io.slipway.aws.ec2.NatGatewayKind;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Kinds;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.ReadShare;
import io.slipway.cloud.ResourceState;
import io.slipway.testing.LatencyProxy;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch of pending NAT gateways wakes a Cluster once the gateways it waits for are available, asks AWS only about
 * those gateways, and stops after its window. A {@link LatencyProxy} in front of moto holds the gateway pending (moto
 * makes it available at once).
 */
@ExtendWith(MotoExtension.class)
class NatGatewayWatchTest {
    private static final ResourceID CLUSTER = new ResourceID("demo", "default");

    @Test
    void wakesTheClusterOnceItsGatewayIsAvailableAndNotBefore() throws Exception {
        MotoServer moto = MotoServer.get();
        moto.reset();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (LatencyProxy proxy = LatencyProxy.start(moto.endpoint(), Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO);
             AwsClientFactory aws = new AwsClientFactory(moto.awsConfig(registry).endpointOverride(proxy.endpoint()).build())) {
            Ec2Client ec2 = aws.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION).ec2();
            Instant creating = Instant.now();
            String gateway = pendingGateway(ec2, "10.9.0.0/16");
            pendingGateway(ec2, "10.8.0.0/16"); // another cluster's, pending as long: not asked about, not waited for
            BlockingQueue<ResourceID> woken = new LinkedBlockingQueue<>();
            NatGatewayWatch watch = new NatGatewayWatch(Clock.systemUTC());
            watch.onReady(woken::add);
            double before = describes(registry);

            watch.expect(CLUSTER, ec2, Set.of(gateway), Duration.ofMillis(100), Duration.ofMinutes(1));

            assertThat(woken.poll(30, TimeUnit.SECONDS)).isEqualTo(CLUSTER);
            Instant wokenAt = Instant.now();
            assertThat(wokenAt).isAfterOrEqualTo(creating.plus(Duration.ofSeconds(2))); // not while it was pending
            assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(gateway)).natGateways())
                    .singleElement().satisfies(g -> assertThat(g.stateAsString()).isEqualTo("available"));
            assertThat(watch.watching(CLUSTER)).isFalse();
            assertThat(describes(registry) - before).isGreaterThanOrEqualTo(1);
            assertThat(woken).isEmpty();
        }
    }

    @Test
    void wakesTheClusterOnceForAllItsGatewaysWhenTheLastIsAvailable() throws Exception {
        MotoServer moto = MotoServer.get();
        moto.reset();
        try (LatencyProxy proxy = LatencyProxy.start(moto.endpoint(), Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO);
             AwsClientFactory aws = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).endpointOverride(proxy.endpoint()).build())) {
            Ec2Client ec2 = aws.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION).ec2();
            String first = pendingGateway(ec2, "10.9.0.0/16");
            await().atMost(Duration.ofSeconds(30)).until(() -> !pending(ec2, first));
            String last = pendingGateway(ec2, "10.8.0.0/16"); // pending for two seconds more
            BlockingQueue<ResourceID> woken = new LinkedBlockingQueue<>();
            NatGatewayWatch watch = new NatGatewayWatch(Clock.systemUTC());
            watch.onReady(woken::add);

            watch.expect(CLUSTER, ec2, Set.of(first, last), Duration.ofMillis(100), Duration.ofMinutes(1));

            assertThat(woken.poll(30, TimeUnit.SECONDS)).isEqualTo(CLUSTER);
            // woken for the last one: the first was available from the start, and did not wake the Cluster alone
            assertThat(pending(ec2, last)).isFalse();
            assertThat(watch.watching(CLUSTER)).isFalse();
            assertThat(woken).isEmpty();
        }
    }

    @Test
    void handsItsLastLookToTheNextPlanOfTheClusterWhoseGatewayFindMakesNoCall() throws Exception {
        MotoServer moto = MotoServer.get();
        moto.reset();
        MeterRegistry registry = new SimpleMeterRegistry();
        Owner owner = new Owner("default/demo");
        try (LatencyProxy proxy = LatencyProxy.start(moto.endpoint(), Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO);
             AwsClientFactory aws = new AwsClientFactory(moto.awsConfig(registry).endpointOverride(proxy.endpoint()).build())) {
            Ec2Client ec2 = aws.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION).ec2();
            String gateway = pendingGateway(ec2, "10.9.0.0/16", OwnershipTags.withOwnership(Map.of(), owner, "natgateway/a"));
            ReadShare share = new ReadShare(Clock.systemUTC(), Duration.ofMinutes(1));
            BlockingQueue<ResourceID> woken = new LinkedBlockingQueue<>();
            NatGatewayWatch watch = new NatGatewayWatch(Clock.systemUTC());
            watch.onReady(woken::add);

            watch.expect(CLUSTER, ec2, Set.of(gateway), Duration.ofMillis(100), Duration.ofMinutes(1),
                    new NatGatewayWatch.Handover(share, owner, Set.of(gateway)));
            assertThat(woken.poll(30, TimeUnit.SECONDS)).isEqualTo(CLUSTER);
            double before = describes(registry);

            Engine engine = new Engine(Kinds.of(new NatGatewayKind(ec2)), new AwsFailureClassifier(), 2);
            // a graph without the gateway: the plan deletes what its find saw, so the plan shows what was found
            Plan woke = engine.plan(DesiredGraph.empty(owner), share);
            assertThat(woke.pending()).singleElement().satisfies(c -> assertThat(c.logicalId()).isEqualTo("natgateway/a"));
            assertThat(describes(registry) - before).isZero();

            // handed to one plan only: the next one reads AWS itself
            assertThat(engine.plan(DesiredGraph.empty(owner), share).pending()).hasSize(1);
            assertThat(describes(registry) - before).isEqualTo(1);
        }
    }

    private static boolean pending(Ec2Client ec2, String gateway) {
        return ec2.describeNatGateways(r -> r.natGatewayIds(gateway)).natGateways().stream()
                .anyMatch(g -> "pending".equals(g.stateAsString()));
    }

    @Test
    void looksOnlyWithinItsWindowAndAtItsPace() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (LatencyProxy proxy = LatencyProxy.start(moto.endpoint(), Duration.ZERO, Duration.ofHours(1), Duration.ZERO);
             AwsClientFactory aws = new AwsClientFactory(moto.awsConfig(registry).endpointOverride(proxy.endpoint()).build())) {
            Ec2Client ec2 = aws.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION).ec2();
            String gateway = pendingGateway(ec2, "10.9.0.0/16");
            BlockingQueue<ResourceID> woken = new LinkedBlockingQueue<>();
            NatGatewayWatch watch = new NatGatewayWatch(Clock.systemUTC());
            watch.onReady(woken::add);
            double before = describes(registry);

            watch.expect(CLUSTER, ec2, Set.of(gateway), Duration.ofMillis(200), Duration.ofSeconds(1));
            assertThat(watch.watching(CLUSTER)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !watch.watching(CLUSTER));

            // 200 ms apart within one second: five looks at the most (a late timer looks less often, never more)
            assertThat(describes(registry) - before).isBetween(1.0, 5.0);
            assertThat(woken).isEmpty();
        }
    }

    @Test
    void nothingPendingOrAWindowNoLongerThanOneLookWatchesNothing() {
        NatGatewayWatch watch = new NatGatewayWatch(Clock.systemUTC());
        watch.expect(CLUSTER, null, Set.of(), Duration.ofMillis(100), Duration.ofMinutes(1));
        assertThat(watch.watching(CLUSTER)).isFalse();
        watch.expect(CLUSTER, null, Set.of("nat-1"), Duration.ofMillis(300), Duration.ofMillis(300));
        assertThat(watch.watching(CLUSTER)).isFalse();
    }

    @Test
    void pendingAreTheOwnedGatewaysThatAreNotReady() {
        List<ResourceState> resources = List.of(
                new ResourceState(NatGatewayKind.NAME, "natgateway/a", "nat-a", true, false, Map.of()),
                new ResourceState(NatGatewayKind.NAME, "natgateway/b", "nat-b", true, true, Map.of()),
                new ResourceState(NatGatewayKind.NAME, "natgateway/c", "nat-c", false, false, Map.of()),
                new ResourceState("Subnet", "subnet/a", "subnet-a", true, false, Map.of()));
        assertThat(NatGatewayWatch.pending(resources)).containsExactly("nat-a");
    }

    private static String pendingGateway(Ec2Client ec2, String cidr) {
        return pendingGateway(ec2, cidr, Map.of());
    }

    private static String pendingGateway(Ec2Client ec2, String cidr, Map<String, String> tags) {
        String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr.replace("0.0/16", "0.0/24"))
                .availabilityZone("us-east-1a")).subnet().subnetId();
        String allocation = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
        return ec2.createNatGateway(r -> r.subnetId(subnet).allocationId(allocation).tagSpecifications(tags.isEmpty() ? List.of()
                : List.of(TagSpecification.builder().resourceType(ResourceType.NATGATEWAY).tags(tags.entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()).build()))).natGateway().natGatewayId();
    }

    private static double describes(MeterRegistry registry) {
        return registry.find(AwsCallMetrics.CALLS).tag("operation", "DescribeNatGateways").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
