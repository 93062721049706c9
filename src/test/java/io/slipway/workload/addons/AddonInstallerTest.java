package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.slipway.api.AddonStatus;
import io.slipway.api.Cluster;
import io.slipway.model.TestClusters;
import io.slipway.testing.charts.ChartRepository;
import io.slipway.testing.charts.UpstreamLikeCharts;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The addons applied to a workload cluster (the embedded Kubernetes API, which emulates server-side apply), from
 * small charts named and versioned like the channel's, served by a chart repository on 127.0.0.1.
 */
class AddonInstallerTest {
    private static final String NS = "kube-system";
    private static final AddonChannel CHANNEL = AddonChannel.load();

    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();

    @TempDir
    Path tmp;
    private ChartRepository repository;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        api.reset();
        repository = ChartRepository.start(tmp.resolve("repo"));
        repository.publish(UpstreamLikeCharts.forChannel(CHANNEL));
        cluster = TestClusters.threeZonePrivate("team-a", "prod");
        cluster.getSpec().region = "eu-west-1";
        cluster.getSpec().podCIDR = "100.100.0.0/16";
    }

    @AfterEach
    void stopRepository() {
        repository.close();
    }

    @Test
    void appliesTheCniTheCloudControllerManagerAndTheEbsCsiDriverWithTheClustersValues() {
        AddonsResult result = installer(CHANNEL).apply(client, cluster);

        assertThat(result.addons()).allSatisfy(a -> assertThat(a.applied()).as(a.name() + ": " + a.message()).isTrue());
        assertThat(result.addons()).extracting(AddonResult::name)
                .containsExactly("cilium", "aws-cloud-controller-manager", "aws-ebs-csi-driver");

        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("ciliumnodes.cilium.io").get())
                .as("the CRD of the chart's crds/ folder").isNotNull();
        DaemonSet cilium = client.apps().daemonSets().inNamespace(NS).withName("cilium").get();
        assertThat(cilium.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("quay.io/cilium/cilium:v" + pin("cilium"));
        assertThat(cilium.getMetadata().getLabels())
                .containsEntry(AddonLabels.ADDON, "cilium").containsEntry(AddonLabels.VERSION, pin("cilium"));
        assertThat(client.apps().deployments().inNamespace(NS).withName("cilium-operator").get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(NS).withName("cilium").get()).isNotNull();
        ConfigMap ciliumConfig = client.configMaps().inNamespace(NS).withName("cilium-config").get();
        assertThat(ciliumConfig.getData())
                .containsEntry("cluster-pool-ipv4-cidr", "100.100.0.0/16")
                .containsEntry("routing-mode", "tunnel");

        DaemonSet ccm = client.apps().daemonSets().inNamespace(NS).withName("aws-cloud-controller-manager").get();
        assertThat(ccm.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--cloud-provider=aws", "--cluster-name=prod", "--configure-cloud-routes=false");
        assertThat(ccm.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsOnlyKeys("node-role.kubernetes.io/control-plane");
        assertThat(client.rbac().clusterRoles().withName("system:cloud-controller-manager").get().getMetadata().getLabels())
                .containsEntry(AddonLabels.ADDON, "aws-cloud-controller-manager");

        Deployment ebs = client.apps().deployments().inNamespace(NS).withName("ebs-csi-controller").get();
        var plugin = ebs.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(plugin.getArgs()).containsExactly("--k8s-tag-cluster-id=prod");
        assertThat(plugin.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("AWS_REGION");
            assertThat(env.getValue()).isEqualTo("eu-west-1");
        });
        assertThat(client.apps().daemonSets().inNamespace(NS).withName("ebs-csi-node").get()).isNotNull();

        List<AddonStatus> status = AddonStatuses.of(result);
        assertThat(status).extracting(s -> s.name + " " + s.chart + " " + s.version + " " + s.applied).containsExactly(
                "cilium https://helm.cilium.io/cilium " + pin("cilium") + " true",
                "aws-cloud-controller-manager https://kubernetes.github.io/cloud-provider-aws/aws-cloud-controller-manager "
                        + pin("aws-cloud-controller-manager") + " true",
                "aws-ebs-csi-driver https://kubernetes-sigs.github.io/aws-ebs-csi-driver/aws-ebs-csi-driver "
                        + pin("aws-ebs-csi-driver") + " true");
        assertThat(status.get(0).message).isEqualTo("5 objects applied");
    }

    @Test
    void aManualEditInTheWorkloadClusterIsPutBackByTheNextApply() {
        AddonInstaller installer = installer(CHANNEL);
        installer.apply(client, cluster);
        client.apps().daemonSets().inNamespace(NS).withName("cilium").patch(PatchContext.of(PatchType.JSON_MERGE), """
                {"spec": {"template": {"spec": {"containers": [{"name": "cilium", "image": "example.com/edited:1"}]}}}}
                """);
        client.configMaps().inNamespace(NS).withName("cilium-config").patch(PatchContext.of(PatchType.JSON_MERGE), """
                {"data": {"cluster-pool-ipv4-cidr": "10.0.0.0/8"}}
                """);
        assertThat(image("cilium")).as("the edit took").isEqualTo("example.com/edited:1");
        int requestsBefore = repository.requests();

        AddonsResult again = installer.apply(client, cluster);

        assertThat(again.allApplied()).isTrue();
        assertThat(image("cilium")).isEqualTo("quay.io/cilium/cilium:v" + pin("cilium"));
        assertThat(client.configMaps().inNamespace(NS).withName("cilium-config").get().getData())
                .containsEntry("cluster-pool-ipv4-cidr", "100.100.0.0/16");
        assertThat(repository.requests()).as("pinned charts come from the cache").isEqualTo(requestsBefore);
    }

    @Test
    void aChangedPinAppliesTheNewVersionAndRemovesWhatOnlyTheOldOneHad() {
        installer(CHANNEL).apply(client, cluster);
        assertThat(client.apps().deployments().inNamespace(NS).withName("cilium-operator").get()).isNotNull();
        repository.publish(UpstreamLikeCharts.cilium("1.18.1").withoutTemplate("operator.yaml"));
        AddonChannel repinned = withPin(CHANNEL, "cilium", "1.18.1");

        AddonsResult result = installer(repinned).apply(client, cluster);

        AddonResult cilium = result.addon("cilium").orElseThrow();
        assertThat(cilium.applied()).as(cilium.message()).isTrue();
        assertThat(cilium.version()).isEqualTo("1.18.1");
        assertThat(cilium.message()).isEqualTo("4 objects applied, 1 of an older version removed");
        assertThat(image("cilium")).isEqualTo("quay.io/cilium/cilium:v1.18.1");
        assertThat(client.apps().daemonSets().inNamespace(NS).withName("cilium").get().getMetadata().getLabels())
                .containsEntry(AddonLabels.VERSION, "1.18.1");
        assertThat(client.apps().deployments().inNamespace(NS).withName("cilium-operator").get())
                .as("dropped by the new version").isNull();
        assertThat(client.apps().deployments().inNamespace(NS).withName("ebs-csi-controller").get())
                .as("another addon's objects stay").isNotNull();
        assertThat(AddonStatuses.of(result).get(0).version).isEqualTo("1.18.1");
        assertThat(client.configMaps().inNamespace(NS).withName("slipway-addon-cilium").get().getData())
                .containsEntry("version", "1.18.1");

        AddonsResult steady = installer(repinned).apply(client, cluster);
        assertThat(steady.addon("cilium").orElseThrow().message()).isEqualTo("4 objects applied");
    }

    @Test
    void aCrdTheNewVersionDropsIsKeptWithItsCustomResources() {
        installer(CHANNEL).apply(client, cluster);
        repository.publish(UpstreamLikeCharts.cilium("1.18.1").withoutCrds());

        AddonResult cilium = installer(withPin(CHANNEL, "cilium", "1.18.1")).apply(client, cluster)
                .addon("cilium").orElseThrow();

        assertThat(cilium.message()).isEqualTo("4 objects applied");
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("ciliumnodes.cilium.io").get())
                .isNotNull();
    }

    @Test
    void anObjectOfTheOldVersionThatSomeoneElseNowOwnsIsNotRemoved() {
        installer(CHANNEL).apply(client, cluster);
        client.apps().deployments().inNamespace(NS).withName("cilium-operator").edit(d -> {
            d.getMetadata().getLabels().remove(AddonLabels.ADDON);
            return d;
        });
        repository.publish(UpstreamLikeCharts.cilium("1.18.1").withoutTemplate("operator.yaml"));

        AddonsResult result = installer(withPin(CHANNEL, "cilium", "1.18.1")).apply(client, cluster);

        assertThat(result.addon("cilium").orElseThrow().message()).isEqualTo("4 objects applied");
        assertThat(client.apps().deployments().inNamespace(NS).withName("cilium-operator").get()).isNotNull();
    }

    @Test
    void whatAFailedApplyOfANewVersionCreatedIsStillRemovedByALaterApplyOfAnotherVersion() {
        installer(CHANNEL).apply(client, cluster);
        repository.publish(UpstreamLikeCharts.cilium("1.18.1")
                .withTemplate("extra.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: cilium-extra
                          namespace: {{ .Release.Namespace }}
                        """)
                .withTemplate("widget.yaml", """
                        apiVersion: example.com/v1
                        kind: Widget
                        metadata:
                          name: w
                        """));

        AddonResult failed = installer(withPin(CHANNEL, "cilium", "1.18.1")).apply(client, cluster)
                .addon("cilium").orElseThrow();

        assertThat(failed.applied()).isFalse();
        assertThat(failed.message()).isEqualTo("1 of 7 objects not applied: Widget w: the workload cluster does not "
                + "serve example.com/v1 Widget");
        assertThat(client.configMaps().inNamespace(NS).withName("cilium-extra").get()).as("applied before").isNotNull();
        assertThat(client.apps().deployments().inNamespace(NS).withName("cilium-operator").get()).isNotNull();

        AddonResult back = installer(CHANNEL).apply(client, cluster).addon("cilium").orElseThrow();

        assertThat(back.message()).isEqualTo("5 objects applied, 1 of an older version removed");
        assertThat(client.configMaps().inNamespace(NS).withName("cilium-extra").get()).isNull();
        assertThat(image("cilium")).isEqualTo("quay.io/cilium/cilium:v" + pin("cilium"));
    }

    @Test
    void anUnreachableRepositoryFailsThatAddonWithAClearMessageAndTheOthersStillApply() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String cilium = CHANNEL.find("cilium").orElseThrow().repository();
        String ccm = CHANNEL.find("aws-cloud-controller-manager").orElseThrow().repository();
        String ebs = CHANNEL.find("aws-ebs-csi-driver").orElseThrow().repository();
        RepositoryOverride override = RepositoryOverride.parse(cilium + "=http://127.0.0.1:" + closedPort + "/,"
                + ccm + "=" + repository.url() + "," + ebs + "=" + repository.url());

        AddonsResult result = new AddonInstaller(CHANNEL, new AddonSettings(override, tmp.resolve("cache"))).apply(client, cluster);

        AddonResult failed = result.addon("cilium").orElseThrow();
        assertThat(failed.applied()).isFalse();
        assertThat(failed.message()).isEqualTo("cannot fetch the index of chart repository http://127.0.0.1:" + closedPort
                + "/: connection to 127.0.0.1:" + closedPort + " refused or unreachable");
        assertThat(failed.version()).isEqualTo(pin("cilium"));
        assertThat(result.addon("aws-cloud-controller-manager").orElseThrow().applied()).isTrue();
        assertThat(result.addon("aws-ebs-csi-driver").orElseThrow().applied()).isTrue();
        assertThat(client.apps().daemonSets().inNamespace(NS).withName("cilium").get()).isNull();
        assertThat(client.apps().deployments().inNamespace(NS).withName("ebs-csi-controller").get()).isNotNull();
        assertThat(AddonStatuses.of(result).get(0).applied).isFalse();
    }

    @Test
    void aVersionTheRepositoryDoesNotHaveIsReported() {
        AddonsResult result = installer(withPin(CHANNEL, "aws-ebs-csi-driver", "9.9.9")).apply(client, cluster);

        assertThat(result.addon("aws-ebs-csi-driver").orElseThrow().message()).isEqualTo("chart repository "
                + repository.url() + " has no version 9.9.9 of chart aws-ebs-csi-driver");
        assertThat(result.addon("cilium").orElseThrow().applied()).isTrue();
    }

    @Test
    void aChartThatDoesNotRenderFailsOnlyThatAddon() {
        repository.publish(UpstreamLikeCharts.awsCloudControllerManager("0.0.11")
                .withTemplate("broken.yaml", "{{ required \"needs .Values.missing\" .Values.missing }}"));

        AddonsResult result = installer(withPin(CHANNEL, "aws-cloud-controller-manager", "0.0.11")).apply(client, cluster);

        AddonResult ccm = result.addon("aws-cloud-controller-manager").orElseThrow();
        assertThat(ccm.applied()).isFalse();
        assertThat(ccm.message()).startsWith("helm template of aws-cloud-controller-manager failed:")
                .contains("needs .Values.missing");
        assertThat(result.addon("cilium").orElseThrow().applied()).isTrue();
        assertThat(result.addon("aws-ebs-csi-driver").orElseThrow().applied()).isTrue();
    }

    @Test
    void aClusterBringingItsOwnCniGetsNoCilium() {
        cluster.getSpec().networking = new io.slipway.api.NetworkingSpec();
        cluster.getSpec().networking.cni = new io.slipway.api.CniOptions();

        AddonsResult result = installer(CHANNEL).apply(client, cluster);

        assertThat(result.addons()).extracting(AddonResult::name)
                .containsExactly("aws-cloud-controller-manager", "aws-ebs-csi-driver");
        assertThat(client.apps().daemonSets().inNamespace(NS).withName("cilium").get()).isNull();
    }

    private AddonInstaller installer(AddonChannel channel) {
        return new AddonInstaller(channel, new AddonSettings(RepositoryOverride.all(repository.url()), tmp.resolve("cache")));
    }

    private static String image(String daemonSet) {
        return client.apps().daemonSets().inNamespace(NS).withName(daemonSet).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static String pin(String addon) {
        return CHANNEL.find(addon).orElseThrow().version();
    }

    private static AddonChannel withPin(AddonChannel channel, String name, String version) {
        return new AddonChannel(channel.addons().stream()
                .map(a -> a.name().equals(name)
                        ? new ChannelAddon(a.name(), a.cni(), a.repository(), a.chart(), version, a.namespace(), a.values())
                        : a)
                .toList());
    }

}
