package io.slipway.cloud;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One generic {@link ResourceKind} over {@link TestCloud}, instantiated once per kind name. */
final class TestKind implements ResourceKind<TestSpec, TestCloud.Snapshot> {
    private final String name;
    private final TestCloud cloud;
    private final Set<String> findsAfter;
    private final boolean slow;

    TestKind(String name, TestCloud cloud, String... findsAfter) {
        this(name, cloud, false, findsAfter);
    }

    private TestKind(String name, TestCloud cloud, boolean slow, String... findsAfter) {
        this.name = name;
        this.cloud = cloud;
        this.slow = slow;
        this.findsAfter = Set.of(findsAfter);
    }

    /** A kind that declares itself {@link ResourceKind#slowToBecomeReady() slow to become ready}. */
    static TestKind slow(String name, TestCloud cloud, String... findsAfter) {
        return new TestKind(name, cloud, true, findsAfter);
    }

    @Override
    public boolean slowToBecomeReady() {
        return slow;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<TestSpec> specType() {
        return TestSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return findsAfter;
    }

    @Override
    public List<LiveResource<TestCloud.Snapshot>> find(FindContext<TestSpec> context) {
        List<LiveResource<TestCloud.Snapshot>> found = new ArrayList<>();
        cloud.beforeFind.accept(name);
        for (TestCloud.Snapshot object : cloud.listByLabel(name, context.owner().id())) {
            if (!context.owner().owns(object.labels().get(TestCloud.OWNER_LABEL), object.labels().get(TestCloud.SCOPE_LABEL))) {
                continue;
            }
            found.add(new LiveResource<>(name, object.labels().get(TestCloud.LOGICAL_LABEL), object.id(), object,
                    true));
        }
        for (DesiredResource<TestSpec> desired : context.desired()) {
            if (desired.lifecycle() == Lifecycle.SHARED) {
                cloud.get(desired.spec().sharedId()).ifPresent(object -> found.add(
                        new LiveResource<>(name, desired.logicalId(), object.id(), object, false)));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(TestSpec desired, TestCloud.Snapshot live, Refs refs) {
        Diff diff = new Diff(refs);
        desired.fields().forEach((field, value) -> {
            if (desired.immutable().contains(field)) {
                diff.immutableField(field, value, live.fields().get(field));
            } else {
                diff.field(field, value, live.fields().get(field));
            }
        });
        desired.refs().forEach((field, ref) -> {
            if (desired.immutable().contains(field)) {
                diff.immutableRef(field, ref, live.refs().get(field));
            } else {
                diff.ref(field, ref, live.refs().get(field));
            }
        });
        return diff.changes();
    }

    @Override
    public TestCloud.Snapshot create(Owner owner, String logicalId, TestSpec desired, Refs refs) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(TestCloud.LOGICAL_LABEL, logicalId);
        labels.put(TestCloud.OWNER_LABEL, owner.id());
        labels.put(TestCloud.SCOPE_LABEL, owner.scope());
        return cloud.create(name, desired.fields(), resolve(desired, refs), labels);
    }

    @Override
    public TestCloud.Snapshot update(String logicalId, TestSpec desired, TestCloud.Snapshot live,
                                     List<FieldChange> changes, Refs refs) {
        Map<String, String> fields = new TreeMap<>();
        Map<String, String> newRefs = new TreeMap<>();
        Map<String, String> resolved = resolve(desired, refs);
        for (FieldChange change : changes) {
            if (desired.fields().containsKey(change.field())) {
                fields.put(change.field(), desired.fields().get(change.field()));
            } else {
                newRefs.put(change.field(), resolved.get(change.field()));
            }
        }
        return cloud.update(live.id(), fields, newRefs, Map.of());
    }

    @Override
    public void delete(TestCloud.Snapshot live) {
        cloud.delete(live.id());
    }

    @Override
    public String cloudId(TestCloud.Snapshot live) {
        return live.id();
    }

    @Override
    public Set<String> references(TestCloud.Snapshot live) {
        return new HashSet<>(live.refs().values());
    }

    @Override
    public boolean ready(TestCloud.Snapshot live) {
        return live.ready();
    }

    @Override
    public Map<String, String> outputs(TestCloud.Snapshot live) {
        return live.fields();
    }

    private static Map<String, String> resolve(TestSpec desired, Refs refs) {
        Map<String, String> resolved = new TreeMap<>();
        desired.refs().forEach((field, ref) -> resolved.put(field, refs.require(ref)));
        return resolved;
    }

}
