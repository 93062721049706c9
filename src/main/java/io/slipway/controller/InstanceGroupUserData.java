package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;

/**
 * The user data of an InstanceGroup's instances. The one place that calls the bootstrap rendering, so that joining
 * it is one line.
 */
final class InstanceGroupUserData {
    private InstanceGroupUserData() {
    }

    static String of(Cluster cluster, InstanceGroup group) {
        // integrator: replace with NodeBootstrap.userData(cluster, group, new NodeBootstrapContext(apiServerUrl, region,
        // bucket, bootstrapObjectKey, initLockKey))
        return "#!/bin/sh\n# slipway: " + cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName()
                + " instance group " + group.getMetadata().getName() + " (" + group.getSpec().role + ")\n";
    }
}
