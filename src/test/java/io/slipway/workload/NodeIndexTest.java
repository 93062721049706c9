package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeIndexTest {
    @Test
    void readsTheInstanceIdAndZoneOfAnAwsProviderId() {
        assertThat(ProviderId.parse("aws:///us-east-1a/i-0123456789abcdef0"))
                .contains(new ProviderId("us-east-1a", "i-0123456789abcdef0"));
        assertThat(ProviderId.parse("aws:////i-0abc")).contains(new ProviderId("", "i-0abc"));
        assertThat(ProviderId.parse("gce://project/zone/name")).isEmpty();
        assertThat(ProviderId.parse("aws:///us-east-1a/")).isEmpty();
        assertThat(ProviderId.parse(null)).isEmpty();
    }

    @Test
    void findsNodesByInstanceIdAndSaysWhichAreReady() {
        Node ready = node("ip-10-0-0-1.ec2.internal", "aws:///us-east-1a/i-1", "True");
        Node notReady = node("ip-10-0-0-2.ec2.internal", "aws:///us-east-1b/i-2", "False");
        Node noProvider = node("laptop", null, "True");

        NodeIndex index = new NodeIndex(List.of(ready, notReady, noProvider));

        assertThat(index.node("i-1")).contains(ready);
        assertThat(index.node("i-2")).contains(notReady);
        assertThat(index.node("i-3")).isEmpty();
        assertThat(NodeIndex.isReady(ready)).isTrue();
        assertThat(NodeIndex.isReady(notReady)).isFalse();
        assertThat(NodeIndex.isReady(new NodeBuilder().withNewMetadata().withName("new").endMetadata().build())).isFalse();
    }

    private static Node node(String name, String providerId, String ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withProviderID(providerId).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus().build();
    }
}
