package io.slipway.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer types first, with the real kubectl and no extra flag: client-side validation works from the
 * published OpenAPI v3 (kubectl learns there that the server validates fields, so it needs no v2 document),
 * {@code kubectl explain} reads the CRD's schema, and dry runs of the deploy kustomization and of the examples work.
 */
class KubectlWithNoExtraFlagsTest {
    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

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
    void crdsAppliedWithoutFlags() {
        api.reset();
        Kubectl.Result result = kubectl.run("apply", "-f", GeneratedCrds.file(GeneratedCrds.CLUSTERS).toString(),
                "-f", GeneratedCrds.file(GeneratedCrds.INSTANCE_GROUPS).toString());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("customresourcedefinition.apiextensions.k8s.io/clusters.slipway.io created");
    }

    @Test
    void applyOfTheExamplesValidatesWithoutDownloadingOpenApiV2() {
        Kubectl.Result result = kubectl.run("apply", "-f", EXAMPLES.resolve("cluster.yaml").toString(),
                "-f", EXAMPLES.resolve("instancegroups.yaml").toString());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("cluster.slipway.io/demo created", "instancegroup.slipway.io/nodes created");
        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get()).isNotNull();

        // a second apply patches (for a custom resource, with a JSON merge patch worked out from the last applied state)
        Kubectl.Result again = kubectl.run("apply", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        assertThat(again.stderr()).isEmpty();
        assertThat(again.stdout()).contains("cluster.slipway.io/demo unchanged");
    }

    @Test
    void explainShowsTheKindAndAFieldFromTheCrdSchema() throws Exception {
        String kind = kubectl.ok("explain", "slc");
        assertThat(kind).contains("GROUP:      slipway.io", "KIND:       Cluster", "VERSION:    v1alpha1",
                "spec\t<Object>", "status\t<Object>", "metadata\t<ObjectMeta>");

        String subnets = kubectl.ok("explain", "slc.spec.subnets");
        String description = JsonNodes.parseYaml(Files.readString(GeneratedCrds.file(GeneratedCrds.CLUSTERS)))
                .path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema")
                .path("properties").path("spec").path("properties").path("subnets").path("description").asText();
        assertThat(subnets).contains("FIELD: subnets <[]Object>", "zone\t<string> -required-",
                "enum: Private, Public, Utility");
        assertThat(subnets).contains(description.split("\\s+")[0] + " " + description.split("\\s+")[1]);

        Kubectl.Result missing = kubectl.run("explain", "slc.spec.nosuchfield");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("field \"nosuchfield\" does not exist");
    }

    @Test
    void clientDryRunOfTheDeployKustomizationStoresNothing() {
        Kubectl.Result result = kubectl.run("apply", "--dry-run=client", "-k", Path.of("deploy").toAbsolutePath().toString());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("deployment.apps/slipway-operator created (dry run)",
                "clusterrole.rbac.authorization.k8s.io/slipway-operator created (dry run)",
                "customresourcedefinition.apiextensions.k8s.io/clusters.slipway.io configured (dry run)");
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().clusterRoles().list().getItems()).isEmpty();
    }

    @Test
    void createOfABuiltInKindSaysHowToMakeItInstead() throws Exception {
        Kubectl.Result result = kubectl.run("create", "namespace", "team-a");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("kubectl apply").doesNotContain("Unrecognized token");

        Path namespace = Files.writeString(dir.resolve("namespace.yaml"),
                kubectl.ok("create", "namespace", "team-a", "--dry-run=client", "-o", "yaml"));
        kubectl.ok("apply", "-f", namespace.toString());
        assertThat(client.namespaces().withName("team-a").get()).isNotNull();
    }

    @Test
    void serverDryRunOfTheExamplesStoresNothing() {
        Kubectl.Result result = kubectl.run("apply", "--dry-run=server", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("cluster.slipway.io/demo created (server dry run)");
        assertThat(client.resources(Cluster.class).inNamespace("default").list().getItems()).isEmpty();
    }
}
