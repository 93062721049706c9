package io.slipway.controller;

import io.slipway.api.BootstrapStoreStatus;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.bootstrap.NodeBootstrap;
import io.slipway.bootstrap.NodeBootstrapContext;
import io.slipway.model.BootstrapStoreLayout;

/**
 * The user data of an InstanceGroup's instances: the bootstrap script for the group's role, pointed at the Cluster's
 * API endpoint and bootstrap store as its status records them (the group waits for both before it gets here).
 */
final class InstanceGroupUserData {
    private InstanceGroupUserData() {
    }

    static String of(Cluster cluster, InstanceGroup group) {
        BootstrapStoreStatus store = cluster.getStatus() == null ? null : cluster.getStatus().bootstrapStore;
        String url = cluster.getStatus() == null ? null : ApiEndpoints.url(cluster.getStatus().apiEndpoint).orElse(null);
        if (store == null || store.bucket == null || url == null) {
            throw new IllegalStateException("the Cluster's status has no bootstrap store or API endpoint yet");
        }
        BootstrapStoreLayout layout = new BootstrapStoreLayout(store.bucket, store.prefix == null ? "" : store.prefix,
                Boolean.TRUE.equals(store.sharedBucket));
        return NodeBootstrap.userData(cluster, group, new NodeBootstrapContext(url, cluster.getSpec().region, layout.bucket(),
                layout.objectKey(group.getSpec().roleValue()), layout.initLockKey()));
    }
}
