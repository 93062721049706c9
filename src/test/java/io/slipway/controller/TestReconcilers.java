package io.slipway.controller;

import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.slipway.cloud.ApplyPool;
import io.slipway.workload.drain.NodeDrainer;
import io.slipway.workload.etcd.EtcdMemberRemoval;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.EndpointOverrides;
import io.slipway.workload.NodeWatches;
import io.slipway.workload.WorkloadConnector;
import io.slipway.workload.addons.AddonInstaller;
import io.slipway.workload.addons.AddonSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds the production reconcilers the way CDI does, from the harness' client and AWS factory; the credentials have
 * ECDSA keys (RSA key generation costs seconds per Cluster on a busy machine; ClusterSecretsTest covers the RSA default).
 */
public final class TestReconcilers {
    /** Settings for operator tests: resync every 2s, in-flight checks every 300ms, retry 2s after an error. */
    public static final ReconcileSettings FAST =
            new ReconcileSettings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2), 50);

    /** Shared by every operator a test JVM starts, as the production pool is by every cluster. */
    private static final ApplyPool POOL = new ApplyPool(8, "test-apply");

    private TestReconcilers() {
    }

    public static List<Reconciler<?>> all(OperatorHarness.Wiring w) {
        return all(w, ReconcileSettings.defaults());
    }

    public static List<Reconciler<?>> all(OperatorHarness.Wiring w, ReconcileSettings settings) {
        return all(w, settings, EndpointOverrides.none(), AddonSettings.defaults());
    }

    /**
     * With where the workload clusters' APIs are reached (a simulator's address instead of the kubeconfig's) and
     * where the addons' charts come from (a chart repository on 127.0.0.1).
     */
    public static List<Reconciler<?>> all(OperatorHarness.Wiring w, ReconcileSettings settings, EndpointOverrides workloadEndpoints,
                                          AddonSettings addons) {
        Clock clock = Clock.systemUTC();
        EventRecorder events = new EventRecorder(w.client(), clock);
        WorkloadConnector connector = w.closedWithOperator(new WorkloadConnector(w.client(), workloadEndpoints));
        NodeWatches nodeWatches = w.closedWithOperator(new NodeWatches());
        connector.addListener(nodeWatches);
        ClusterWorkload workload = new ClusterWorkload(connector,
                new ClusterValidator(ClusterValidator.DEFAULT_MAX_FAILURES), new AddonInstaller(addons), clock, settings);
        return List.of(
                new ClusterReconciler(new ClusterSpecChecks(), events, clock, new ClusterCredentials(w.client()), w.aws(),
                        new ClusterInfrastructure(w.registry(), events, clock, settings, POOL, java.util.Optional.empty()),
                        new ClusterSecrets(w.client(), ManagementCluster.FAST_CREDENTIALS, clock), settings, workload),
                new InstanceGroupReconciler(new InstanceGroupSpecChecks(), events, clock, new ClusterCredentials(w.client()),
                        w.aws(), new InstanceGroupInfrastructure(w.registry(), events, clock, settings, POOL), settings,
                        new InstanceGroupNodes(connector), nodeWatches),
                new RolloutReconciler(w.aws(), new ClusterCredentials(w.client()), connector,
                        new GroupRoll(new ClusterValidator(ClusterValidator.DEFAULT_MAX_FAILURES), new NodeDrainer(),
                                new EtcdMemberRemoval(), events, new RolloutMetrics(w.registry()), new RemediationCandidates(),
                                settings, nodeWatches), settings, clock, nodeWatches));
    }
}
