package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.ReadShare;
import io.slipway.model.AwsPartition;
import io.slipway.model.ClusterInputs;
import io.slipway.testing.CallCounts;
import io.slipway.testing.Examples;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.workload.ManagementCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Cluster reconcile takes the plan that showed its graph converged only while that plan stays fresh until the next
 * in-flight reconcile is over: the reconcile after which it would not plans again, so that a reconcile an event brings
 * meanwhile (a node turning Ready) takes a fresh plan instead of reading the whole graph first. DescribeInternetGateways
 * is read once per plan of the Cluster's graph.
 */
@ExtendWith(MotoExtension.class)
class ConvergedPlanLastsUntilTheNextReconcileTest {
    private static final String PLAN_READ = "ec2:DescribeInternetGateways";
    private static final ApplyPool POOL = new ApplyPool(8, "converged-plan-test");

    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @Test
    void aConvergedPlanThatWouldAgeBeforeTheNextReconcileEndsIsPlannedAgain(AwsClientFactory aws, MeterRegistry registry) {
        Cluster cluster = Examples.read(Cluster.class, "examples/cluster.yaml", "demo");
        cluster.getMetadata().setNamespace("default");
        cluster.getMetadata().setUid("uid-lasting");
        cluster.getMetadata().setGeneration(1L);
        ReconcileSettings settings = ReconcileSettings.defaults();
        SteppingClock clock = new SteppingClock(Instant.now());
        ClusterInfrastructure infrastructure = infrastructure(management.client, clock, settings);
        AwsSession session = aws.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
        ClusterStatus status = new ClusterStatus();
        ClusterInputs inputs = inputs(infrastructure, cluster, session);
        for (int i = 0; i < 5 && (status.network == null || status.network.convergedFingerprint == null); i++) {
            infrastructure.reconcile(cluster, session, inputs, status, false);
        }
        assertThat(status.network.convergedFingerprint).as("moto's NAT gateways are available at once").isNotNull();
        long plans = planReads(registry);
        Duration taken = ReadShare.lifetimeFor(settings.resync()).minus(settings.readsMustLast());

        clock.advance(taken.minusMillis(1));
        infrastructure.reconcile(cluster, session, inputs, status, false);
        assertThat(planReads(registry)).as("fresh until the next in-flight reconcile is over: taken").isEqualTo(plans);

        clock.advance(Duration.ofMillis(2));
        infrastructure.reconcile(cluster, session, inputs, status, false);
        assertThat(planReads(registry)).as("stale before the next in-flight reconcile is over: planned again")
                .isEqualTo(plans + 1);
        clock.advance(taken.minusMillis(1));
        infrastructure.reconcile(cluster, session, inputs, status, false);
        assertThat(planReads(registry)).as("the new plan is taken").isEqualTo(plans + 1);
        assertThat(settings.readsMustLast()).as("the in-flight interval and a reconcile's margin")
                .isEqualTo(settings.inFlight().plus(ReconcileSettings.RECONCILE_MARGIN));
    }

    private static ClusterInfrastructure infrastructure(KubernetesClient client, SteppingClock clock, ReconcileSettings settings) {
        return new ClusterInfrastructure(new SimpleMeterRegistry(), new EventRecorder(client, clock), clock, settings, POOL,
                Optional.empty());
    }

    private static ClusterInputs inputs(ClusterInfrastructure infrastructure, Cluster cluster, AwsSession session) {
        String account = session.accountId();
        return new ClusterInputs(account, AwsPartition.of(cluster.getSpec().region), infrastructure.storeLayout(cluster, account),
                ClusterRoles.inUse(cluster), Map.of()).withBootstrapContentPending();
    }

    private static long planReads(MeterRegistry registry) {
        return CallCounts.byOperation(registry).getOrDefault(PLAN_READ, 0L);
    }
}
