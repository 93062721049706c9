package io.slipway.cloud;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.slipway.cloud.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ExecutorTest {
    private final EngineFixture fixture = new EngineFixture();

    @Test
    void createsInDependencyOrder() {
        Engine engine = fixture.engine(4);

        ApplyResult result = engine.apply(engine.plan(EngineFixture.network().build()));

        assertThat(result.isComplete()).isTrue();
        List<String> log = fixture.cloud.writesLog();
        assertThat(log).hasSize(6);
        assertThat(log.indexOf("create net")).isZero();
        for (String zone : List.of("a", "b")) {
            assertThat(log.indexOf("create subnet/" + zone)).isLessThan(log.indexOf("create route/" + zone));
            assertThat(log.indexOf("create gateway")).isLessThan(log.indexOf("create route/" + zone));
        }
        assertThat(fixture.cloud.byLogicalId("route/a").refs()).containsEntry("subnet",
                fixture.cloud.byLogicalId("subnet/a").id()).containsEntry("target", fixture.cloud.byLogicalId("gateway").id());
    }

    @Test
    void independentChangesRunAtTheSameTime() {
        // subnet/a, subnet/b and gateway only depend on net: all three must be in flight together to pass
        CyclicBarrier allThree = new CyclicBarrier(3);
        fixture.cloud.beforeWrite = op -> {
            if (op.equals("create subnet/a") || op.equals("create subnet/b") || op.equals("create gateway")) {
                await(allThree);
            }
        };

        ApplyResult result = fixture.engine(4).apply(fixture.engine(4).plan(EngineFixture.network().build()));

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(fixture.cloud.maxInFlight.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void parallelismIsBounded() {
        DesiredGraph.Builder graph = DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.0.0.0/16"));
        for (int i = 1; i <= 6; i++) {
            graph.managed("subnet/" + i, EngineFixture.subnet("z" + i, "10.0." + i + ".0/24"));
        }
        CyclicBarrier pairs = new CyclicBarrier(2);
        fixture.cloud.beforeWrite = op -> {
            if (op.startsWith("create subnet/")) {
                await(pairs);
            }
        };
        Engine engine = fixture.engine(2);

        ApplyResult result = engine.apply(engine.plan(graph.build()));

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(fixture.cloud.maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void failureStopsOnlyItsDependantsAndIsReportedWithItsClass() {
        fixture.cloud.beforeWrite = op -> {
            if (op.equals("create subnet/a")) {
                throw new TestCloud.CloudException("QuotaExceeded: too many subnets", false);
            }
        };
        Engine engine = fixture.engine(4);

        ApplyResult result = engine.apply(engine.plan(EngineFixture.network().build()));

        assertThat(result.outcomes()).extracting(o -> o.change().logicalId(), ChangeOutcome::status,
                ChangeOutcome::failureClass, ChangeOutcome::blockedBy).containsExactlyInAnyOrder(
                tuple("net", ChangeOutcome.Status.APPLIED, null, null),
                tuple("gateway", ChangeOutcome.Status.APPLIED, null, null),
                tuple("subnet/a", ChangeOutcome.Status.FAILED, FailureClass.FATAL, null),
                tuple("subnet/b", ChangeOutcome.Status.APPLIED, null, null),
                tuple("route/a", ChangeOutcome.Status.SKIPPED, null, "subnet/a"),
                tuple("route/b", ChangeOutcome.Status.APPLIED, null, null));
        assertThat(result.isComplete()).isFalse();
        assertThat(result.needsHuman()).isTrue();
        assertThat(result.errors()).containsExactly("Subnet subnet/a: CloudException: QuotaExceeded: too many subnets");

        fixture.cloud.beforeWrite = op -> {
        };
        Plan next = engine.plan(EngineFixture.network().build());
        assertThat(next.pending()).extracting(Change::logicalId).containsExactly("subnet/a", "route/a");
        assertThat(engine.apply(next).isComplete()).isTrue();
    }

    @Test
    void anApplyPublishesWhatItProvedForOtherOwnersPlans() {
        Engine engine = fixture.engine(4);
        engine.apply(engine.plan(DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.0.0.0/16")).build()));
        fixture.cloud.beforeWrite = op -> {
            if (op.equals("create subnet/a")) {
                throw new TestCloud.CloudException("QuotaExceeded: too many subnets", false);
            }
        };
        ReadShare share = new ReadShare(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1));

        engine.apply(engine.plan(EngineFixture.network().build(), share));

        // found unchanged, and created by this apply: as the plan found it and as the create answered
        assertThat(share.published(OWNER, "net", "Net")).hasValueSatisfying(
                r -> assertThat(r.cloudId()).isEqualTo(fixture.cloud.byLogicalId("net").id()));
        assertThat(share.published(OWNER, "subnet/b", "Subnet")).hasValueSatisfying(
                r -> assertThat(r.cloudId()).isEqualTo(fixture.cloud.byLogicalId("subnet/b").id()));
        assertThat(share.published(OWNER, "route/b", "Route")).isPresent();
        // failed, or skipped behind the failure: unproven, so another owner's plan finds them itself
        assertThat(share.published(OWNER, "subnet/a", "Subnet")).isEmpty();
        assertThat(share.published(OWNER, "route/a", "Route")).isEmpty();

        share.invalidate(); // any later write for the cluster
        assertThat(share.published(OWNER, "net", "Net")).isEmpty();
    }

    @Test
    void dependantsWaitWhileADependencyIsNotReady() {
        fixture.cloud.startPending.add("Gateway");
        Engine engine = fixture.engine(4);

        ApplyResult first = engine.apply(engine.plan(EngineFixture.network().build()));

        assertThat(first.withStatus(ChangeOutcome.Status.WAITING)).extracting(o -> o.change().logicalId(),
                ChangeOutcome::blockedBy).containsExactlyInAnyOrder(tuple("route/a", "gateway"), tuple("route/b", "gateway"));
        assertThat(first.isComplete()).isFalse();
        assertThat(first.needsHuman()).isFalse();
        assertThat(first.resource("gateway")).get().extracting(ResourceState::ready).isEqualTo(false);

        Plan stillPending = engine.plan(EngineFixture.network().build());
        assertThat(engine.apply(stillPending).withStatus(ChangeOutcome.Status.WAITING)).hasSize(2);

        fixture.cloud.tamper(fixture.cloud.byLogicalId("gateway").id(), o -> o.ready = true);
        ApplyResult second = engine.apply(engine.plan(EngineFixture.network().build()));
        assertThat(second.isComplete()).isTrue();
        assertThat(second.applied()).extracting(Change::logicalId).containsExactlyInAnyOrder("route/a", "route/b");
    }

    @Test
    void anApplyThatOnlyWaitsKeepsTheSharedReadsAndOneThatWritesDropsThem() {
        fixture.cloud.startPending.add("Gateway");
        Engine engine = fixture.engine(4);
        ReadShare share = new ReadShare(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1));
        engine.apply(engine.plan(EngineFixture.network().build(), share));
        AtomicInteger reads = new AtomicInteger();
        share.get("a batched describe", Integer.class, reads::incrementAndGet);
        long before = share.generation();

        // every pending change waits for the gateway: nothing is written, what was read stays
        ApplyResult waiting = engine.apply(engine.plan(EngineFixture.network().build(), share));
        assertThat(waiting.applied()).isEmpty();
        assertThat(waiting.withStatus(ChangeOutcome.Status.WAITING)).hasSize(2);
        assertThat(share.generation()).isEqualTo(before);
        assertThat(share.get("a batched describe", Integer.class, reads::incrementAndGet)).isEqualTo(1);

        fixture.cloud.tamper(fixture.cloud.byLogicalId("gateway").id(), o -> o.ready = true);
        ApplyResult routes = engine.apply(engine.plan(EngineFixture.network().build(), share));
        assertThat(routes.applied()).extracting(Change::logicalId).containsExactlyInAnyOrder("route/a", "route/b");
        assertThat(share.generation()).isGreaterThan(before);
        assertThat(share.get("a batched describe", Integer.class, reads::incrementAndGet)).as("read again after the writes")
                .isEqualTo(2);
    }

    @Test
    void whatLeadsToAKindSlowToBecomeReadyStartsBeforeEverythingElse() {
        Kinds kinds = Kinds.of(new TestKind("Net", fixture.cloud), new TestKind("Subnet", fixture.cloud, "Net"),
                TestKind.slow("Nat", fixture.cloud, "Subnet"), new TestKind("Other", fixture.cloud, "Net"));
        DesiredGraph.Builder graph = DesiredGraph.builder(OWNER).managed("net", EngineFixture.net("10.0.0.0/16"));
        for (int i = 1; i <= 4; i++) {
            graph.managed("other/" + i, TestSpec.of("Other", Map.of("n", "" + i)).withRef("net", "net"));
        }
        graph.managed("subnet", EngineFixture.subnet("a", "10.0.1.0/24"))
                .managed("nat", TestSpec.of("Nat", Map.of("mode", "private")).withRef("subnet", "subnet"));
        List<String> started = new CopyOnWriteArrayList<>();
        ApplyListener listener = new ApplyListener() {
            @Override
            public void started(Change change) {
                started.add(change.logicalId());
            }
        };
        Engine engine = new Engine(kinds, fixture.classifier, 8);

        ApplyResult result = engine.apply(engine.plan(graph.build()), listener);

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        // the others could all run beside the subnet (8 threads), but would then ask the cloud before the NAT gateway
        assertThat(started.subList(0, 3)).containsExactly("net", "subnet", "nat");
        assertThat(started.subList(3, 7)).containsExactlyInAnyOrder("other/1", "other/2", "other/3", "other/4");
    }

    @Test
    void reportsProgressOfEveryChange() {
        List<String> events = new CopyOnWriteArrayList<>();
        ApplyListener listener = new ApplyListener() {
            @Override
            public void started(Change change) {
                events.add("started " + change.logicalId());
            }

            @Override
            public void finished(ChangeOutcome outcome) {
                events.add(outcome.status() + " " + outcome.change().logicalId());
            }
        };
        Engine engine = fixture.engine(2);

        engine.apply(engine.plan(EngineFixture.network().build()), listener);

        assertThat(events).hasSize(12);
        for (String id : List.of("net", "gateway", "subnet/a", "subnet/b", "route/a", "route/b")) {
            assertThat(events.indexOf("started " + id)).isLessThan(events.indexOf("APPLIED " + id));
        }
    }

    @ParameterizedTest(name = "crash after {0} writes")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aFreshEngineConvergesAfterACrashAtAnyStep(int crashAfter) {
        AtomicInteger writes = new AtomicInteger();
        fixture.cloud.beforeWrite = op -> {
            if (writes.incrementAndGet() > crashAfter) {
                throw new SimulatedCrash();
            }
        };
        Engine first = fixture.engine(1);
        Plan plan = first.plan(EngineFixture.network().build());
        assertThatThrownBy(() -> first.apply(plan)).isInstanceOf(SimulatedCrash.class);
        assertThat(fixture.cloud.all()).hasSize(crashAfter);

        fixture.cloud.beforeWrite = op -> {
        };
        Engine fresh = fixture.engine(4);
        ApplyResult result = fresh.apply(fresh.plan(EngineFixture.network().build()));

        assertThat(result.isComplete()).isTrue();
        assertThat(result.applied()).hasSize(6 - crashAfter);
        assertThat(fixture.cloud.all()).hasSize(6);
        for (String id : List.of("net", "gateway", "subnet/a", "subnet/b", "route/a", "route/b")) {
            fixture.cloud.byLogicalId(id);
        }
        assertThat(fresh.plan(EngineFixture.network().build()).isConverged()).isTrue();
    }

    @Test
    void somethingStillUsedIsNotDeletedWhenTheChangeAwayFromItFailed() {
        Engine engine = fixture.engine(4);
        engine.apply(engine.plan(EngineFixture.network().build()));
        String routeA = fixture.cloud.byLogicalId("route/a").id();
        String oldGateway = fixture.cloud.byLogicalId("gateway").id();
        // route/a moves to a new gateway; the old one is no longer desired
        DesiredGraph moved = DesiredGraph.builder(OWNER)
                .managed("net", EngineFixture.net("10.0.0.0/16"))
                .managed("gateway2", EngineFixture.gateway())
                .managed("subnet/a", EngineFixture.subnet("a", "10.0.1.0/24"))
                .managed("route/a", TestSpec.of("Route", Map.of("destination", "0.0.0.0/0"))
                        .withRef("subnet", "subnet/a").withRef("target", "gateway2"))
                .build();
        fixture.cloud.removeOutOfBand(fixture.cloud.byLogicalId("route/b").id());
        fixture.cloud.removeOutOfBand(fixture.cloud.byLogicalId("subnet/b").id());
        fixture.cloud.beforeWrite = op -> {
            if (op.equals("update " + routeA)) {
                throw new TestCloud.CloudException("Unavailable", true);
            }
        };

        Plan plan = engine.plan(moved);
        ApplyResult result = engine.apply(plan);

        assertThat(plan.pending()).extracting(Change::action, Change::logicalId).containsExactly(
                tuple(Action.CREATE, "gateway2"), tuple(Action.UPDATE, "route/a"), tuple(Action.DELETE, "gateway"));
        assertThat(result.outcomes()).extracting(o -> o.change().logicalId(), ChangeOutcome::status, ChangeOutcome::blockedBy)
                .containsExactly(tuple("gateway2", ChangeOutcome.Status.APPLIED, null),
                        tuple("route/a", ChangeOutcome.Status.FAILED, null),
                        tuple("gateway", ChangeOutcome.Status.SKIPPED, "route/a"));
        assertThat(fixture.cloud.get(oldGateway)).isPresent();

        fixture.cloud.beforeWrite = op -> {
        };
        assertThat(engine.apply(engine.plan(moved)).isComplete()).isTrue();
        assertThat(fixture.cloud.get(oldGateway)).isEmpty();
        assertThat(fixture.cloud.log).containsSubsequence("update " + routeA, "delete " + oldGateway);
    }

    @Test
    void driftCorrectionsAreCountedPerKind() {
        Engine engine = fixture.engine(4);
        DesiredGraph graph = EngineFixture.network().build();
        engine.apply(engine.plan(graph));
        fixture.cloud.tamper(fixture.cloud.byLogicalId("gateway").id(), o -> o.fields.put("mode", "private"));
        fixture.cloud.removeOutOfBand(fixture.cloud.byLogicalId("route/a").id());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        ApplyResult result = engine.apply(engine.plan(graph));
        Map<String, Integer> counted = new DriftCounter(registry).record(result);

        assertThat(counted).containsExactly(Map.entry("Gateway", 1), Map.entry("Route", 1));
        assertThat(registry.get(DriftCounter.METRIC).tag("kind", "Route").counter().count()).isEqualTo(1.0);
        assertThat(fixture.cloud.byLogicalId("gateway").fields()).containsEntry("mode", "public");
        assertThat(engine.plan(graph).isConverged()).isTrue();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("changes that could run together did not", e);
        }
    }

    /** Stands for the process dying: an Error, which the executor does not catch. */
    private static final class SimulatedCrash extends Error {
    }
}
