package io.slipway.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.testing.kube.KubeApiServer;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ready-made Argo CD configurations in deploy/argocd/ carry exactly the tested health scripts, under the
 * keys Argo CD reads ({@code resource.customizations.health.<group>_<kind>}); the argocd-cm patch works with the
 * real kubectl as the README says, and keeps what argocd-cm already held. Refresh them with hack/update-argocd.sh.
 */
class ArgoCdConfigSnippetsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DIR = ArgoCdHealthScript.directory("Cluster").getParent().getParent();
    private static final List<String> KINDS = List.of("Cluster", "InstanceGroup");

    @TempDir
    Path tmp;

    @Test
    void theArgocdCmPatchCarriesTheScripts() throws IOException {
        assertThat(entries(YAML.readTree(DIR.resolve("argocd-cm-patch.yaml").toFile()).path("data")))
                .as("deploy/argocd/argocd-cm-patch.yaml (run hack/update-argocd.sh)").isEqualTo(expected());
    }

    @Test
    void theHelmValuesCarryTheScripts() throws IOException {
        assertThat(entries(YAML.readTree(DIR.resolve("argo-cd-values.yaml").toFile()).at("/configs/cm")))
                .as("deploy/argocd/argo-cd-values.yaml (run hack/update-argocd.sh)").isEqualTo(expected());
    }

    @Test
    void kubectlPatchAddsTheScriptsToAnExistingArgocdCm() {
        try (KubeApiServer api = KubeApiServer.start()) {
            KubernetesClient client = api.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build()).create();
            client.configMaps().inNamespace("argocd").resource(new ConfigMapBuilder().withNewMetadata().withName("argocd-cm")
                    .withNamespace("argocd").endMetadata().addToData("url", "https://argocd.example.com").build()).create();
            Kubectl kubectl = Kubectl.against(api, tmp);

            assertThat(kubectl.ok("-n", "argocd", "patch", "configmap", "argocd-cm", "--type", "merge",
                    "--patch-file", DIR.resolve("argocd-cm-patch.yaml").toString())).contains("configmap/argocd-cm patched");

            ConfigMap cm = client.configMaps().inNamespace("argocd").withName("argocd-cm").get();
            Map<String, String> expected = new LinkedHashMap<>(expected());
            expected.put("url", "https://argocd.example.com");
            assertThat(cm.getData()).isEqualTo(expected);
        }
    }

    private static Map<String, String> expected() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (String kind : KINDS) {
            scripts.put("resource.customizations.health.slipway.io_" + kind, ArgoCdHealthScript.forKind(kind).source());
        }
        return scripts;
    }

    private static Map<String, String> entries(JsonNode map) {
        Map<String, String> entries = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
        return entries;
    }
}
