package io.slipway.aws.elb;

import io.slipway.aws.TagMaps;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.Owner;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Slipway's ownership tags ({@link OwnershipTags}) on ELBv2 resources. Their describes carry no tags, so a plan
 * reads them for every ARN its finds described in ONE DescribeTags call ({@link ElbFind}; it takes up to 20 ARNs;
 * a cluster has one load balancer, one target group and one listener, a few more only after a lost response).
 */
final class ElbTags {
    /** DescribeTags takes at most 20 ARNs, of any ELBv2 resource types mixed. */
    static final int MAX_ARNS = 20;

    private ElbTags() {
    }

    /** Tags by ARN; no call when there is nothing to read. */
    static Map<String, Map<String, String>> of(ElasticLoadBalancingV2Client elb, Collection<String> arns) {
        if (arns.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, String>> byArn = new HashMap<>();
        List<String> all = List.copyOf(arns);
        for (int from = 0; from < all.size(); from += MAX_ARNS) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + MAX_ARNS));
            for (TagDescription description : elb.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
                byArn.put(description.resourceArn(), toMap(description.tags()));
            }
        }
        return byArn;
    }

    static Map<String, String> toMap(List<Tag> tags) {
        return TagMaps.of(tags, Tag::key, Tag::value);
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return TagMaps.toSdk(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    /** The spec's tags plus the ownership tags, for the create call. */
    static List<Tag> forCreate(Map<String, String> tags, Owner owner, String logicalId) {
        return toSdk(OwnershipTags.withOwnership(tags, owner, logicalId));
    }

    /** Puts back the tags a diff found missing or changed, in one AddTags call; no call when none. */
    static Map<String, String> putBack(ElasticLoadBalancingV2Client elb, String arn, List<FieldChange> changes,
                                       Map<String, String> live) {
        Map<String, String> missing = TagMaps.missing(changes);
        if (missing.isEmpty()) {
            return live;
        }
        elb.addTags(r -> r.resourceArns(arn).tags(toSdk(missing)));
        return TagMaps.withAdded(live, missing);
    }

    /** Sorted, unmodifiable copy (specs print deterministically). */
    static Map<String, String> sorted(Map<String, String> tags) {
        return TagMaps.sorted(tags);
    }
}
