package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI documents of {@link KubeApiServer}, read over HTTP as a client reads them, against the project's CRDs. */
class OpenApiEndpointsTest {
    private static final String JSON = "application/json";
    private static final String V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    private static final String SLIPWAY = "apis/slipway.io/v1alpha1";
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void reset() {
        api.reset();
    }

    @Test
    void theV3IndexListsEachServedGroupVersionWithAHashOfItsDocument() throws Exception {
        JsonNode before = json(get("/openapi/v3", JSON));
        assertThat(names(before.path("paths"))).contains("api/v1", "apis/apps/v1", "apis/apiextensions.k8s.io/v1",
                "apis/rbac.authorization.k8s.io/v1").doesNotContain(SLIPWAY);

        GeneratedCrds.install(api.client());
        JsonNode withCrds = json(get("/openapi/v3", JSON));
        String url = withCrds.path("paths").path(SLIPWAY).path("serverRelativeURL").asText();
        assertThat(url).matches("/openapi/v3/apis/slipway\\.io/v1alpha1\\?hash=[0-9A-F]{128}");
        assertThat(withCrds.path("paths").path("api/v1")).isEqualTo(before.path("paths").path("api/v1"));

        api.client().apiextensions().v1().customResourceDefinitions().withName(GeneratedCrds.INSTANCE_GROUPS).delete();
        String afterDelete = json(get("/openapi/v3", JSON)).path("paths").path(SLIPWAY).path("serverRelativeURL").asText();
        assertThat(afterDelete).isNotEqualTo(url);
        assertThat(get(afterDelete, JSON).statusCode()).isEqualTo(200);
    }

    @Test
    void aCustomKindIsPublishedWithItsCrdSchemaAndPatchOperationsThatTakeFieldValidation() throws Exception {
        GeneratedCrds.install(api.client());
        JsonNode doc = json(get("/openapi/v3/" + SLIPWAY, JSON));
        JsonNode crdSchema = JsonNodes.parseYaml(Files.readString(GeneratedCrds.file(GeneratedCrds.CLUSTERS)))
                .path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");

        JsonNode cluster = doc.path("components").path("schemas").path("io.slipway.v1alpha1.Cluster");
        assertThat(cluster.path("properties").path("spec")).isEqualTo(crdSchema.path("properties").path("spec"));
        assertThat(cluster.path("properties").path("status")).isEqualTo(crdSchema.path("properties").path("status"));
        assertThat(cluster.path("x-kubernetes-group-version-kind").path(0).path("kind").asText()).isEqualTo("Cluster");
        assertThat(cluster.path("x-kubernetes-group-version-kind").path(0).path("group").asText()).isEqualTo("slipway.io");
        String metaRef = cluster.path("properties").path("metadata").path("allOf").path(0).path("$ref").asText();
        assertThat(metaRef).isEqualTo("#/components/schemas/" + OpenApiDocuments.OBJECT_META);
        assertThat(doc.path("components").path("schemas").path(OpenApiDocuments.OBJECT_META).path("properties").has("name")).isTrue();

        for (String path : List.of("/apis/slipway.io/v1alpha1/namespaces/{namespace}/clusters/{name}",
                "/apis/slipway.io/v1alpha1/namespaces/{namespace}/clusters/{name}/status")) {
            JsonNode patch = doc.path("paths").path(path).path("patch");
            assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText()).as(path).isEqualTo("Cluster");
            List<String> parameters = new ArrayList<>();
            patch.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
            assertThat(parameters).as(path).contains("fieldValidation", "dryRun", "fieldManager", "force");
            assertThat(names(patch.path("requestBody").path("content"))).as(path)
                    .contains("application/apply-patch+yaml", "application/merge-patch+json")
                    .doesNotContain("application/strategic-merge-patch+json");
        }
        JsonNode list = doc.path("paths").path("/apis/slipway.io/v1alpha1/namespaces/{namespace}/clusters").path("get");
        assertThat(list.path("x-kubernetes-action").asText()).isEqualTo("list");
        assertThat(doc.path("components").path("schemas").has("io.slipway.v1alpha1.InstanceGroup")).isTrue();
    }

    @Test
    void anUnservedGroupVersionIsNotFound() throws Exception {
        HttpResponse<String> response = get("/openapi/v3/apis/slipway.io/v1alpha1", JSON);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("kind").asText()).isEqualTo("Status");
    }

    @Test
    void v2IsJsonForClientsThatAcceptJsonAndNotAcceptableForProtobufOnly() throws Exception {
        GeneratedCrds.install(api.client());
        HttpResponse<String> protobuf = get("/openapi/v2", V2_PROTOBUF);
        assertThat(protobuf.statusCode()).isEqualTo(406);
        assertThat(json(protobuf).path("reason").asText()).isEqualTo("NotAcceptable");

        JsonNode v2 = json(get("/openapi/v2", JSON));
        assertThat(v2.path("swagger").asText()).isEqualTo("2.0");
        JsonNode cluster = v2.path("definitions").path("io.slipway.v1alpha1.Cluster");
        assertThat(cluster.path("properties").path("metadata").path("allOf").path(0).path("$ref").asText())
                .isEqualTo("#/definitions/" + OpenApiDocuments.OBJECT_META);
        JsonNode patch = v2.path("paths").path("/apis/slipway.io/v1alpha1/namespaces/{namespace}/clusters/{name}").path("patch");
        assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation", "body");
        assertThat(v2.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")).isTrue();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonNodes.parseJson(response.body());
    }
}
