package io.slipway.testing.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.api.Cluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock API's garbage collector: dependents named by ownerReferences go once their owners are removed, as the
 * real kube-controller-manager's do with background propagation, seen through the Fabric8 client and the real
 * kubectl.
 */
class GarbageCollectorTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        kubectl = Kubectl.against(api, dir);
    }

    @BeforeEach
    void cleanSlate() {
        api.reset();
    }

    @Test
    void deletingAnOwnerDeletesItsDependentAndWatchesSeeIt() throws Exception {
        ConfigMap owner = client.resource(configMap("owner")).create();
        client.resource(secret("dependent", owner)).create();
        client.resource(secret("bystander")).create();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch ignored = client.secrets().inNamespace("default").watch(recorder(events))) {
            client.configMaps().withName("owner").delete();

            assertThat(client.secrets().withName("dependent").get()).isNull();
            assertThat(client.secrets().withName("bystander").get()).isNotNull();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("DELETED dependent");
        }
    }

    @Test
    void aDependentWithAnotherOwnerLeftOnlyLosesTheReferenceToTheGoneOne() {
        ConfigMap first = client.resource(configMap("first")).create();
        ConfigMap second = client.resource(configMap("second")).create();
        client.resource(secret("shared", first, second)).create();

        client.configMaps().withName("first").delete();

        Secret shared = client.secrets().withName("shared").get();
        assertThat(shared).isNotNull();
        assertThat(shared.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                .containsExactly(second.getMetadata().getUid());

        client.configMaps().withName("second").delete();
        assertThat(client.secrets().withName("shared").get()).isNull();
    }

    @Test
    void aDependentOfAClusterStaysWhileTheClusterIsMarkedAndGoesWithItsLastFinalizer() {
        GeneratedCrds.install(client);
        Cluster cluster = exampleCluster();
        cluster.getMetadata().setFinalizers(List.of("slipway.io/finalizer"));
        cluster = client.resource(cluster).create();
        client.resource(secret("demo-kubeconfig", cluster)).create();

        client.resources(Cluster.class).withName("demo").delete();

        assertThat(client.resources(Cluster.class).withName("demo").get().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(client.secrets().withName("demo-kubeconfig").get()).isNotNull();

        client.resources(Cluster.class).withName("demo").edit(c -> {
            c.getMetadata().setFinalizers(new ArrayList<>());
            return c;
        });

        assertThat(client.resources(Cluster.class).withName("demo").get()).isNull();
        assertThat(client.secrets().withName("demo-kubeconfig").get()).isNull();
    }

    @Test
    void aChainOfOwnersIsRemovedEntirelyHonouringTheFinalizersOnTheWay() {
        ConfigMap a = client.resource(configMap("a")).create();
        ConfigMap b = configMap("b", a);
        b.getMetadata().setFinalizers(List.of("example.com/hold"));
        b = client.resource(b).create();
        client.resource(secret("c", b)).create();

        client.configMaps().withName("a").delete();

        assertThat(client.configMaps().withName("a").get()).isNull();
        assertThat(client.configMaps().withName("b").get().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(client.secrets().withName("c").get()).isNotNull();

        client.configMaps().withName("b").edit(cm -> {
            cm.getMetadata().setFinalizers(new ArrayList<>());
            return cm;
        });

        assertThat(client.configMaps().withName("b").get()).isNull();
        assertThat(client.secrets().withName("c").get()).isNull();
    }

    @Test
    void aChainWithoutFinalizersGoesWithOneDelete() {
        ConfigMap a = client.resource(configMap("a")).create();
        ConfigMap b = client.resource(configMap("b", a)).create();
        ConfigMap c = client.resource(configMap("c", b)).create();
        client.resource(secret("d", c)).create();

        client.configMaps().withName("a").delete();

        assertThat(client.configMaps().inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("default").list().getItems()).isEmpty();
    }

    @Test
    void aNamespacedOwnerOwnsNothingInAnotherNamespaceButAClusterScopedOwnerOwnsAcrossNamespaces() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("other")
                .endMetadata().build()).create();
        ConfigMap owner = client.resource(configMap("owner")).create();
        Secret elsewhere = secret("elsewhere", owner);
        elsewhere.getMetadata().setNamespace("other");
        client.resource(elsewhere).create();
        ClusterRole role = client.resource(new ClusterRoleBuilder().withNewMetadata().withName("owner-role")
                .endMetadata().build()).create();
        Secret inDefault = secret("role-default", role);
        Secret inOther = secret("role-other", role);
        inOther.getMetadata().setNamespace("other");
        client.resource(inDefault).create();
        client.resource(inOther).create();

        client.configMaps().withName("owner").delete();
        assertThat(client.secrets().inNamespace("other").withName("elsewhere").get()).isNotNull();

        client.rbac().clusterRoles().withName("owner-role").delete();
        assertThat(client.secrets().inNamespace("default").withName("role-default").get()).isNull();
        assertThat(client.secrets().inNamespace("other").withName("role-other").get()).isNull();
    }

    @Test
    void aCollectionDeleteRemovesTheDependentsOfEveryOwnerItRemoves() {
        ConfigMap first = client.resource(configMap("first")).create();
        ConfigMap second = client.resource(configMap("second")).create();
        client.resource(secret("of-first", first)).create();
        client.resource(secret("of-second", second)).create();

        client.configMaps().inNamespace("default").delete();

        assertThat(client.configMaps().inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("default").list().getItems()).isEmpty();
    }

    @Test
    void kubectlDeleteOfAnOwnerAndRemovingAClustersFinalizerLeaveNoDependents() throws Exception {
        kubectl.ok("apply", "-f", GeneratedCrds.file(GeneratedCrds.CLUSTERS).toString());
        kubectl.ok("wait", "--for=condition=established", "--timeout=30s", "crd/clusters.slipway.io");
        // from a file: kubectl's typed generators (kubectl create configmap) send protobuf, which the mock lacks
        Path configMap = Files.writeString(dir.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: owner
                """);
        kubectl.ok("create", "-f", configMap.toString());
        String ownerUid = kubectl.ok("get", "configmap", "owner", "-o", "jsonpath={.metadata.uid}").trim();
        Cluster cluster = exampleCluster();
        cluster.getMetadata().setFinalizers(List.of("slipway.io/finalizer"));
        Path clusterFile = Files.writeString(dir.resolve("cluster.yaml"), Serialization.asYaml(cluster));
        kubectl.ok("create", "-f", clusterFile.toString());
        String clusterUid = kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.metadata.uid}").trim();
        Path secrets = Files.writeString(dir.resolve("secrets.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: of-configmap
                  ownerReferences:
                  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: %s, controller: true, blockOwnerDeletion: false}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: demo-ca
                  ownerReferences:
                  - {apiVersion: slipway.io/v1alpha1, kind: Cluster, name: demo, uid: %s, controller: true, blockOwnerDeletion: false}
                """.formatted(ownerUid, clusterUid));
        kubectl.ok("create", "-f", secrets.toString());

        kubectl.ok("delete", "configmap", "owner");
        assertThat(kubectl.ok("get", "secrets", "-o", "name")).isEqualTo("secret/demo-ca\n");

        kubectl.ok("delete", "slc", "demo", "--wait=false");
        assertThat(kubectl.ok("get", "secrets", "-o", "name")).isEqualTo("secret/demo-ca\n");

        kubectl.ok("patch", "slc", "demo", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(kubectl.ok("get", "slc,secrets", "-o", "name")).isEmpty();
    }

    private static Cluster exampleCluster() {
        return client.resources(Cluster.class).load(Path.of("examples", "cluster.yaml").toFile()).item();
    }

    private static ConfigMap configMap(String name, HasMetadata... owners) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withOwnerReferences(references(owners)).endMetadata().build();
    }

    private static Secret secret(String name, HasMetadata... owners) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withOwnerReferences(references(owners)).endMetadata().build();
    }

    /** References as the operator writes them: the first owner is the controller, none blocks its owner's deletion. */
    private static List<OwnerReference> references(HasMetadata... owners) {
        List<OwnerReference> references = new ArrayList<>();
        for (HasMetadata owner : owners) {
            references.add(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                    .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                    .withController(references.isEmpty()).withBlockOwnerDeletion(false).build());
        }
        return references;
    }

    private static Watcher<Secret> recorder(BlockingQueue<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, Secret secret) {
                if (action != Action.ADDED) {
                    events.add(action + " " + secret.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
