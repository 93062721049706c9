package io.slipway.cloud;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.slipway.cloud.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesiredGraphTest {

    @Test
    void ordersEveryResourceAfterItsDependencies() {
        DesiredGraph graph = DesiredGraph.builder(OWNER)
                .managed("route/a", EngineFixture.route("subnet/a"))
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.1.0/24"))
                .managed("gateway", EngineFixture.gateway())
                .managed("net", EngineFixture.net("10.0.0.0/16"))
                .build();

        List<String> order = graph.inDependencyOrder().stream().map(DesiredResource::logicalId).toList();

        assertThat(order.indexOf("net")).isLessThan(order.indexOf("subnet/a")).isLessThan(order.indexOf("gateway"));
        assertThat(order.indexOf("subnet/a")).isLessThan(order.indexOf("route/a"));
        assertThat(order.indexOf("gateway")).isLessThan(order.indexOf("route/a"));
    }

    @Test
    void refusesCycles() {
        DesiredGraph.Builder builder = DesiredGraph.builder(OWNER)
                .managed("a", TestSpec.of("Net", Map.of()).withRef("peer", "b"))
                .managed("b", TestSpec.of("Net", Map.of()).withRef("peer", "c"))
                .managed("c", TestSpec.of("Net", Map.of()).withRef("peer", "a"))
                .managed("d", TestSpec.of("Net", Map.of()));

        assertThatThrownBy(builder::build).hasMessageContaining("cycle").hasMessageContaining("[a, b, c]");
    }

    @Test
    void refusesReferencesToResourcesOutsideTheGraph() {
        DesiredGraph.Builder builder = DesiredGraph.builder(OWNER).managed("subnet/a",
                EngineFixture.subnet("a", "10.0.1.0/24"));

        assertThatThrownBy(builder::build).hasMessageContaining("subnet/a references net");
    }

    @Test
    void refusesDuplicateLogicalIds() {
        DesiredGraph.Builder builder = DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.0.0.0/16"));

        assertThatThrownBy(() -> builder.managed("net", EngineFixture.net("10.1.0.0/16")))
                .hasMessageContaining("duplicate logical id net");
    }

    @Test
    void fingerprintDependsOnContentNotOnInsertionOrder() {
        DesiredGraph one = DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.0.0.0/16"))
                .managed("gateway", EngineFixture.gateway()).build();
        DesiredGraph two = DesiredGraph.builder(OWNER).managed("gateway", EngineFixture.gateway())
                .managed("net", EngineFixture.net("10.0.0.0/16")).build();
        DesiredGraph other = DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.9.0.0/16"))
                .managed("gateway", EngineFixture.gateway()).build();

        assertThat(one.fingerprint()).isEqualTo(two.fingerprint()).isNotEqualTo(other.fingerprint());
    }
}
