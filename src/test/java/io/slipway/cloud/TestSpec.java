package io.slipway.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Desired state of a {@link TestCloud} object. {@code sharedId} names an existing object for SHARED ones. */
record TestSpec(String kind, Map<String, String> fields, Map<String, Ref> refs, Set<String> immutable,
                String sharedId) implements ResourceSpec {
    TestSpec {
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
        refs = java.util.Collections.unmodifiableMap(new TreeMap<>(refs));
        immutable = java.util.Collections.unmodifiableSet(new TreeSet<>(immutable));
    }

    static TestSpec of(String kind, Map<String, String> fields) {
        return new TestSpec(kind, fields, Map.of(), Set.of(), null);
    }

    TestSpec withRef(String field, String logicalId) {
        Map<String, Ref> more = new TreeMap<>(refs);
        more.put(field, Ref.to(logicalId));
        return new TestSpec(kind, fields, more, immutable, sharedId);
    }

    TestSpec withField(String field, String value) {
        Map<String, String> more = new TreeMap<>(fields);
        more.put(field, value);
        return new TestSpec(kind, more, refs, immutable, sharedId);
    }

    TestSpec immutable(String... names) {
        return new TestSpec(kind, fields, refs, Set.of(names), sharedId);
    }

    TestSpec shared(String id) {
        return new TestSpec(kind, fields, refs, immutable, id);
    }

    @Override
    public List<Ref> references() {
        return new ArrayList<>(refs.values());
    }
}
