package io.slipway.cloud;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.slipway.cloud.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    private final EngineFixture fixture = new EngineFixture();
    private final Engine engine = fixture.engine(4);

    @Test
    void aKindIsFoundAsSoonAsTheKindsItReadsAreNotAfterUnrelatedSlowFinds() {
        TestCloud cloud = new TestCloud();
        Kinds kinds = Kinds.of(new TestKind("Net", cloud), new TestKind("Slow", cloud), new TestKind("Subnet", cloud, "Net"));
        java.util.concurrent.CountDownLatch subnetsFound = new java.util.concurrent.CountDownLatch(1);
        cloud.beforeFind = kind -> {
            if (kind.equals("Subnet")) {
                subnetsFound.countDown();
            } else if (kind.equals("Slow")) {
                try {
                    // found in the same level as Net, it ends only once Subnet, which reads Net alone, has been found
                    if (!subnetsFound.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("Subnet waited for the find of Slow");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
        DesiredGraph graph = DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.0.0.0/16"))
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.1.0/24"))
                .managed("slow", TestSpec.of("Slow", Map.of("n", "1"))).build();

        Plan plan = new Engine(kinds, fixture.classifier, 4).plan(graph);

        assertThat(plan.summary().toCreate()).isEqualTo(3);
    }

    @Test
    void planOfEmptyCloudCreatesEverythingAndWritesNothing() {
        Plan plan = engine.plan(EngineFixture.network().build());

        assertThat(plan.summary()).isEqualTo(new PlanSummary(6, 0, 0, 0, 0));
        assertThat(plan.summary().describe()).isEqualTo("6 to create, 0 to update, 0 to delete");
        assertThat(plan.pending()).allMatch(c -> c.action() == Action.CREATE);
        assertThat(fixture.cloud.writes).hasValue(0);
    }

    @Test
    void planOfConvergedStateIsEmptyAndStable() {
        DesiredGraph graph = EngineFixture.network().build();
        assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        int writes = fixture.cloud.writes.get();

        Plan first = engine.plan(graph);
        Plan second = new Engine(fixture.kinds, fixture.classifier, 1).plan(EngineFixture.network().build());

        assertThat(first.isConverged()).isTrue();
        assertThat(first.pending()).isEmpty();
        assertThat(first.changes()).hasSize(6).allMatch(c -> c.action() == Action.NONE);
        assertThat(first.fingerprint()).isEqualTo(second.fingerprint());
        assertThat(engine.apply(first).outcomes()).isEmpty();
        assertThat(fixture.cloud.writes).hasValue(writes);
    }

    @Test
    void findsEachKindWithOneReadPerPlan() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        fixture.cloud.reads.set(0);

        engine.plan(EngineFixture.network().build());

        assertThat(fixture.cloud.reads).hasValue(fixture.kinds.inFindOrder().size());
    }

    @Test
    void aGraphWhoseOwnerOwnsOnlySomeKindsIsFoundInThoseAlone() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        fixture.cloud.reads.set(0);
        DesiredGraph subnetsOnly = DesiredGraph.builder(OWNER).ownsOnly(java.util.Set.of("Net", "Subnet"))
                .managed("net", EngineFixture.net("10.0.0.0/16"))
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.1.0/24"))
                .build();

        Plan plan = engine.plan(subnetsOnly);

        assertThat(fixture.cloud.reads).as("Net and Subnet; not Gateway, not Route").hasValue(2);
        assertThat(plan.pending()).as("subnet/b is the owner's and not wanted; what else it owns is not looked at")
                .extracting(Change::logicalId).containsExactly("subnet/b");
        // a teardown of the same owner still looks in every kind, and finds the route and gateway the graph left out
        fixture.cloud.reads.set(0);
        assertThat(engine.plan(DesiredGraph.empty(OWNER)).pending()).hasSize(6);
        assertThat(fixture.cloud.reads).hasValue(fixture.kinds.inFindOrder().size());
    }

    @Test
    void aGraphRefusesAResourceOfAKindItsOwnerDoesNotOwn() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DesiredGraph.builder(OWNER).ownsOnly(java.util.Set.of("Subnet"))
                        .managed("net", EngineFixture.net("10.0.0.0/16")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("net is a Net");
    }

    @Test
    void refusesImmutableChangeWithClearErrorAndWritesNothing() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        String subnetId = fixture.cloud.byLogicalId("subnet/a").id();
        int writes = fixture.cloud.writes.get();
        DesiredGraph changed = DesiredGraph.builder(OWNER)
                .managed("net", EngineFixture.net("10.0.0.0/16"))
                .managed("gateway", EngineFixture.gateway().withField("mode", "private"))
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.9.0/24"))
                .managed("subnet/b", EngineFixture.subnet("b", "10.0.2.0/24"))
                .managed("route/a", EngineFixture.route("subnet/a"))
                .managed("route/b", EngineFixture.route("subnet/b"))
                .build();

        Plan plan = engine.plan(changed);
        ApplyResult result = engine.apply(plan);

        assertThat(plan.errors()).singleElement().satisfies(error -> {
            assertThat(error.logicalId()).isEqualTo("subnet/a");
            assertThat(error.message()).contains("immutable", "cidr: 10.0.1.0/24 -> 10.0.9.0/24", subnetId,
                    "does not replace");
        });
        assertThat(plan.pending()).extracting(Change::logicalId).containsExactly("gateway");
        assertThat(result.isComplete()).isFalse();
        assertThat(result.needsHuman()).isTrue();
        assertThat(result.applied()).extracting(Change::logicalId).containsExactly("gateway");
        assertThat(fixture.cloud.writes.get() - writes).isEqualTo(1);
        assertThat(fixture.cloud.byLogicalId("subnet/a").fields()).containsEntry("cidr", "10.0.1.0/24");
    }

    @Test
    void outOfBandChangeIsPlannedAsUpdateOfThatFieldOnly() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        fixture.cloud.tamper(fixture.cloud.byLogicalId("gateway").id(), o -> o.fields.put("mode", "private"));

        Plan plan = engine.plan(EngineFixture.network().build());

        assertThat(plan.pending()).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo(Action.UPDATE);
            assertThat(change.logicalId()).isEqualTo("gateway");
            assertThat(change.fields()).containsExactly(new FieldChange("mode", "private", "public", false));
        });
    }

    @Test
    void ownedResourcesNoLongerDesiredAreDeletedAndUnownedOnesIgnored() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        String foreign = fixture.cloud.putOutOfBand("Subnet", Map.of(), Map.of(), Map.of(TestCloud.OWNER_LABEL, "ns/other",
                TestCloud.LOGICAL_LABEL, "subnet/x"));
        DesiredGraph withoutB = DesiredGraph.builder(OWNER)
                .managed("net", EngineFixture.net("10.0.0.0/16"))
                .managed("gateway", EngineFixture.gateway())
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.1.0/24"))
                .managed("route/a", EngineFixture.route("subnet/a"))
                .build();

        Plan plan = engine.plan(withoutB);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId, Change::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Action.DELETE, "route/b", "not in the desired state"),
                org.assertj.core.groups.Tuple.tuple(Action.DELETE, "subnet/b", "not in the desired state"));
        assertThat(engine.apply(plan).isComplete()).isTrue();
        assertThat(fixture.cloud.ofKind("Subnet")).extracting(TestCloud.Snapshot::id)
                .containsExactlyInAnyOrder(fixture.cloud.byLogicalId("subnet/a").id(), foreign);
        assertThat(engine.plan(withoutB).isConverged()).isTrue();
    }

    @Test
    void duplicateLeftByLostResponseIsDeletedKeepingTheOneInUse() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        String inUse = fixture.cloud.byLogicalId("net").id();
        String duplicate = fixture.cloud.putOutOfBand("Net", Map.of("cidr", "10.0.0.0/16"), Map.of(),
                Map.of(TestCloud.OWNER_LABEL, OWNER.id(), TestCloud.LOGICAL_LABEL, "net"));
        assertThat(duplicate.compareTo(inUse)).isNotZero();

        Plan plan = engine.plan(EngineFixture.network().build());

        assertThat(plan.pending()).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo(Action.DELETE);
            assertThat(change.cloudId()).isEqualTo(duplicate);
            assertThat(change.reason()).isEqualTo("duplicate of " + inUse);
        });
        assertThat(plan.resource("net")).get().extracting(ResourceState::cloudId).isEqualTo(inUse);
    }

    @Test
    void planExposesIdsAndOutputsOfLiveResources() {
        engine.apply(engine.plan(EngineFixture.network().build()));

        Plan plan = engine.plan(EngineFixture.network().build());

        assertThat(plan.resources()).hasSize(6);
        assertThat(plan.resource("subnet/b")).get().satisfies(state -> {
            assertThat(state.cloudId()).isEqualTo(fixture.cloud.byLogicalId("subnet/b").id());
            assertThat(state.outputs()).containsEntry("zone", "b");
            assertThat(state.owned()).isTrue();
        });
    }
}
