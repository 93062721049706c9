package io.slipway.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects field changes between a desired spec and live state. A null desired value means "not specified":
 * it is never a change (this is how a shared resource validates only the fields the user gave).
 */
public final class Diff {
    private final Refs refs;
    private final List<FieldChange> changes = new ArrayList<>();

    public Diff(Refs refs) {
        this.refs = refs;
    }

    public Diff field(String name, Object desired, Object live) {
        return compare(name, desired, live, false);
    }

    public Diff immutableField(String name, Object desired, Object live) {
        return compare(name, desired, live, true);
    }

    /** Compares a reference with the cloud id the live object holds. */
    public Diff ref(String name, Ref desired, String liveId) {
        return compareRef(name, desired, liveId, false);
    }

    public Diff immutableRef(String name, Ref desired, String liveId) {
        return compareRef(name, desired, liveId, true);
    }

    /** Every desired tag must be present with its value; tags the live object has in addition are left alone. */
    public Diff tags(Map<String, String> desired, Map<String, String> live) {
        if (desired == null) {
            return this;
        }
        desired.forEach((key, value) -> {
            String liveValue = live == null ? null : live.get(key);
            if (!Objects.equals(value, liveValue)) {
                changes.add(new FieldChange("tags." + key, liveValue, value, false));
            }
        });
        return this;
    }

    public List<FieldChange> changes() {
        return List.copyOf(changes);
    }

    private Diff compare(String name, Object desired, Object live, boolean immutable) {
        if (desired != null && !Objects.equals(desired, live)) {
            changes.add(new FieldChange(name, render(live), render(desired), immutable));
        }
        return this;
    }

    private Diff compareRef(String name, Ref desired, String liveId, boolean immutable) {
        if (desired == null) {
            return this;
        }
        Optional<String> resolved = refs.cloudId(desired);
        if (resolved.isEmpty() || !resolved.get().equals(liveId)) {
            changes.add(new FieldChange(name, liveId, resolved.orElse(FieldChange.KNOWN_AFTER_APPLY), immutable));
        }
        return this;
    }

    private static String render(Object value) {
        return value == null ? null : value.toString();
    }
}
