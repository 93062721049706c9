package io.slipway.model;

import io.slipway.api.BootstrapStoreStatus;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.s3.S3ObjectKind;
import io.slipway.cloud.ResourceState;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The bootstrap store part of a Cluster's status, from a plan's or apply's resources. Pure; names only. */
public final class BootstrapStoreStatusMapper {
    private BootstrapStoreStatusMapper() {
    }

    /** Bucket and prefix from the layout; the bucket and each object only once they exist. */
    public static BootstrapStoreStatus store(BootstrapStoreLayout layout, Collection<ResourceState> resources) {
        Map<String, ResourceState> byId = resources.stream()
                .collect(Collectors.toMap(ResourceState::logicalId, Function.identity(), (a, b) -> a));
        BootstrapStoreStatus status = new BootstrapStoreStatus();
        ResourceState bucket = byId.get(BootstrapStoreModel.BUCKET);
        status.bucket = bucket == null ? null : bucket.cloudId();
        status.sharedBucket = layout.sharedBucket();
        status.prefix = layout.clusterPrefix();
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            ResourceState object = byId.get(BootstrapStoreModel.object(role));
            if (object != null) {
                status.objectKeys.add(object.outputs().getOrDefault(S3ObjectKind.KEY, layout.objectKey(role)));
            }
        }
        return status;
    }
}
