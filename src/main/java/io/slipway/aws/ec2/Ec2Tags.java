package io.slipway.aws.ec2;

import io.slipway.aws.TagMaps;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Slipway's ownership tags ({@link OwnershipTags}) on EC2 resources: the find filter, the create-call tag
 * specifications and the put-back of missing tags.
 */
public final class Ec2Tags {
    public static final String CLUSTER = OwnershipTags.CLUSTER;
    public static final String RESOURCE = OwnershipTags.RESOURCE;

    private Ec2Tags() {
    }

    static Filter ownerFilter(Owner owner) {
        return Filter.builder().name("tag:" + CLUSTER).values(owner.id()).build();
    }

    static Filter resourceFilter(String logicalId) {
        return Filter.builder().name("tag:" + RESOURCE).values(logicalId).build();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Filter filter(String name, java.util.Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Map<String, String> toMap(List<Tag> tags) {
        return TagMaps.of(tags, Tag::key, Tag::value);
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return TagMaps.toSdk(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    /** The spec's tags plus the ownership tags, for a create call. */
    static Map<String, String> withOwnership(Map<String, String> tags, Owner owner, String logicalId) {
        return OwnershipTags.withOwnership(tags, owner, logicalId);
    }

    static TagSpecification specification(ResourceType type, Map<String, String> tags, Owner owner, String logicalId) {
        return TagSpecification.builder().resourceType(type).tags(toSdk(withOwnership(tags, owner, logicalId))).build();
    }

    /**
     * The logical id of a resource the owner owns; empty for anything else. Checked on the client too, because
     * not every describe honours tag filters (moto's DescribeNatGateways ignores them).
     */
    static Optional<String> ownedLogicalId(Map<String, String> tags, Owner owner) {
        return OwnershipTags.ownedLogicalId(tags, owner);
    }

    /**
     * The owner's resources among {@code items}, each under the logical id its tag carries. The state is read
     * for those only (it may cost calls).
     */
    static <T, L> List<LiveResource<L>> owned(String kind, Owner owner, List<T> items, Function<T, String> id,
                                              Function<T, List<Tag>> tags, Function<T, L> state) {
        List<LiveResource<L>> found = new ArrayList<>();
        for (T item : items) {
            ownedLogicalId(toMap(tags.apply(item)), owner).ifPresent(logicalId ->
                    found.add(new LiveResource<>(kind, logicalId, id.apply(item), state.apply(item), true)));
        }
        return found;
    }

    /** Puts back the tags a diff found missing or changed, in one CreateTags call; no call when none. */
    static Map<String, String> putBack(Ec2Client ec2, String resourceId, List<FieldChange> changes,
                                       Map<String, String> live) {
        Map<String, String> missing = TagMaps.missing(changes);
        if (missing.isEmpty()) {
            return live;
        }
        ec2.createTags(r -> r.resources(resourceId).tags(toSdk(missing)));
        return TagMaps.withAdded(live, missing);
    }

    /** Sorted, unmodifiable copy (specs print deterministically, see ResourceSpec). */
    static Map<String, String> sorted(Map<String, String> tags) {
        return TagMaps.sorted(tags);
    }
}
