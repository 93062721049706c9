package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Nodes of a workload cluster, watched through the client the connector made, against the test API server. */
class NodeWatchesTest {
    private static final String CLUSTER = "default/demo";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final NodeWatches watches = new NodeWatches();
    private final List<NodeWatches.Change> heard = new CopyOnWriteArrayList<>();
    private KubeApiServer api;
    private KubernetesClient early;

    @AfterEach
    void close() {
        watches.close();
        if (early != null) {
            early.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aNodeJoiningTurningNotReadyAndLeavingIsHeardForItsCluster() {
        api = KubeApiServer.start();
        watches.subscribe(heard::add);
        watches.connected(CLUSTER, api.client());
        assertThat(watches.watched()).containsExactly(CLUSTER);

        api.client().nodes().resource(node("ip-10-0-0-1.ec2.internal", true)).create();
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(c -> c.cluster().equals(CLUSTER)));

        heard.clear();
        api.client().nodes().resource(node("ip-10-0-0-1.ec2.internal", false)).updateStatus();
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(c -> c.cluster().equals(CLUSTER)));

        heard.clear();
        api.client().nodes().withName("ip-10-0-0-1.ec2.internal").delete();
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(c -> c.cluster().equals(CLUSTER)));
    }

    @Test
    void aPodOfANodeBeingDrainedGoneIsHeardAtOnceByTheNodesGroupAndOnlyThatNodesPods() {
        api = KubeApiServer.start();
        watches.subscribe(heard::add);
        KubernetesClient client = api.client();
        client.pods().inNamespace("default").resource(pod("web-a", "ip-10-0-0-6.ec2.internal")).create();
        client.pods().inNamespace("default").resource(pod("web-b", "ip-10-0-0-7.ec2.internal")).create();
        watches.watchPodsOf(CLUSTER, client, "ip-10-0-0-6.ec2.internal", "nodes");
        assertThat(watches.watchesPodsOf(CLUSTER, "ip-10-0-0-6.ec2.internal")).isTrue();

        // in the order of one watch stream, heard on one thread: the other node's pod would be heard first
        client.pods().inNamespace("default").withName("web-b").delete();
        client.pods().inNamespace("default").withName("web-a").delete();
        await().atMost(WAIT).until(() -> !heard.isEmpty());
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).cluster()).isEqualTo(CLUSTER);
        assertThat(heard.get(0).concerns("nodes")).isTrue();
        assertThat(heard.get(0).concerns("control-plane-us-east-1a")).isFalse();

        watches.forgetPodsOf(CLUSTER, "ip-10-0-0-6.ec2.internal");
        assertThat(watches.watchesPodsOf(CLUSTER, "ip-10-0-0-6.ec2.internal")).isFalse();
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String nodeName) {
        return new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .endMetadata().withNewSpec().withNodeName(nodeName).addNewContainer().withName("web")
                .withImage("example.invalid/web:1").endContainer().endSpec().build();
    }

    @Test
    void aChangeNamesTheGroupOfItsNodeOrEveryGroupForANodeOfNone() {
        api = KubeApiServer.start();
        watches.subscribe(heard::add);
        watches.connected(CLUSTER, api.client());
        api.client().nodes().resource(new NodeBuilder(node("ip-10-0-0-4.ec2.internal", true)).editMetadata()
                .addToLabels(NodeWatches.INSTANCE_GROUP_LABEL, "nodes").endMetadata().build()).create();
        await().atMost(WAIT).until(() -> !heard.isEmpty());
        assertThat(heard.get(0).concerns("nodes")).isTrue();
        assertThat(heard.get(0).concerns("control-plane-us-east-1a")).isFalse();

        heard.clear();
        api.client().nodes().resource(node("ip-10-0-0-5.ec2.internal", true)).create();
        await().atMost(WAIT).until(() -> !heard.isEmpty());
        assertThat(heard.get(0).concerns("control-plane-us-east-1a")).isTrue();
    }

    @Test
    void aChangeAfterAQuietSpellIsHeardAtOnceAndTheChangesFollowingItAreGathered() {
        api = KubeApiServer.start();
        watches.subscribe(heard::add);
        watches.connected(CLUSTER, api.client());
        for (String[] node : new String[][]{{"ip-10-0-0-8.ec2.internal", "control-plane-us-east-1a"},
                {"ip-10-0-0-9.ec2.internal", "nodes"}, {"ip-10-0-0-10.ec2.internal", "nodes"}}) {
            api.client().nodes().resource(new NodeBuilder(node(node[0], true)).editMetadata()
                    .addToLabels(NodeWatches.INSTANCE_GROUP_LABEL, node[1]).endMetadata().build()).create();
        }
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(c -> c.concerns("nodes")));
        // the first is heard alone, not held back to be heard with those that followed it
        assertThat(heard.get(0).groups()).contains(java.util.Set.of("control-plane-us-east-1a"));
    }

    @Test
    void anApiThatDoesNotAnswerYetIsWatchedOnceItDoes() throws IOException {
        int port = freePort();
        early = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + port).withRequestRetryBackoffLimit(0).build()).build();
        watches.subscribe(heard::add);
        watches.connected(CLUSTER, early);

        api = KubeApiServer.start(port);
        api.client().nodes().resource(node("ip-10-0-0-2.ec2.internal", true)).create();
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(c -> c.cluster().equals(CLUSTER)));
    }

    @Test
    void aDisconnectedClusterIsNoLongerWatched() {
        api = KubeApiServer.start();
        watches.subscribe(heard::add);
        watches.connected(CLUSTER, api.client());
        watches.disconnected(CLUSTER);
        assertThat(watches.watched()).isEmpty();
    }

    @Test
    void heartbeatsAreNotChangesThatMatter() {
        Node before = node("ip-10-0-0-3.ec2.internal", true);
        Node after = new NodeBuilder(before).editMetadata().withResourceVersion("42").endMetadata().editStatus()
                .editFirstCondition().withLastHeartbeatTime("2026-11-30T23:00:00Z").endCondition().endStatus().build();
        assertThat(NodeWatches.signature(after)).isEqualTo(NodeWatches.signature(before));
        Node cordoned = new NodeBuilder(before).editSpec().withUnschedulable(true).endSpec().build();
        assertThat(NodeWatches.signature(cordoned)).isNotEqualTo(NodeWatches.signature(before));
        Node marked = new NodeBuilder(before).editMetadata().addToAnnotations(NodeWatches.NEEDS_UPDATE_ANNOTATION, "")
                .endMetadata().build();
        assertThat(NodeWatches.signature(marked)).isNotEqualTo(NodeWatches.signature(before));
    }

    private static Node node(String name, boolean ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/i-0123456789abcdef0").endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withLastHeartbeatTime("2026-11-30T22:00:00Z").endCondition().endStatus().build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
