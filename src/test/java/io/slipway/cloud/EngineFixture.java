package io.slipway.cloud;

import java.util.Map;

/** A network-shaped graph over {@link TestCloud}: net ← subnets ← routes → gateway → net. */
final class EngineFixture {
    static final Owner OWNER = new Owner("ns/demo");

    final TestCloud cloud = new TestCloud();
    final Kinds kinds = Kinds.of(
            new TestKind("Net", cloud),
            new TestKind("Subnet", cloud, "Net"),
            new TestKind("Gateway", cloud, "Net"),
            new TestKind("Route", cloud, "Subnet", "Gateway"));
    final FailureClassifier classifier = failure -> failure instanceof TestCloud.CloudException e && e.retryable
            ? FailureClass.RETRYABLE : FailureClass.FATAL;

    Engine engine(int parallelism) {
        return new Engine(kinds, classifier, parallelism);
    }

    static TestSpec net(String cidr) {
        return TestSpec.of("Net", Map.of("cidr", cidr)).immutable("cidr");
    }

    static TestSpec subnet(String zone, String cidr) {
        return TestSpec.of("Subnet", Map.of("zone", zone, "cidr", cidr)).withRef("net", "net")
                .immutable("zone", "cidr", "net");
    }

    static TestSpec gateway() {
        return TestSpec.of("Gateway", Map.of("mode", "public")).withRef("net", "net");
    }

    static TestSpec route(String subnet) {
        return TestSpec.of("Route", Map.of("destination", "0.0.0.0/0")).withRef("subnet", subnet)
                .withRef("target", "gateway");
    }

    /** net, gateway, subnets in zones a and b, one route per subnet. */
    static DesiredGraph.Builder network() {
        return DesiredGraph.builder(OWNER)
                .managed("net", net("10.0.0.0/16"))
                .managed("gateway", gateway())
                .managed("subnet/a", subnet("a", "10.0.1.0/24"))
                .managed("subnet/b", subnet("b", "10.0.2.0/24"))
                .managed("route/a", route("subnet/a"))
                .managed("route/b", route("subnet/b"));
    }
}
