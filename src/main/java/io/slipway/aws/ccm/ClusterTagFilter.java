package io.slipway.aws.ccm;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Map;

/** EC2's side of {@link ClusterTag}: the describe filter and reading an EC2 tag list. */
final class ClusterTagFilter {
    private ClusterTagFilter() {
    }

    /** {@code tag:kubernetes.io/cluster/<name>=owned}: what is shared is not even read. */
    static Filter owned(String clusterTagKey) {
        return Filter.builder().name("tag:" + clusterTagKey).values(ClusterTag.OWNED).build();
    }

    static boolean madeForClusterByOthers(List<Tag> tags, String clusterTagKey) {
        Map<String, String> map = io.slipway.aws.TagMaps.of(tags, Tag::key, Tag::value);
        return ClusterTag.madeForClusterByOthers(map, clusterTagKey);
    }
}
