package io.slipway.controller;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.ReadShare;
import io.slipway.model.ClusterInputs;
import io.slipway.testing.CallCounts;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.workload.ManagementCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

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

    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    @Test
    void aConvergedPlanThatWouldAgeBeforeTheNextReconcileEndsIsPlannedAgain(AwsClientFactory aws, MeterRegistry registry) {
        Cluster cluster = DirectInfrastructure.cluster("lasting");
        ReconcileSettings settings = ReconcileSettings.defaults();
        SteppingClock clock = new SteppingClock(Instant.now());
        ClusterInfrastructure infrastructure = DirectInfrastructure.infrastructure(management.client, clock, settings);
        AwsSession session = aws.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
        ClusterStatus status = DirectInfrastructure.converge(infrastructure, cluster, session);
        ClusterInputs inputs = DirectInfrastructure.inputs(infrastructure, cluster, session);
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

    private static long planReads(MeterRegistry registry) {
        return CallCounts.byOperation(registry).getOrDefault(PLAN_READ, 0L);
    }
}
