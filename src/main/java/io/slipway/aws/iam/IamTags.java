package io.slipway.aws.iam;

import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.Owner;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Tags of IAM roles and instance profiles: ownership tags at creation, the put-back of missing ones. */
final class IamTags {
    private IamTags() {
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return Collections.unmodifiableMap(map);
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** The spec's tags and the ownership tags, for a create call. */
    static List<Tag> forCreate(Map<String, String> tags, Owner owner, String logicalId) {
        return toSdk(OwnershipTags.withOwnership(tags, owner, logicalId));
    }

    /** The tags a diff found missing or changed ({@code tags.<key>} fields). */
    static Map<String, String> missing(List<FieldChange> changes) {
        Map<String, String> missing = new TreeMap<>();
        for (FieldChange change : changes) {
            if (change.field().startsWith("tags.")) {
                missing.put(change.field().substring("tags.".length()), change.to());
            }
        }
        return missing;
    }

    static Map<String, String> merged(Map<String, String> live, Map<String, String> added) {
        Map<String, String> all = new TreeMap<>(live);
        all.putAll(added);
        return Collections.unmodifiableMap(all);
    }

    /** Sorted, unmodifiable copy (specs print deterministically). */
    static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
