package io.slipway.cloud;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.slipway.cloud.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleAndTeardownTest {
    private static final TeardownOptions FAST = new TeardownOptions(3, Duration.ofMillis(1));

    private final EngineFixture fixture = new EngineFixture();
    private final Engine engine = fixture.engine(4);

    private DesiredGraph onSharedNet(String sharedId, String cidr) {
        return DesiredGraph.builder(OWNER)
                .shared("net", EngineFixture.net(cidr).shared(sharedId))
                .managed("gateway", EngineFixture.gateway())
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.1.0/24"))
                .managed("route/a", EngineFixture.route("subnet/a"))
                .build();
    }

    @Test
    void sharedResourceIsUsedButNeverModifiedOrDeleted() {
        String byo = fixture.cloud.putOutOfBand("Net", Map.of("cidr", "10.0.0.0/16", "owner-note", "team-x"),
                Map.of(), Map.of());

        Plan plan = engine.plan(onSharedNet(byo, "10.0.0.0/16"));
        ApplyResult result = engine.apply(plan);

        assertThat(plan.changes()).filteredOn(c -> c.logicalId().equals("net")).singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(Action.NONE);
                    assertThat(c.lifecycle()).isEqualTo(Lifecycle.SHARED);
                    assertThat(c.cloudId()).isEqualTo(byo);
                });
        assertThat(result.isComplete()).isTrue();
        assertThat(fixture.cloud.byLogicalId("subnet/a").refs()).containsEntry("net", byo);
        assertThat(engine.plan(onSharedNet(byo, "10.0.0.0/16")).isConverged()).isTrue();

        TeardownResult teardown = engine.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(teardown.isComplete()).isTrue();
        assertThat(fixture.cloud.all()).singleElement().satisfies(net -> {
            assertThat(net.id()).isEqualTo(byo);
            assertThat(net.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("cidr", "10.0.0.0/16", "owner-note", "team-x"));
        });
        assertThat(fixture.cloud.writesLog()).noneMatch(op -> op.contains(byo));
    }

    @Test
    void missingSharedResourceIsAnErrorThatBlocksItsDependants() {
        Plan plan = engine.plan(onSharedNet("net-404", "10.0.0.0/16"));
        ApplyResult result = engine.apply(plan);

        assertThat(plan.errors()).containsExactly(new PlanError("Net", "net", "shared resource not found"));
        assertThat(result.outcomes()).allMatch(o -> o.status() == ChangeOutcome.Status.SKIPPED);
        assertThat(result.needsHuman()).isTrue();
        assertThat(fixture.cloud.writes).hasValue(0);
    }

    @Test
    void mismatchingSharedResourceIsAnErrorAndIsNotChanged() {
        String byo = fixture.cloud.putOutOfBand("Net", Map.of("cidr", "172.16.0.0/16"), Map.of(), Map.of());

        Plan plan = engine.plan(onSharedNet(byo, "10.0.0.0/16"));
        engine.apply(plan);

        assertThat(plan.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("does not match", "cidr is 172.16.0.0/16, spec says 10.0.0.0/16", "never modifies"));
        assertThat(fixture.cloud.get(byo)).get().extracting(s -> s.fields().get("cidr")).isEqualTo("172.16.0.0/16");
        assertThat(fixture.cloud.writesLog()).noneMatch(op -> op.contains(byo));
    }

    @Test
    void teardownDeletesEverythingOwnedInReverseOrderIncludingLeakedResources() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        // leaked by an earlier crash, unknown to the current graph
        String leaked = fixture.cloud.putOutOfBand("Subnet", Map.of("zone", "c"),
                Map.of("net", fixture.cloud.byLogicalId("net").id()),
                Map.of(TestCloud.OWNER_LABEL, OWNER.id(), TestCloud.LOGICAL_LABEL, "subnet/c"));
        String foreign = fixture.cloud.putOutOfBand("Net", Map.of(), Map.of(),
                Map.of(TestCloud.OWNER_LABEL, "ns/other", TestCloud.LOGICAL_LABEL, "net"));
        fixture.cloud.log.clear();

        TeardownResult result = engine.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(result.isComplete()).isTrue();
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.deleted()).hasSize(7);
        assertThat(fixture.cloud.all()).extracting(TestCloud.Snapshot::id).containsExactly(foreign);
        List<String> log = fixture.cloud.writesLog();
        assertThat(log).hasSize(7).last().isEqualTo("delete " + result.deleted().stream()
                .filter(c -> c.logicalId().equals("net")).findFirst().orElseThrow().cloudId());
        assertThat(log).contains("delete " + leaked);
    }

    @Test
    void teardownRetriesWhatIsStillInUse() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        AtomicInteger netDeletes = new AtomicInteger();
        String netId = fixture.cloud.byLogicalId("net").id();
        fixture.cloud.beforeWrite = op -> {
            if (op.equals("delete " + netId) && netDeletes.incrementAndGet() == 1) {
                throw new TestCloud.CloudException("DependencyViolation: still draining", true);
            }
        };

        TeardownResult result = engine.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(result.isComplete()).isTrue();
        assertThat(result.rounds()).isEqualTo(2);
        assertThat(netDeletes).hasValue(2);
        assertThat(fixture.cloud.all()).isEmpty();
    }

    @Test
    void teardownReturnsWhatRemainsWhenItCannotFinish() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        String netId = fixture.cloud.byLogicalId("net").id();
        // something outside Slipway's ownership keeps using the network
        fixture.cloud.putOutOfBand("Subnet", Map.of(), Map.of("net", netId), Map.of());

        TeardownResult result = engine.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(result.isComplete()).isFalse();
        assertThat(result.needsHuman()).isFalse();
        assertThat(result.rounds()).isEqualTo(3);
        assertThat(result.remaining()).extracting(Change::logicalId).containsExactly("net");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.failureClass()).isEqualTo(FailureClass.RETRYABLE);
            assertThat(f.message()).contains("DependencyViolation");
        });
    }

    @Test
    void teardownNamesWhatBlocksItsDeletesWithOneLookupAfterItsLastRound() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        String netId = fixture.cloud.byLogicalId("net").id();
        String stranger = fixture.cloud.putOutOfBand("Subnet", Map.of(), Map.of("net", netId), Map.of());
        List<List<Change>> asked = new java.util.ArrayList<>();
        BlockerLookup lookup = (failed, remaining) -> {
            asked.add(failed);
            return Map.of(failed.get(0).key(), List.of(new Blocker(stranger, "a subnet someone else made")));
        };
        Engine withLookup = new Engine(fixture.kinds, fixture.classifier, 2, lookup);

        TeardownResult result = withLookup.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(asked).singleElement().satisfies(failed ->
                assertThat(failed).extracting(Change::logicalId).containsExactly("net"));
        assertThat(result.isBlockedByOthers()).isTrue();
        assertThat(result.blocked()).singleElement().satisfies(b -> assertThat(b.change().cloudId()).isEqualTo(netId));
        assertThat(result.blockerIds()).containsExactly(stranger);
    }

    @Test
    void aTeardownThatCompletesOrFailsFatallyAsksForNoBlockers() {
        BlockerLookup refuse = (failed, remaining) -> {
            throw new AssertionError("asked for blockers of " + failed);
        };
        Engine withLookup = new Engine(fixture.kinds, fixture.classifier, 2, refuse);
        withLookup.apply(withLookup.plan(EngineFixture.network().build()));
        assertThat(withLookup.deleteAllOwned(OWNER, FAST, ApplyListener.NONE).blocked()).isEmpty();

        withLookup.apply(withLookup.plan(EngineFixture.network().build()));
        fixture.cloud.beforeWrite = op -> {
            if (op.startsWith("delete ")) {
                throw new TestCloud.CloudException("AccessDenied", false);
            }
        };
        TeardownResult denied = withLookup.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);
        assertThat(denied.needsHuman()).isTrue();
        assertThat(denied.blocked()).isEmpty();
    }

    @Test
    void aLookupThatFailsLeavesTheTeardownResultAsItWas() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        fixture.cloud.putOutOfBand("Subnet", Map.of(), Map.of("net", fixture.cloud.byLogicalId("net").id()), Map.of());
        BlockerLookup broken = (failed, remaining) -> {
            throw new TestCloud.CloudException("AccessDenied", false);
        };

        TeardownResult result = new Engine(fixture.kinds, fixture.classifier, 2, broken)
                .deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(result.remaining()).extracting(Change::logicalId).containsExactly("net");
        assertThat(result.blocked()).isEmpty();
    }

    @Test
    void teardownStopsAtAFatalFailureAndKeepsWhatDependsOnIt() {
        engine.apply(engine.plan(EngineFixture.network().build()));
        fixture.cloud.beforeWrite = op -> {
            if (op.equals("delete " + fixture.cloud.byLogicalId("route/a").id())) {
                throw new TestCloud.CloudException("AccessDenied", false);
            }
        };

        TeardownResult result = engine.deleteAllOwned(OWNER, FAST, ApplyListener.NONE);

        assertThat(result.needsHuman()).isTrue();
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.remaining()).extracting(Change::logicalId)
                .containsExactlyInAnyOrder("route/a", "subnet/a", "gateway", "net");
        assertThat(result.failures()).extracting(o -> o.change().logicalId(), ChangeOutcome::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("route/a", ChangeOutcome.Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("subnet/a", ChangeOutcome.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("gateway", ChangeOutcome.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("net", ChangeOutcome.Status.SKIPPED));
    }
}
