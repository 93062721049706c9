package io.slipway.aws.iam;

import io.slipway.aws.TagMaps;
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
        return TagMaps.of(tags, Tag::key, Tag::value);
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return TagMaps.toSdk(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    /** The spec's tags and the ownership tags, for a create call. */
    static List<Tag> forCreate(Map<String, String> tags, Owner owner, String logicalId) {
        return toSdk(OwnershipTags.withOwnership(tags, owner, logicalId));
    }

    /** The tags a diff found missing or changed ({@code tags.<key>} fields). */
    static Map<String, String> missing(List<FieldChange> changes) {
        return TagMaps.missing(changes);
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
