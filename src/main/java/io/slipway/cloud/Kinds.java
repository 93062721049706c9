package io.slipway.cloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resource kinds of one cloud, in the order they are found (every kind after the kinds it reads). */
public final class Kinds {
    private final Map<String, ResourceKind<?, ?>> byName;

    private Kinds(Map<String, ResourceKind<?, ?>> byName) {
        this.byName = byName;
    }

    public static Kinds of(List<? extends ResourceKind<?, ?>> kindsInFindOrder) {
        Map<String, ResourceKind<?, ?>> byName = new LinkedHashMap<>();
        for (ResourceKind<?, ?> kind : kindsInFindOrder) {
            for (String earlier : kind.findsAfter()) {
                if (!byName.containsKey(earlier)) {
                    throw new IllegalArgumentException("kind " + kind.name() + " reads " + earlier
                            + ", which must be registered before it");
                }
            }
            if (byName.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("kind " + kind.name() + " registered twice");
            }
        }
        return new Kinds(byName);
    }

    public static Kinds of(ResourceKind<?, ?>... kindsInFindOrder) {
        return of(List.of(kindsInFindOrder));
    }

    public ResourceKind<?, ?> get(String name) {
        ResourceKind<?, ?> kind = byName.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown resource kind " + name);
        }
        return kind;
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public List<ResourceKind<?, ?>> inFindOrder() {
        return new ArrayList<>(byName.values());
    }
}
