package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import io.slipway.model.ClusterInputs;
import io.slipway.testing.CallCounts;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.ManagementCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plan read ahead of a Cluster's first applying reconcile (while its status.applied is written) is what that
 * reconcile applies, without reading AWS again, unless something was written for the cluster since its reads began
 * or the desired graph changed. DescribeInternetGateways is read once per plan of the Cluster's graph.
 */
@ExtendWith(MotoExtension.class)
class ClusterPlansAheadTest {
    private static final String PLAN_READ = "ec2:DescribeInternetGateways";
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(60);

    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    @Test
    void theApplyingReconcileTakesThePlanReadAhead(AwsClientFactory aws, MeterRegistry registry) {
        Cluster cluster = cluster("ahead");
        AwsSession session = aws.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
        ClusterInfrastructure infrastructure = infrastructure(management.client);

        infrastructure.planAhead(cluster, () -> session, s -> inputs(infrastructure, cluster, s));
        ClusterStatus status = new ClusterStatus();
        ClusterInfrastructure.Outcome outcome = infrastructure.reconcile(cluster, session, inputs(infrastructure, cluster, session), status, false);

        assertThat(status.plan.applied).isTrue();
        assertThat(status.lastAppliedPlan.changesApplied).as(outcome.toString()).isPositive();
        assertThat(planReads(registry)).as("the plan read ahead was applied, not read again").isEqualTo(1);
    }

    @Test
    void aWriteSinceItsReadsBeganOrAnotherDesiredGraphMakesTheReconcilePlanAgain(AwsClientFactory aws, MeterRegistry registry) {
        Cluster cluster = cluster("written");
        AwsSession session = aws.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
        ClusterInfrastructure infrastructure = infrastructure(management.client);

        infrastructure.planAhead(cluster, () -> session, s -> inputs(infrastructure, cluster, s));
        await().atMost(WAIT).until(() -> planReads(registry) == 1); // its reads have begun
        ClusterReads.of(session, cluster, ReconcileSettings.defaults()).invalidate(); // someone wrote for the cluster
        infrastructure.reconcile(cluster, session, inputs(infrastructure, cluster, session), new ClusterStatus(), false);
        assertThat(planReads(registry)).as("read ahead, then again").isEqualTo(2);

        Cluster other = cluster("other");
        AwsSession otherSession = aws.session(AwsCredentialSource.operatorDefault(), other.getSpec().region);
        infrastructure.planAhead(other, () -> otherSession, s -> inputs(infrastructure, other, s));
        Cluster changed = cluster("other"); // the spec changed meanwhile: another desired graph
        changed.getSpec().networkCIDR = "10.1.0.0/16";
        changed.getSpec().subnets.forEach(subnet -> subnet.cidr = subnet.cidr.replaceFirst("^10\\.0\\.", "10.1."));
        infrastructure.reconcile(changed, otherSession, inputs(infrastructure, changed, otherSession), new ClusterStatus(), false);
        assertThat(planReads(registry)).as("read ahead for the old graph, then for the new one").isEqualTo(4);
    }

    private static Cluster cluster(String name) {
        return DirectInfrastructure.cluster(name);
    }

    private static ClusterInfrastructure infrastructure(KubernetesClient client) {
        return DirectInfrastructure.infrastructure(client, Clock.systemUTC(), ReconcileSettings.defaults());
    }

    private static ClusterInputs inputs(ClusterInfrastructure infrastructure, Cluster cluster, AwsSession session) {
        return DirectInfrastructure.inputs(infrastructure, cluster, session);
    }

    private static long planReads(MeterRegistry registry) {
        return CallCounts.byOperation(registry).getOrDefault(PLAN_READ, 0L);
    }
}
