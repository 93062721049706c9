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
    void whatOneGroupsPlanFoundOfTheClusterTheNextGroupsPlanTakesFromTheShare() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        ReadShare share = new ReadShare(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1));
        Owner otherGroup = OWNER.withScope("instancegroup/other");
        TestSpec subnet = EngineFixture.subnet("a", "10.0.1.0/24");
        DesiredGraph other = DesiredGraph.builder(otherGroup).external("subnet/a", OWNER, subnet)
                .managed("instances", TestSpec.of("Route", Map.of("destination", "10.2.0.0/16")).withRef("subnet", "subnet/a"))
                .build();

        engine.plan(groupGraph(subnet), share); // no plan of the Cluster published its subnets: this one finds them
        int before = fixture.cloud.reads.get();
        Plan next = engine.plan(other, share);
        int taking = fixture.cloud.reads.get() - before;

        assertThat(next.errors()).isEmpty();
        assertThat(next.changes().stream().filter(c -> c.logicalId().equals("subnet/a")).findFirst().orElseThrow().cloudId())
                .isEqualTo(fixture.cloud.byLogicalId("subnet/a").id());

        share.invalidate(); // a write: the next group's plan finds the subnet itself
        before = fixture.cloud.reads.get();
        engine.plan(other, share);
        int finding = fixture.cloud.reads.get() - before;
        assertThat(taking).isEqualTo(finding - 1); // one find of the Cluster's subnets fewer
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
