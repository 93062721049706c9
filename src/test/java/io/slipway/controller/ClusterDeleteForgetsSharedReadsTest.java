package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.ReadShare;
import io.slipway.model.Owners;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reads a cluster's reconciles share are kept by the operator's AWS session while the Cluster exists, and dropped
 * once its delete is complete (a session outlives its clusters: it is one per identity and region).
 */
class ClusterDeleteForgetsSharedReadsTest {
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void theSharedReadsOfADeletedClusterAreDropped() {
        MotoServer.get().reset();
        try (OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, TestReconcilers.FAST))) {
            Cluster cluster = harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertThat(get(harness).getStatus().plan).as("the Cluster has planned").isNotNull());
            AwsSession session = harness.aws.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
            String id = Owners.cluster(cluster).id();
            ReadShare kept = session.reads(id, ReadShare.DEFAULT_LIFETIME);
            assertThat(session.reads(id, ReadShare.DEFAULT_LIFETIME)).as("one share while the Cluster lives").isSameAs(kept);

            harness.client.resource(cluster).delete();
            await().atMost(WAIT).untilAsserted(() -> assertThat(get(harness)).isNull());

            assertThat(session.reads(id, ReadShare.DEFAULT_LIFETIME)).as("the deleted Cluster's share was dropped")
                    .isNotSameAs(kept);
        }
    }

    private static Cluster get(OperatorHarness harness) {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get();
    }
}
