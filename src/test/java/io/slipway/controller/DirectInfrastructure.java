package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.ApplyPool;
import io.slipway.model.AwsPartition;
import io.slipway.model.ClusterInputs;
import io.slipway.testing.Examples;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The Cluster's cloud part driven directly, without reconcilers, against moto and a management API (for its Events):
 * the example Cluster as an object, the inputs its reconciler hands over while the keys are being made (no bootstrap
 * content yet), and one apply pool for every test JVM.
 */
final class DirectInfrastructure {
    static final ApplyPool POOL = new ApplyPool(8, "direct-infrastructure");

    private DirectInfrastructure() {
    }

    /** The example Cluster, named {@code name}, as the API would give it (namespace, uid, generation 1). */
    static Cluster cluster(String name) {
        Cluster cluster = Examples.read(Cluster.class, "examples/cluster.yaml", "demo");
        cluster.getMetadata().setName(name);
        cluster.getMetadata().setNamespace("default");
        cluster.getMetadata().setUid("uid-" + name);
        cluster.getMetadata().setGeneration(1L);
        return cluster;
    }

    static ClusterInfrastructure infrastructure(KubernetesClient client, Clock clock, ReconcileSettings settings) {
        return new ClusterInfrastructure(new SimpleMeterRegistry(), new EventRecorder(client, clock), clock, settings, POOL,
                Optional.empty());
    }

    /** As the reconciler's while the keys are being made: no bootstrap content yet. */
    static ClusterInputs inputs(ClusterInfrastructure infrastructure, Cluster cluster, AwsSession session) {
        String account = session.accountId();
        return new ClusterInputs(account, AwsPartition.of(cluster.getSpec().region), infrastructure.storeLayout(cluster, account),
                ClusterRoles.inUse(cluster), Map.of()).withBootstrapContentPending();
    }

    /** Reconciles until a plan shows the graph converged (moto's NAT gateways are available at once); the status. */
    static ClusterStatus converge(ClusterInfrastructure infrastructure, Cluster cluster, AwsSession session) {
        ClusterStatus status = new ClusterStatus();
        ClusterInputs inputs = inputs(infrastructure, cluster, session);
        for (int i = 0; i < 5 && (status.network == null || status.network.convergedFingerprint == null); i++) {
            infrastructure.reconcile(cluster, session, inputs, status, false);
        }
        if (status.network == null || status.network.convergedFingerprint == null) {
            throw new AssertionError("the cluster's infrastructure did not converge: " + status.conditions);
        }
        return status;
    }
}
