package io.slipway.kops;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.controller.TestReconcilers;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: hack/kops-import converts the private HA kops cluster, the real kubectl applies its output to the
 * test API with admission on (schema, CEL rules), and the operator finds the Cluster and every InstanceGroup valid.
 */
class KopsImportAppliedWithKubectlTest {
    private static final String NAMESPACE = "imported";

    @TempDir
    Path dir;

    @Test
    void theConvertedPrivateHaClusterIsAdmittedAndValid() throws IOException {
        KopsImportRun converted = KopsImportScript.run(dir, "", "--namespace", NAMESPACE,
                Path.of("src/test/resources/kops/private-ha/kops.yaml").toAbsolutePath().toString());
        assertThat(converted.exitCode()).as(converted.stderr()).isZero();
        Path manifests = Files.writeString(dir.resolve("slipway.yaml"), converted.stdout());

        try (OperatorHarness harness = new OperatorHarness(TestReconcilers::all)) {
            harness.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            Kubectl kubectl = Kubectl.against(harness.api, dir);

            String applied = kubectl.ok("apply", "-f", manifests.toString());

            assertThat(applied.lines()).containsExactly("cluster.slipway.io/prod created",
                    "instancegroup.slipway.io/control-plane-us-east-1a created", "instancegroup.slipway.io/control-plane-us-east-1b created",
                    "instancegroup.slipway.io/control-plane-us-east-1c created", "instancegroup.slipway.io/nodes created",
                    "instancegroup.slipway.io/bastions created");
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                Cluster cluster = harness.client.resources(Cluster.class).inNamespace(NAMESPACE).withName("prod").get();
                assertThat(specValid(cluster.getStatus() == null ? List.of() : cluster.getStatus().conditions))
                        .as("Cluster prod SpecValid").hasValueSatisfying(c -> assertThat(c.status).as(c.message).isEqualTo("True"));
                for (InstanceGroup ig : harness.client.resources(InstanceGroup.class).inNamespace(NAMESPACE).list().getItems()) {
                    assertThat(specValid(ig.getStatus() == null ? List.of() : ig.getStatus().conditions))
                            .as("InstanceGroup %s SpecValid", ig.getMetadata().getName())
                            .hasValueSatisfying(c -> assertThat(c.status).as(c.message).isEqualTo("True"));
                }
            });
        }
    }

    private static Optional<Condition> specValid(List<Condition> conditions) {
        return conditions.stream().filter(c -> ConditionType.SPEC_VALID.equals(c.type)).findFirst();
    }
}
