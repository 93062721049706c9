package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.ReadShare;
import io.slipway.model.Owners;

/**
 * The one {@link ReadShare} of a cluster that its Cluster, InstanceGroup and rollout reconciles read through, kept
 * by the cluster's AWS session, with a lifetime derived from the resync.
 */
public final class ClusterReads {
    private ClusterReads() {
    }

    public static ReadShare of(AwsSession session, Cluster cluster, ReconcileSettings settings) {
        return session.reads(Owners.cluster(cluster).id(), ReadShare.lifetimeFor(settings.resync()));
    }

    /** Drops the cluster's share: its delete is complete, nothing reads through it any more. */
    public static void forget(AwsSession session, Cluster cluster) {
        session.forgetReads(Owners.cluster(cluster).id());
    }
}
