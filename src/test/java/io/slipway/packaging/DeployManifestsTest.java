package io.slipway.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.crd.GeneratedCrds;
import io.slipway.controller.LeaderElection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain manifests in deploy/: they parse, grant only what the operator uses, and run it hardened. */
class DeployManifestsTest {
    private static Path deploy;
    private static Manifests manifests;

    @BeforeAll
    static void load() throws IOException {
        deploy = GeneratedCrds.projectRoot().resolve("deploy");
        List<Manifests> parts = new ArrayList<>();
        for (Path file : manifestFiles()) {
            Manifests m = Manifests.parse(Files.readString(file));
            assertThat(m.all()).as(file + " holds at least one object").isNotEmpty();
            for (JsonNode doc : m.all()) {
                assertThat(doc.path("apiVersion").asText()).as(file + " apiVersion").isNotEmpty();
                assertThat(doc.path("kind").asText()).as(file + " kind").isNotEmpty();
                assertThat(doc.at("/metadata/name").asText()).as(file + " metadata.name").isNotEmpty();
            }
            parts.add(m);
        }
        manifests = Manifests.concat(parts);
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(deploy)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
    }

    @Test
    void containsTheOperatorInstallation() {
        assertThat(manifests.kinds()).contains("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                "Role", "RoleBinding", "Deployment", "Service", "PodDisruptionBudget");
    }

    @Test
    void rbacHasNoWildcards() {
        manifests.assertNoWildcards();
    }

    @Test
    void clusterRoleGrantsExactlyWhatTheOperatorUses() {
        assertThat(manifests.verbs("slipway.io", "clusters")).containsExactly("get", "list", "patch", "update", "watch");
        assertThat(manifests.verbs("slipway.io", "instancegroups")).containsExactly("delete", "get", "list", "patch", "update", "watch");
        assertThat(manifests.verbs("slipway.io", "clusters/status")).containsExactly("patch", "update");
        assertThat(manifests.verbs("slipway.io", "instancegroups/finalizers")).containsExactly("update");
        assertThat(manifests.verbs("", "events")).containsExactly("create", "patch");
        assertThat(manifests.verbs("", "secrets"))
                .containsExactly("create", "get", "list", "update");
        assertThat(manifests.verbs("apiextensions.k8s.io", "customresourcedefinitions")).containsExactly("get", "list");
        assertThat(manifests.verbs("", "pods")).as("nothing on other resources").isEmpty();
        assertThat(manifests.verbs("slipway.io", "clusters")).doesNotContain("create", "delete");
    }

    @Test
    void leaseAccessIsLimitedToTheOperatorNamespaceAndLease() {
        JsonNode role = manifests.single("Role");
        assertThat(role.at("/metadata/namespace").asText()).isEqualTo("slipway-system");
        assertThat(manifests.verbs("coordination.k8s.io", "leases")).containsExactly("create", "get", "patch", "update");
        for (JsonNode rule : role.path("rules")) {
            if (!Manifests.texts(rule.path("verbs")).equals(List.of("create"))) {
                assertThat(Manifests.texts(rule.path("resourceNames"))).containsExactly(LeaderElection.DEFAULT_LEASE_NAME);
            }
        }
        JsonNode deployment = manifests.single("Deployment");
        assertThat(Manifests.env(deployment, "SLIPWAY_LEADER_ELECTION_LEASE_NAME").map(e -> e.path("value").asText()))
                .contains(LeaderElection.DEFAULT_LEASE_NAME);
    }

    @Test
    void bindingsNameTheOperatorServiceAccount() {
        String sa = manifests.single("ServiceAccount").at("/metadata/name").asText();
        assertThat(manifests.single("Deployment").at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(sa);
        for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
            JsonNode binding = manifests.single(kind);
            assertThat(binding.at("/subjects/0/name").asText()).as(kind).isEqualTo(sa);
            assertThat(manifests.named(binding.at("/roleRef/kind").asText(), binding.at("/roleRef/name").asText()))
                    .as(kind + " refers to a role defined here").isPresent();
        }
    }

    @Test
    void deploymentIsHardenedAndElectsALeader() {
        JsonNode deployment = manifests.single("Deployment");
        Manifests.assertHardened(deployment);
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThan(1);
        assertThat(Manifests.env(deployment, "SLIPWAY_LEADER_ELECTION_ENABLED").map(e -> e.path("value").asText()))
                .contains("true");
        assertThat(Manifests.env(deployment, "AWS_REGION")).isPresent();
        assertThat(Manifests.env(deployment, "AWS_SECRET_ACCESS_KEY").map(e -> e.at("/valueFrom/secretKeyRef/optional").asBoolean()))
                .as("credentials Secret optional: IRSA or instance profile otherwise").contains(true);
    }

    @Test
    void kustomizationIncludesEveryManifestAndTheCrds() throws Exception {
        JsonNode kustomization = Manifests.parse(Files.readString(deploy.resolve("kustomization.yaml"))).all().get(0);
        List<String> resources = Manifests.texts(kustomization.path("resources"));
        assertThat(resources).contains("../crds")
                .containsAll(manifestFiles().stream().map(p -> p.getFileName().toString()).toList());
        JsonNode crdKustomization = Manifests.parse(Files.readString(
                GeneratedCrds.projectRoot().resolve("crds/kustomization.yaml"))).all().get(0);
        assertThat(Manifests.texts(crdKustomization.path("resources"))).containsExactlyInAnyOrderElementsOf(GeneratedCrds.FILES);

        Manifests built = Manifests.parse(kubectl("kustomize", deploy.toString()));
        assertThat(built.ofKind("CustomResourceDefinition")).hasSize(2);
        assertThat(built.all()).hasSize(manifests.all().size() + 2);
    }

    private static String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        Path cache = Files.createTempDirectory("kubectl-cache");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KUBECACHEDIR", cache.toString());
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl %s: %s", args, out).isZero();
        return out;
    }
}
