package io.slipway.workload.drain;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain's choices of pods and its reading of the Eviction API's answers, against the embedded test API (its
 * eviction refuses while a budget's status allows no disruption). Rescheduling and budgets kept up to date by a
 * disruption controller are in {@code NodeDrainerTest}, against the workload simulator.
 */
class NodeDrainerBasicsTest {
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();
    private final NodeDrainer drainer = new NodeDrainer();

    @BeforeEach
    void nodes() {
        api.reset();
        for (String name : new String[] {"n1", "n2"}) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        }
    }

    @Test
    void cordonSetsUnschedulableOnceAndToleratesAGoneNode() {
        drainer.cordon(client, "n1");
        String version = client.nodes().withName("n1").get().getMetadata().getResourceVersion();
        drainer.cordon(client, "n1");
        drainer.cordon(client, "gone");

        assertThat(client.nodes().withName("n1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.nodes().withName("n1").get().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(client.nodes().withName("n2").get().getSpec().getUnschedulable()).isNull();
    }

    @Test
    void evictsOrdinaryAndEmptyDirPodsButLeavesDaemonSetMirrorAndFinishedPods() {
        create(pod("web", "n1").build());
        create(pod("cache", "n1").editSpec().addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume().endSpec().build());
        create(pod("agent", "n1").editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet")
                .withName("agent").withUid("u-1").withController(true).endOwnerReference().endMetadata().build());
        create(pod("etcd-n1", "n1").editMetadata().addToAnnotations("kubernetes.io/config.mirror", "abc").endMetadata().build());
        create(pod("done", "n1").withNewStatus().withPhase("Succeeded").endStatus().build());
        create(pod("elsewhere", "n2").build());

        DrainProgress first = drainer.drainStep(client, "n1");

        assertThat(first.evicted()).isEqualTo(2);
        assertThat(first.refused()).isEmpty();
        assertThat(first.done()).isFalse();
        assertThat(first.remaining()).containsExactlyInAnyOrder("default/web", "default/cache");
        assertThat(names()).containsExactlyInAnyOrder("agent", "etcd-n1", "done", "elsewhere");

        DrainProgress second = drainer.drainStep(client, "n1");
        assertThat(second.done()).isTrue();
        assertThat(second.evicted()).isZero();
        assertThat(second.remaining()).isEmpty();
    }

    @Test
    void aBudgetRefusalIsReportedWithTheApisMessageNotThrown() {
        create(pod("db-0", "n1").editMetadata().addToLabels("app", "db").endMetadata().build());
        client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", "db").endSelector().endSpec()
                .build()).create();

        DrainProgress progress = drainer.drainStep(client, "n1");

        assertThat(progress.done()).isFalse();
        assertThat(progress.evicted()).isZero();
        assertThat(progress.refusedCount()).isEqualTo(1);
        assertThat(progress.remaining()).containsExactly("default/db-0");
        assertThat(progress.refused()).containsExactly(
                "default/db-0: Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(names()).contains("db-0");
    }

    @Test
    void terminatingPodsAreWaitedForOnAReadyNode() {
        create(pod("slow", "n1").editMetadata().addToFinalizers("example.com/hold").endMetadata().build());
        client.pods().inNamespace("default").withName("slow").delete();

        DrainProgress progress = drainer.drainStep(client, "n1");

        assertThat(progress.evicted()).isZero();
        assertThat(progress.remaining()).containsExactly("default/slow");
        assertThat(progress.done()).isFalse();
    }

    private static PodBuilder pod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec();
    }

    private static void create(Pod pod) {
        client.pods().inNamespace("default").resource(pod).create();
    }

    private static java.util.List<String> names() {
        return client.pods().inNamespace("default").list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
    }
}
