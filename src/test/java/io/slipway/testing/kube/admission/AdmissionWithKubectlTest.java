package io.slipway.testing.kube.admission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.slipway.testing.kube.GeneratedCrds;
import io.slipway.testing.kube.KubeApiServer;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Admission seen by the real kubectl (and the Fabric8 client) against {@link KubeApiServer}: refusals print as
 * they do against a real API server, warnings are shown, {@code --dry-run=server} stores nothing.
 * <p>
 * {@code --validate=false} makes kubectl send {@code fieldValidation=Ignore}, so an unknown field is pruned with
 * no error and what is refused here is refused by the schema and CEL step; a plain {@code kubectl apply} sends
 * {@code Strict} (see KubectlWithNoExtraFlagsTest).
 */
class AdmissionWithKubectlTest {
    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();
    private static final ResourceDefinitionContext CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("slipway.io").withVersion("v1alpha1").withPlural("clusters").withKind("Cluster").withNamespaced(true).build();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        kubectl = Kubectl.against(api, dir);
    }

    @BeforeEach
    void freshApiWithCrds() {
        api.reset();
        GeneratedCrds.install(api.client());
    }

    @Test
    void anInvalidManifestIsRefusedWithTheFieldsNamed() throws IOException {
        Path manifest = write("invalid.yaml", Files.readString(EXAMPLES.resolve("cluster.yaml"))
                .replace("region: us-east-1", "region: US East")
                .replace("type: Utility", "type: Utilty")
                .replace("  kubernetesVersion: 1.32.4\n", ""));
        Kubectl.Result result = kubectl.run("apply", "--validate=false", "-f", manifest.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("The Cluster \"demo\" is invalid:",
                "spec.kubernetesVersion: Required value",
                "spec.region: Invalid value: \"US East\": spec.region in body should match '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$'",
                "spec.subnets[3].type: Unsupported value: \"Utilty\": supported values: \"Private\", \"Public\", \"Utility\"");
        assertThat(kubectl.run("get", "slc", "demo").stderr()).contains("clusters.slipway.io \"demo\" not found");
    }

    @Test
    void aCelRuleRefusesAnUpdate() {
        kubectl.ok("apply", "--validate=false", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        recordApplied("demo");
        Kubectl.Result result = kubectl.run("patch", "slc", "demo", "--type=merge", "-p", "{\"spec\":{\"region\":\"eu-west-1\"}}");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("The Cluster \"demo\" is invalid: spec.region: Forbidden: region is immutable");
        assertThat(kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.spec.region}")).isEqualTo("us-east-1");
    }

    /**
     * The operator refuses a spec it cannot use (a network address with host bits, a region that does not exist)
     * before any AWS call and says which value to write instead; until it has applied the Cluster
     * ({@code status.applied}) nothing holds those values, so the fix must get through.
     */
    @Test
    void theImmutableFieldsOfAClusterNeverAppliedCanBeCorrected() {
        kubectl.ok("apply", "--validate=false", "-f", EXAMPLES.resolve("cluster.yaml").toString());

        kubectl.ok("patch", "slc", "demo", "--type=merge", "-p", "{\"spec\":{\"networkCIDR\":\"10.1.0.0/16\",\"region\":\"eu-west-1\"}}");
        assertThat(kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.spec.region} {.spec.networkCIDR}"))
                .isEqualTo("eu-west-1 10.1.0.0/16");

        recordApplied("demo");
        Kubectl.Result result = kubectl.run("patch", "slc", "demo", "--type=merge", "-p", "{\"spec\":{\"networkCIDR\":\"10.2.0.0/16\"}}");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.networkCIDR: Forbidden: networkCIDR is immutable");
    }

    /** What the operator writes before its first AWS call. */
    private static void recordApplied(String cluster) {
        kubectl.ok("patch", "slc", cluster, "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"applied\":{\"region\":\"us-east-1\",\"networkCIDR\":\"10.0.0.0/16\"}}}");
    }

    @Test
    void unknownFieldsArePrunedWithKubectlsWarning() {
        kubectl.ok("apply", "--validate=false", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        Kubectl.Result result = kubectl.run("patch", "slc", "demo", "--type=merge", "-p", "{\"spec\":{\"networkCidr\":\"10.1.0.0/16\"}}");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Warning: unknown field \"spec.networkCidr\"");
        assertThat(kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.spec}")).doesNotContain("networkCidr");
    }

    @Test
    void serverSideDryRunShowsTheDefaultedObjectAndStoresNothing() throws IOException {
        String out = kubectl.ok("apply", "--dry-run=server", "--validate=false", "-o", "yaml",
                "-f", EXAMPLES.resolve("cluster.yaml").toString());
        assertThat(out).contains("crossZoneLoadBalancing: true");
        assertThat(kubectl.run("get", "slc", "demo").stderr()).contains("clusters.slipway.io \"demo\" not found");

        Path manifest = write("bad-dry-run.yaml", Files.readString(EXAMPLES.resolve("cluster.yaml"))
                .replace("natGateways: PerZone", "natGateways: Two"));
        Kubectl.Result refused = kubectl.run("apply", "--dry-run=server", "--validate=false", "-f", manifest.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("spec.natGateways: Unsupported value: \"Two\"");
    }

    @Test
    void theStatusSubresourceIsValidatedToo() {
        kubectl.ok("apply", "--validate=false", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        Kubectl.Result result = kubectl.run("patch", "slc", "demo", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"observedGeneration\":\"one\"}}");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("status.observedGeneration: Invalid value: \"string\": "
                + "status.observedGeneration in body must be of type integer: \"string\"");

        kubectl.ok("patch", "slc", "demo", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"observedGeneration\":1}}");
    }

    @Test
    void theFabric8ClientGetsTheStatusWithItsCauses() {
        GenericKubernetesResource cluster = new GenericKubernetesResource();
        cluster.setApiVersion("slipway.io/v1alpha1");
        cluster.setKind("Cluster");
        cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("x").withNamespace("default").build());
        cluster.setAdditionalProperties(Map.of("spec", Map.of("kubernetesVersion", "1.32.4", "region", "us-east-1",
                "networkCIDR", "10.0.0.0/16")));
        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class,
                () -> api.client().genericKubernetesResources(CLUSTERS).resource(cluster).create());

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(refusal.getStatus().getMessage()).isEqualTo("Cluster.slipway.io \"x\" is invalid: [spec.subnets: Required value, "
                + "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
                + "correct the existing errors to complete validation]");
        assertThat(refusal.getStatus().getDetails().getCauses()).first().satisfies(cause -> {
            assertThat(cause.getField()).isEqualTo("spec.subnets");
            assertThat(cause.getReason()).isEqualTo("FieldValueRequired");
            assertThat(cause.getMessage()).isEqualTo("Required value");
        });
    }

    @Test
    void withValidationOffAnInvalidObjectIsStored() throws IOException {
        api.setCustomResourceValidation(false);
        try {
            Path manifest = write("stored.yaml", Files.readString(EXAMPLES.resolve("cluster.yaml"))
                    .replace("natGateways: PerZone", "natGateways: Two"));
            kubectl.ok("apply", "--validate=false", "-f", manifest.toString());
            assertThat(kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.spec.natGateways}")).isEqualTo("Two");
        } finally {
            api.setCustomResourceValidation(true);
        }
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
