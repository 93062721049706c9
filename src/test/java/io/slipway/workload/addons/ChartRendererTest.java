package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading helm template's output into objects. */
class ChartRendererTest {
    @Test
    void readsEveryDocumentExpandsListsAndLeavesOutEmptyDocumentsAndTheChartsTests() {
        List<GenericKubernetesResource> objects = ChartRenderer.parse("""
                ---
                # Source: x/templates/empty.yaml
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
                  - {apiVersion: v1, kind: Pod, metadata: {name: t, annotations: {helm.sh/hook: test}}}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: connection-test
                  annotations: {helm.sh/hook: "test-success, pre-install"}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations: {helm.sh/hook: pre-upgrade}
                """);

        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactly("ServiceAccount/a", "ConfigMap/b", "Job/migrate");
    }

    @Test
    void anObjectWithoutKindOrNameIsAnError() {
        assertThatThrownBy(() -> ChartRenderer.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
                .isInstanceOf(ChartRenderException.class).hasMessageContaining("without apiVersion, kind or name");
    }
}
