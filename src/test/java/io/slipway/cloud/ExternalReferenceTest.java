package io.slipway.cloud;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.slipway.cloud.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A graph of one scope (an instance group's) that references resources another scope of the cluster made (the
 * cluster's subnets): they resolve references, and nothing of the plan creates, changes or deletes them.
 */
class ExternalReferenceTest {
    private static final Owner GROUP = OWNER.withScope("instancegroup/nodes");

    private final EngineFixture fixture = new EngineFixture();
    private final Engine engine = fixture.engine(2);

    @Test
    void aGroupUsesTheClustersSubnetWithoutPlanningAnythingForIt() {
        assertThat(engine.apply(engine.plan(EngineFixture.network().build())).isComplete()).isTrue();
        String subnetA = engine.plan(EngineFixture.network().build()).resource("subnet/a").orElseThrow().cloudId();

        DesiredGraph group = groupGraph(EngineFixture.subnet("a", "10.0.1.0/24"));
        Plan plan = engine.plan(group);

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.pending()).extracting(Change::logicalId).containsExactly("instances");
        Change external = plan.changes().stream().filter(c -> c.logicalId().equals("subnet/a")).findFirst().orElseThrow();
        assertThat(external.action()).isEqualTo(Action.NONE);
        assertThat(external.lifecycle()).isEqualTo(Lifecycle.EXTERNAL);
        assertThat(external.cloudId()).isEqualTo(subnetA);

        assertThat(engine.apply(plan).isComplete()).isTrue();
        TestCloud.Snapshot instances = fixture.cloud.byLogicalId("instances");
        assertThat(instances.refs()).containsEntry("subnet", subnetA);
        assertThat(engine.plan(group).isConverged()).isTrue();
        // the cluster's own plan does not see the group's resource as its own, nor the other way round
        assertThat(engine.plan(EngineFixture.network().build()).pending()).isEmpty();
    }

    @Test
    void aSpecThatDiffersIsNeverChangedFromTheGroup() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        // what the group says of the subnet does not matter: only the owner's graph changes it
        Plan plan = engine.plan(groupGraph(EngineFixture.subnet("a", "10.9.9.0/24")));
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.pending()).extracting(Change::logicalId).containsExactly("instances");
    }

    @Test
    void aMissingExternalResourceIsAPlanErrorThatHoldsItsDependants() {
        Plan plan = engine.plan(groupGraph(EngineFixture.subnet("a", "10.0.1.0/24")));
        assertThat(plan.errors()).extracting(PlanError::logicalId).containsExactly("subnet/a");
        engine.apply(plan);
        assertThat(fixture.cloud.ofKind("Route")).isEmpty();
        assertThat(fixture.cloud.ofKind("Subnet")).isEmpty();
    }

    @Test
    void tearingDownTheGroupLeavesTheClusterAlone() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        engine.apply(engine.plan(groupGraph(EngineFixture.subnet("a", "10.0.1.0/24"))));

        TeardownResult result = engine.deleteAllOwned(GROUP);

        assertThat(result.deleted()).extracting(Change::logicalId).containsExactly("instances");
        assertThat(fixture.cloud.byLogicalId("subnet/a")).isNotNull();
        assertThat(engine.plan(EngineFixture.network().build()).pending()).isEmpty();
    }

    @Test
    void anExternalResourceBelongsToAnotherScopeOfTheSameCluster() {
        TestSpec subnet = EngineFixture.subnet("a", "10.0.1.0/24");
        assertThatThrownBy(() -> DesiredGraph.builder(GROUP).external("subnet/a", GROUP, subnet))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DesiredGraph.builder(GROUP).external("subnet/a", new Owner("ns/other"), subnet))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DesiredGraph.builder(GROUP).external("subnet/a", OWNER.everyScope(), subnet))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DesiredGraph.builder(GROUP).add("subnet/a", Lifecycle.EXTERNAL, subnet).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The subnet's own reference to the net is not followed: the group's graph holds no net. */
    private static DesiredGraph groupGraph(TestSpec subnet) {
        return DesiredGraph.builder(GROUP)
                .external("subnet/a", OWNER, subnet)
                .managed("instances", TestSpec.of("Route", Map.of("destination", "10.1.0.0/16"))
                        .withRef("subnet", "subnet/a"))
                .build();
    }
}
