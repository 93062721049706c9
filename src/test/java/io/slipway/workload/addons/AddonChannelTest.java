package io.slipway.workload.addons;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.api.Cluster;
import io.slipway.api.CniOptions;
import io.slipway.api.NetworkingSpec;
import io.slipway.model.TestClusters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped channel file and the per-cluster values, without any server. */
class AddonChannelTest {
    private static final String EXACT_VERSION = "\\d+\\.\\d+\\.\\d+";

    @Test
    void theShippedChannelPinsEveryAddonToAnExactChartVersion() {
        AddonChannel channel = AddonChannel.load();

        assertThat(channel.addons()).extracting(ChannelAddon::name)
                .containsExactly("cilium", "aws-cloud-controller-manager", "aws-ebs-csi-driver");
        assertThat(channel.addons()).allSatisfy(addon -> {
            assertThat(addon.repository()).as(addon.name()).startsWith("https://");
            assertThat(addon.chart()).as(addon.name()).isNotBlank();
            assertThat(addon.version()).as(addon.name() + ": a pin, not a range").matches(EXACT_VERSION);
            assertThat(addon.namespace()).as(addon.name()).isEqualTo("kube-system");
        });
        assertThat(channel.find("cilium").orElseThrow().chartReference()).isEqualTo("https://helm.cilium.io/cilium");
        assertThat(channel.find("aws-ebs-csi-driver").orElseThrow().chartReference())
                .isEqualTo("https://kubernetes-sigs.github.io/aws-ebs-csi-driver/aws-ebs-csi-driver");
    }

    @Test
    void everyPlaceholderOfTheShippedValuesIsReplacedWithTheClustersValues() {
        Cluster cluster = TestClusters.threeZonePrivate("team-a", "prod");
        cluster.getSpec().podCIDR = "100.100.0.0/16";
        cluster.getSpec().region = "eu-west-1";
        ClusterValues values = ClusterValues.of(cluster);

        for (ChannelAddon addon : AddonChannel.load().addons()) {
            assertThat(values.render(addon.values()).toString()).as(addon.name()).doesNotContain("${");
        }
        AddonChannel channel = AddonChannel.load();
        assertThat(values.render(channel.find("cilium").orElseThrow().values())
                .at("/ipam/operator/clusterPoolIPv4PodCIDRList/0").asText()).isEqualTo("100.100.0.0/16");
        JsonNode ccm = values.render(channel.find("aws-cloud-controller-manager").orElseThrow().values());
        assertThat(ccm.path("args").toString()).contains("\"--cluster-name=prod\"");
        JsonNode ebs = values.render(channel.find("aws-ebs-csi-driver").orElseThrow().values());
        assertThat(ebs.at("/controller/region").asText()).isEqualTo("eu-west-1");
        assertThat(ebs.at("/controller/k8sTagClusterId").asText()).isEqualTo("prod");
    }

    @Test
    void aClusterWithoutPodCidrGetsTheDefault() {
        Cluster cluster = TestClusters.threeZonePrivate("default", "demo");
        JsonNode rendered = ClusterValues.of(cluster).render(AddonChannel.parse("""
                addons:
                  - {name: x, repository: https://r, chart: x, version: 1.0.0, namespace: kube-system,
                     values: {cidr: "${cluster.podCIDR}", version: "k8s ${cluster.kubernetesVersion}"}}
                """).addons().get(0).values());
        assertThat(rendered.path("cidr").asText()).isEqualTo("100.96.0.0/11");
        assertThat(rendered.path("version").asText()).isEqualTo("k8s 1.31.4");
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        ChannelAddon addon = AddonChannel.parse("""
                addons:
                  - {name: x, repository: https://r, chart: x, version: 1.0.0, namespace: kube-system,
                     values: {a: "${cluster.zone}"}}
                """).addons().get(0);
        ClusterValues values = ClusterValues.of(TestClusters.threeZonePrivate("default", "demo"));
        assertThatThrownBy(() -> values.render(addon.values()))
                .hasMessageContaining("unknown placeholder ${cluster.zone}");
    }

    @Test
    void anAddonWithoutVersionOrWithADuplicateNameIsRefused() {
        assertThatThrownBy(() -> AddonChannel.parse("""
                addons:
                  - {name: x, repository: https://r, chart: x, namespace: kube-system}
                """)).hasMessage("addons[0].version: required");
        assertThatThrownBy(() -> AddonChannel.parse("""
                addons:
                  - {name: x, repository: https://r, chart: x, version: 1.0.0, namespace: kube-system}
                  - {name: x, repository: https://r, chart: y, version: 1.0.0, namespace: kube-system}
                """)).hasMessage("addons[1]: duplicate addon name x");
    }

    @Test
    void theCniAddonFollowsSpecNetworking() {
        AddonChannel channel = AddonChannel.load();
        assertThat(channel.forCni(NetworkingSpec.Cni.CILIUM)).extracting(ChannelAddon::name)
                .containsExactly("cilium", "aws-cloud-controller-manager", "aws-ebs-csi-driver");
        assertThat(channel.forCni(NetworkingSpec.Cni.NONE)).extracting(ChannelAddon::name)
                .containsExactly("aws-cloud-controller-manager", "aws-ebs-csi-driver");
        assertThat(channel.hasCni(NetworkingSpec.Cni.NONE)).isTrue();
        assertThat(channel.hasCni(NetworkingSpec.Cni.CALICO)).isFalse();

        NetworkingSpec byo = new NetworkingSpec();
        byo.cni = new CniOptions();
        assertThat(byo.selected()).isEqualTo(NetworkingSpec.Cni.NONE);
    }

    @Test
    void repositoryOverrideMapsAllOrSomeRepositories() {
        assertThat(RepositoryOverride.parse("http://127.0.0.1:8879").resolve("https://helm.cilium.io/"))
                .isEqualTo("http://127.0.0.1:8879/");
        RepositoryOverride some = RepositoryOverride.parse("https://helm.cilium.io=http://127.0.0.1:1/cilium");
        assertThat(some.resolve("https://helm.cilium.io/")).isEqualTo("http://127.0.0.1:1/cilium/");
        assertThat(some.resolve("https://kubernetes.github.io/cloud-provider-aws"))
                .isEqualTo("https://kubernetes.github.io/cloud-provider-aws/");
        assertThat(RepositoryOverride.parse("  ").resolve("https://helm.cilium.io")).isEqualTo("https://helm.cilium.io/");
        assertThatThrownBy(() -> RepositoryOverride.parse("a=b,=c")).hasMessageContaining("upstream=local");
    }

    @Test
    void aVersionBecomesAValidLabelValue() {
        assertThat(AddonApplier.labelValue("1.18.0")).isEqualTo("1.18.0");
        assertThat(AddonApplier.labelValue("1.2.3+build.7")).isEqualTo("1.2.3_build.7");
    }
}
