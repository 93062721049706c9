package io.slipway.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.slipway.crd.GeneratedCrds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Helm chart, linted and rendered with the real Helm library (helm-java), checked on its parsed output. */
class HelmChartTest {
    private static final Path CHART = GeneratedCrds.projectRoot().resolve("charts/slipway");
    private static final String NAMESPACE = "slipway-system";
    private static final String KUBE_VERSION = "1.32.0";

    @TempDir
    Path tmp;

    @Test
    void lintsWithoutFailures() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultsInstallOneHardenedReplicaWatchingAllNamespaces() {
        Manifests out = render("");
        assertThat(out.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                "Role", "RoleBinding", "Service", "Deployment");
        out.assertNoWildcards();

        JsonNode deployment = out.single("Deployment");
        Manifests.assertHardened(deployment);
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(Manifests.container(deployment).path("image").asText())
                .isEqualTo("ghcr.io/slipway/slipway-operator:0.1.0");
        assertThat(env(deployment, "SLIPWAY_LEADER_ELECTION_ENABLED")).isEqualTo("true");
        assertThat(env(deployment, "SLIPWAY_LEADER_ELECTION_LEASE_NAME")).isEqualTo("slipway-operator-leader");
        assertThat(Manifests.env(deployment, "QUARKUS_OPERATOR_SDK_NAMESPACES")).as("all namespaces").isEmpty();
        assertThat(Manifests.env(deployment, "AWS_ACCESS_KEY_ID")).isEmpty();
        assertThat(Manifests.env(deployment, "AWS_REGION")).isEmpty();

        assertThat(out.verbs("slipway.io", "clusters")).containsExactly("get", "list", "patch", "update", "watch");
        assertThat(out.verbs("slipway.io", "instancegroups")).as("a Cluster's delete deletes its groups").contains("delete");
        assertThat(out.verbs("", "secrets")).containsExactly("create", "get", "list", "update");
        assertThat(out.single("ClusterRole").toString()).contains("slipway.io");
        JsonNode leaseRole = out.single("Role");
        assertThat(leaseRole.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(out.verbs("coordination.k8s.io", "leases")).containsExactly("create", "get", "patch", "update");

        String sa = out.single("ServiceAccount").at("/metadata/name").asText();
        assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(sa);
        assertThat(out.single("ClusterRoleBinding").at("/subjects/0/name").asText()).isEqualTo(sa);
        assertThat(out.single("ClusterRoleBinding").at("/subjects/0/namespace").asText()).isEqualTo(NAMESPACE);

        JsonNode service = out.single("Service");
        assertThat(service.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    }

    @Test
    void grantsWhatTheDeployManifestsGrant() throws IOException {
        Path deploy = GeneratedCrds.projectRoot().resolve("deploy");
        Manifests plain = Manifests.concat(List.of(
                Manifests.parse(Files.readString(deploy.resolve("clusterrole.yaml"))),
                Manifests.parse(Files.readString(deploy.resolve("leader-election-role.yaml")))));
        Manifests chart = render("");
        assertThat(grants(chart)).isEqualTo(grants(plain));
    }

    /** "group/resource[names]" -> sorted verbs, over all rules. */
    private static Map<String, List<String>> grants(Manifests manifests) {
        Map<String, SortedSet<String>> grants = new TreeMap<>();
        for (JsonNode rule : manifests.rbacRules()) {
            for (String group : Manifests.texts(rule.path("apiGroups"))) {
                for (String resource : Manifests.texts(rule.path("resources"))) {
                    grants.computeIfAbsent(group + "/" + resource + Manifests.texts(rule.path("resourceNames")),
                            k -> new TreeSet<>()).addAll(Manifests.texts(rule.path("verbs")));
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        grants.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    @Test
    void shipsTheGeneratedCrds() {
        // helm show crds prints each file of crds/ followed by a newline (no document separator)
        String shown = new Helm(CHART).show().crds().call();
        assertThat(shown).isEqualTo(GeneratedCrds.text(GeneratedCrds.CLUSTERS) + "\n"
                + GeneratedCrds.text(GeneratedCrds.INSTANCE_GROUPS) + "\n");
    }

    @Test
    void refusesClustersOlderThanTheCrdsNeed() {
        assertThatThrownBy(() -> template("").withKubeVersion("1.27.9").call())
                .hasMessageContaining("chart requires kubeVersion");
    }

    @Test
    void twoReplicasWithLeaderElection() {
        Manifests out = render("""
                replicas: 2
                leaderElection:
                  enabled: true
                  leaseName: slipway-lock
                """);
        JsonNode deployment = out.single("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(env(deployment, "SLIPWAY_LEADER_ELECTION_ENABLED")).isEqualTo("true");
        assertThat(env(deployment, "SLIPWAY_LEADER_ELECTION_LEASE_NAME")).isEqualTo("slipway-lock");
        assertThat(out.rbacRules()).anySatisfy(rule ->
                assertThat(Manifests.texts(rule.path("resourceNames"))).containsExactly("slipway-lock"));
        JsonNode pdb = out.single("PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(deployment.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode()).isFalse();
    }

    @Test
    void refusesSeveralReplicasWithoutLeaderElection() {
        assertThatThrownBy(() -> render("""
                replicas: 3
                leaderElection:
                  enabled: false
                """)).hasMessageContaining("replicas > 1 needs leaderElection.enabled=true");
    }

    @Test
    void leaderElectionOffForOneReplica() {
        Manifests out = render("""
                leaderElection:
                  enabled: false
                """);
        assertThat(env(out.single("Deployment"), "SLIPWAY_LEADER_ELECTION_ENABLED")).isEqualTo("false");
        assertThat(out.ofKind("Role")).isEmpty();
        assertThat(out.verbs("coordination.k8s.io", "leases")).isEmpty();
    }

    @Test
    void watchedNamespacesGetNamespacedRoles() {
        Manifests out = render("""
                watchNamespaces: [a, b]
                """);
        out.assertNoWildcards();
        assertThat(env(out.single("Deployment"), "QUARKUS_OPERATOR_SDK_NAMESPACES")).isEqualTo("a,b");

        JsonNode clusterRole = out.single("ClusterRole");
        assertThat(clusterRole.toString()).as("no cluster-wide access to Slipway resources or Secrets")
                .doesNotContain("slipway.io").doesNotContain("secrets");
        assertThat(Manifests.texts(clusterRole.at("/rules/0/resources"))).containsExactly("customresourcedefinitions");

        for (String ns : List.of("a", "b")) {
            JsonNode role = out.ofKind("Role").stream().filter(r -> r.at("/metadata/namespace").asText().equals(ns))
                    .findFirst().orElseThrow(() -> new AssertionError("no Role in " + ns));
            assertThat(role.toString()).contains("clusters/status").contains("secrets");
            JsonNode binding = out.ofKind("RoleBinding").stream()
                    .filter(r -> r.at("/metadata/namespace").asText().equals(ns)).findFirst().orElseThrow();
            assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
            assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NAMESPACE);
        }
        assertThat(out.ofKind("Role")).hasSize(3).as("a, b and the lease Role");
    }

    @Test
    void rbacCanBeLeftToTheAdministrator() {
        Manifests out = render("""
                rbac:
                  create: false
                """);
        assertThat(out.kinds()).doesNotContain("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")
                .contains("Deployment", "ServiceAccount");
    }

    @Test
    void serviceMonitorWhenAsked() {
        assertThat(render("").kinds()).doesNotContain("ServiceMonitor");
        Manifests out = render("""
                metrics:
                  serviceMonitor:
                    enabled: true
                    labels:
                      release: prometheus
                """);
        JsonNode monitor = out.single("ServiceMonitor");
        JsonNode service = out.single("Service");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
        JsonNode serviceLabels = service.at("/metadata/labels");
        assertThat(monitor.at("/spec/selector/matchLabels").size()).isPositive();
        monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(e ->
                assertThat(serviceLabels.path(e.getKey())).as("the monitor selects the metrics Service: " + e.getKey())
                        .isEqualTo(e.getValue()));
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
    }

    @Test
    void awsRegionCredentialsSecretAndIrsa() {
        Manifests out = render("""
                aws:
                  region: eu-west-1
                  credentials:
                    existingSecret: aws-creds
                    roleARN: arn:aws:iam::123456789012:role/slipway
                """);
        JsonNode deployment = out.single("Deployment");
        assertThat(env(deployment, "AWS_REGION")).isEqualTo("eu-west-1");
        for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            JsonNode ref = Manifests.env(deployment, key).orElseThrow().at("/valueFrom/secretKeyRef");
            assertThat(ref.path("name").asText()).isEqualTo("aws-creds");
            assertThat(ref.path("key").asText()).isEqualTo(key);
        }
        assertThat(Manifests.env(deployment, "AWS_SESSION_TOKEN").orElseThrow()
                .at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
        assertThat(out.single("ServiceAccount").at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::123456789012:role/slipway");
    }

    @Test
    void existingServiceAccountAndScheduling() {
        Manifests out = render("""
                serviceAccount:
                  create: false
                  name: ops-operator
                nodeSelector:
                  role: infra
                tolerations:
                  - key: infra
                    operator: Exists
                    effect: NoSchedule
                image:
                  tag: 0.2.0-rc1
                resources:
                  requests: {cpu: 50m, memory: 200Mi}
                  limits: {cpu: 500m, memory: 400Mi}
                """);
        assertThat(out.kinds()).doesNotContain("ServiceAccount");
        JsonNode deployment = out.single("Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("ops-operator");
        assertThat(out.single("ClusterRoleBinding").at("/subjects/0/name").asText()).isEqualTo("ops-operator");
        assertThat(pod.at("/nodeSelector/role").asText()).isEqualTo("infra");
        assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("infra");
        assertThat(Manifests.container(deployment).path("image").asText()).endsWith(":0.2.0-rc1");
        assertThat(Manifests.container(deployment).at("/resources/limits/memory").asText()).isEqualTo("400Mi");
        Manifests.assertHardened(deployment);
    }

    private static String env(JsonNode deployment, String name) {
        return Manifests.env(deployment, name).orElseThrow(() -> new AssertionError("no env " + name)).path("value").asText();
    }

    /** Renders the chart's templates (helm template leaves the crds/ folder out) with these values over values.yaml. */
    private Manifests render(String values) {
        return Manifests.parse(template(values).call());
    }

    private TemplateCommand template(String values) {
        try {
            Path file = Files.createTempFile(tmp, "values", ".yaml");
            Files.writeString(file, values);
            return new Helm(CHART).template().withName("slipway").withNamespace(NAMESPACE).withValuesFile(file)
                    .withKubeVersion(KUBE_VERSION); // Helm would assume 1.20 without a cluster
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
