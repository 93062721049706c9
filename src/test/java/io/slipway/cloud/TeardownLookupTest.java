package io.slipway.cloud;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A teardown with a lookup graph: kinds that find by name (a load balancer's, a DNS record's) only see what the
 * desired specs name, so the teardown passes the cluster's graph to their finds. Nothing of the lookup is created,
 * kept or reported as missing.
 */
class TeardownLookupTest {
    private static final Owner OWNER = new Owner("ns/demo");
    private static final TeardownOptions FAST = new TeardownOptions(2, Duration.ofMillis(1));

    private final TestCloud cloud = new TestCloud();
    private final TestKind byLabel = new TestKind("Named", cloud);
    /** Finds, among the owner's objects, only those whose name a desired spec gives. */
    private final ResourceKind<TestSpec, TestCloud.Snapshot> named = new ResourceKind<>() {
        @Override
        public String name() {
            return byLabel.name();
        }

        @Override
        public Class<TestSpec> specType() {
            return TestSpec.class;
        }

        @Override
        public List<LiveResource<TestCloud.Snapshot>> find(FindContext<TestSpec> context) {
            Set<String> names = context.desired().stream().map(d -> d.spec().fields().get("name")).collect(Collectors.toSet());
            return byLabel.find(context).stream().filter(r -> names.contains(r.state().fields().get("name"))).toList();
        }

        @Override
        public List<FieldChange> diff(TestSpec desired, TestCloud.Snapshot live, Refs refs) {
            return byLabel.diff(desired, live, refs);
        }

        @Override
        public TestCloud.Snapshot create(Owner owner, String logicalId, TestSpec desired, Refs refs) {
            return byLabel.create(owner, logicalId, desired, refs);
        }

        @Override
        public TestCloud.Snapshot update(String logicalId, TestSpec desired, TestCloud.Snapshot live,
                                         List<FieldChange> changes, Refs refs) {
            return byLabel.update(logicalId, desired, live, changes, refs);
        }

        @Override
        public void delete(TestCloud.Snapshot live) {
            byLabel.delete(live);
        }

        @Override
        public String cloudId(TestCloud.Snapshot live) {
            return live.id();
        }
    };
    private final Engine engine = new Engine(Kinds.of(named, new TestKind("Net", cloud)), failure -> FailureClass.FATAL, 2);

    private DesiredGraph graph() {
        return DesiredGraph.builder(OWNER)
                .managed("lb", TestSpec.of("Named", Map.of("name", "api-demo")))
                .shared("net", TestSpec.of("Net", Map.of()).shared("net-404"))
                .build();
    }

    @Test
    void theLookupTellsNameFindingKindsWhereToLookAndOnlyDeletesAreDone() {
        assertThat(engine.apply(engine.plan(DesiredGraph.builder(OWNER)
                .managed("lb", TestSpec.of("Named", Map.of("name", "api-demo"))).build())).isComplete()).isTrue();
        Owner everyScope = OWNER.everyScope();

        assertThat(engine.deleteAllOwned(everyScope, FAST, ApplyListener.NONE).deleted())
                .as("without a lookup a name-finding kind sees nothing").isEmpty();
        assertThat(cloud.ofKind("Named")).hasSize(1);

        Plan plan = new Planner(Kinds.of(named, new TestKind("Net", cloud))).planTeardown(everyScope, graph());
        assertThat(plan.errors()).as("a missing shared resource of the lookup is no error").isEmpty();
        assertThat(plan.pending()).extracting(Change::action, Change::logicalId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.DELETE, "lb"));

        TeardownResult result = engine.deleteAllOwned(everyScope, graph(), FAST, ApplyListener.NONE);

        assertThat(result.isComplete()).isTrue();
        assertThat(result.deleted()).extracting(Change::logicalId).containsExactly("lb");
        assertThat(cloud.all()).isEmpty();
    }
}
