package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small parts of the mock API: printer-column JSONPath, ages, merge patches, URL parsing, kubectl tables. */
class MockApiPiecesTest {

    private static final JsonNode CLUSTER = JsonNodes.parseJson("""
            {"metadata":{"name":"demo"},
             "spec":{"region":"us-east-1","subnets":[{"name":"a","type":"Private"},{"name":"b","type":"Utility"}]},
             "status":{"conditions":[{"type":"Reconciling","status":"True"},{"type":"Ready","status":"False","reason":"Waiting"}]}}""");

    @Test
    void columnJsonPathSelectsFieldsIndexesWildcardsAndFilters() {
        assertThat(texts(".spec.region")).containsExactly("us-east-1");
        assertThat(texts(".spec.subnets[1].name")).containsExactly("b");
        assertThat(texts(".spec.subnets[-1].type")).containsExactly("Utility");
        assertThat(texts(".spec.subnets[*].name")).containsExactly("a", "b");
        assertThat(texts(".status.conditions[?(@.type==\"Ready\")].status")).containsExactly("False");
        assertThat(texts(".status.conditions[?(@.type=='Ready')].reason")).containsExactly("Waiting");
        assertThat(texts(".status.conditions[?(@.type!=\"Ready\")].type")).containsExactly("Reconciling");
        assertThat(texts("{.metadata['name']}")).containsExactly("demo");
        assertThat(texts(".status.phase")).isEmpty();
        assertThat(texts(".spec.subnets[5].name")).isEmpty();
    }

    @Test
    void agesReadLikeKubectls() {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        assertThat(TableConverter.age("2026-01-09T23:59:15Z", now)).isEqualTo("45s");
        assertThat(TableConverter.age("2026-01-09T23:56:40Z", now)).isEqualTo("3m20s");
        assertThat(TableConverter.age("2026-01-09T23:35:00Z", now)).isEqualTo("25m");
        assertThat(TableConverter.age("2026-01-09T18:50:00Z", now)).isEqualTo("5h10m");
        assertThat(TableConverter.age("2026-01-08T18:00:00Z", now)).isEqualTo("30h");
        assertThat(TableConverter.age("2026-01-06T20:00:00Z", now)).isEqualTo("3d4h");
        assertThat(TableConverter.age("2025-09-12T00:00:00Z", now)).isEqualTo("120d");
        assertThat(TableConverter.age("not a time", now)).isEqualTo("<invalid>");
    }

    @Test
    void mergePatchFollowsRfc7386() {
        JsonNode target = JsonNodes.parseJson("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":\"x\"}");
        JsonNode merged = JsonMergePatch.apply(target, JsonNodes.parseJson("{\"a\":{\"c\":[3],\"e\":true},\"d\":null}"));
        assertThat(merged).isEqualTo(JsonNodes.parseJson("{\"a\":{\"b\":1,\"c\":[3],\"e\":true}}"));
        assertThat(target.path("d").asText()).isEqualTo("x");

        JsonNode removals = JsonMergePatch.removals(JsonNodes.parseJson("{\"spec\":{\"a\":1,\"b\":{\"c\":1}},\"x\":1}"),
                JsonNodes.parseJson("{\"spec\":{\"a\":2,\"b\":{}}}"));
        assertThat(removals).isEqualTo(JsonNodes.parseJson("{\"spec\":{\"b\":{\"c\":null}},\"x\":null}"));
    }

    @Test
    void resourcePathsSplitIntoTheirParts() {
        assertThat(ResourcePath.parse("/apis/slipway.io/v1alpha1/namespaces/default/clusters/demo/status"))
                .isEqualTo(new ResourcePath("slipway.io", "v1alpha1", "default", "clusters", "demo", "status"));
        assertThat(ResourcePath.parse("/api/v1/namespaces/kube-system"))
                .isEqualTo(new ResourcePath("", "v1", null, "namespaces", "kube-system", null));
        assertThat(ResourcePath.parse("/api/v1/namespaces/kube-system/status"))
                .isEqualTo(new ResourcePath("", "v1", null, "namespaces", "kube-system", "status"));
        assertThat(ResourcePath.parse("/api/v1/namespaces/default/pods"))
                .isEqualTo(new ResourcePath("", "v1", "default", "pods", null, null));
        assertThat(ResourcePath.parse("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").namespace()).isNull();
        assertThat(ResourcePath.parse("/apis/slipway.io")).isNull();
    }

    @Test
    void kubectlTablesKeepEmptyCells() {
        String out = """
                NAME   AGE   VERSION   REGION      READY   PHASE
                demo   5s    1.32.4    us-east-1           Provisioning
                """;
        assertThat(KubectlTable.headers(out)).containsExactly("NAME", "AGE", "VERSION", "REGION", "READY", "PHASE");
        assertThat(KubectlTable.rows(out)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("READY", "").containsEntry("PHASE", "Provisioning").containsEntry("REGION", "us-east-1"));
    }

    private static List<String> texts(String path) {
        return ColumnJsonPath.parse(path).find(CLUSTER).stream().map(JsonNode::asText).toList();
    }
}
