package io.slipway.workload.etcd;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.aws.AwsClientFactory;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.TestWorkload;
import io.slipway.testing.workload.WorkloadSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The etcd member removal against the simulated control plane, which runs the removal Jobs and keeps the member list. */
@ExtendWith(MotoExtension.class)
class EtcdMemberRemovalTest {
    private static final String NS = "default";
    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T16:00:00Z"));
    private final EtcdMemberRemoval removal = new EtcdMemberRemoval();
    private WorkloadSimulator simulator;
    private SimulatedCluster workload;
    private KubernetesClient client;
    private List<String> controlPlane;

    @BeforeEach
    void threeControlPlaneNodes(TestInfo test, AwsClientFactory aws) {
        TestWorkload cluster = TestWorkload.create(management, test, aws, Duration.ZERO, clock);
        simulator = cluster.simulator;
        workload = cluster.serve();
        client = workload.client();
        for (String zone : List.of("a", "b", "c")) {
            cluster.instances.launch("control-plane-us-east-1" + zone, true, "us-east-1" + zone);
        }
        simulator.syncNow();
        controlPlane = client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        assertThat(workload.etcdMembers()).containsExactlyInAnyOrderElementsOf(controlPlane);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void removesTheMemberWithAJobOnAnotherControlPlaneNodeAndIsIdempotent() {
        String leaving = controlPlane.get(0);

        EtcdRemovalProgress started = removal.remove(client, leaving);

        assertThat(started.state()).isEqualTo(EtcdRemovalProgress.State.IN_PROGRESS);
        Job job = client.batch().v1().jobs().inNamespace("kube-system").withName(EtcdRemovalJob.name(leaving)).get();
        String runner = job.getSpec().getTemplate().getSpec().getNodeName();
        assertThat(runner).isIn(controlPlane).isNotEqualTo(leaving);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the image of the runner's own etcd").startsWith("registry.k8s.io/etcd:");
        assertThat(removal.remove(client, leaving).state()).as("not run yet").isEqualTo(EtcdRemovalProgress.State.IN_PROGRESS);
        assertThat(client.batch().v1().jobs().inNamespace("kube-system").list().getItems()).hasSize(1);

        simulator.syncNow();

        assertThat(removal.remove(client, leaving)).isEqualTo(EtcdRemovalProgress.done());
        assertThat(workload.etcdMembers()).containsExactlyInAnyOrderElementsOf(controlPlane.subList(1, 3));
        assertThat(workload.etcdRemovals()).singleElement().satisfies(r -> {
            assertThat(r.member()).isEqualTo(leaving);
            assertThat(r.ranOn()).isEqualTo(runner);
            assertThat(r.wasMember()).isTrue();
        });

        clock.advance(Duration.ofHours(1));
        simulator.syncNow();
        assertThat(client.batch().v1().jobs().inNamespace("kube-system").list().getItems()).as("deleted after its TTL").isEmpty();

        assertThat(removal.remove(client, leaving).state()).isEqualTo(EtcdRemovalProgress.State.IN_PROGRESS);
        simulator.syncNow();
        assertThat(removal.remove(client, leaving)).isEqualTo(EtcdRemovalProgress.done());
        assertThat(workload.etcdRemovals()).hasSize(2).last().satisfies(r -> assertThat(r.wasMember()).isFalse());
        assertThat(workload.etcdMembers()).hasSize(2);
    }

    @Test
    void aFailedJobIsReportedWithItsReason() {
        workload.failEtcdRemovals(true);
        String leaving = controlPlane.get(1);

        removal.remove(client, leaving);
        simulator.syncNow();
        EtcdRemovalProgress failed = removal.remove(client, leaving);

        assertThat(failed.state()).isEqualTo(EtcdRemovalProgress.State.FAILED);
        assertThat(failed.message()).contains("BackoffLimitExceeded").contains(EtcdRemovalJob.name(leaving));
        assertThat(workload.etcdMembers()).contains(leaving);
    }

    @Test
    void waitsWhileNoOtherControlPlaneNodeIsReady() {
        workload.makeNodeNotReady(controlPlane.get(1));
        workload.makeNodeNotReady(controlPlane.get(2));
        simulator.syncNow();

        EtcdRemovalProgress progress = removal.remove(client, controlPlane.get(0));

        assertThat(progress.state()).isEqualTo(EtcdRemovalProgress.State.IN_PROGRESS);
        assertThat(progress.message()).contains("another Ready control-plane node");
        assertThat(client.batch().v1().jobs().inNamespace("kube-system").list().getItems()).isEmpty();
    }
}
