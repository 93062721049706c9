package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.slipway.testing.kube.ApiResponses.json;

/** The non-resource GET endpoints a client looks at before anything else: version, health, discovery. */
final class DiscoveryEndpoints {
    private final Supplier<List<ApiResourceType>> types;
    private final Supplier<String> serverAddress;
    private final String kubernetesVersion;

    DiscoveryEndpoints(Supplier<List<ApiResourceType>> types, Supplier<String> serverAddress, String kubernetesVersion) {
        this.types = types;
        this.serverAddress = serverAddress;
        this.kubernetesVersion = kubernetesVersion;
    }

    /** The answer to {@code GET path}, or empty when the path is not one of these endpoints. */
    Optional<MockResponse> answer(String path, String accept) {
        if (path.equals("/version")) {
            String[] parts = kubernetesVersion.split("\\.");
            ObjectNode version = JsonNodes.object().put("major", parts[0]).put("minor", parts[1])
                    .put("gitVersion", "v" + kubernetesVersion).put("gitCommit", "slipway-mock").put("gitTreeState", "clean")
                    .put("buildDate", "2025-01-01T00:00:00Z").put("goVersion", "go1.23").put("compiler", "gc")
                    .put("platform", "linux/amd64");
            return Optional.of(json(200, version));
        }
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok"));
        }
        if (path.equals("/")) {
            ObjectNode root = JsonNodes.object();
            ArrayNode paths = root.putArray("paths");
            List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/readyz", "/version")
                    .forEach(paths::add);
            return Optional.of(json(200, root));
        }
        if (!path.equals("/api") && !path.equals("/apis") && !path.equals("/api/v1") && !path.matches("/apis/[^/]+(/[^/]+)?")) {
            return Optional.empty();
        }
        DiscoveryDocuments documents = new DiscoveryDocuments(types.get());
        if (path.equals("/api") || path.equals("/apis")) {
            if (acceptsAggregatedDiscovery(accept)) {
                return Optional.of(json(200, documents.aggregated(path.equals("/api")))
                        .setHeader("Content-Type", DiscoveryDocuments.AGGREGATED_CONTENT_TYPE));
            }
            return Optional.of(json(200, path.equals("/api") ? documents.coreVersions(serverAddress.get()) : documents.groupList()));
        }
        String[] parts = path.substring(1).split("/");
        Optional<ObjectNode> doc = path.equals("/api/v1") ? documents.resourceList("", "v1")
                : parts.length == 2 ? documents.group(parts[1])
                : documents.resourceList(parts[1], parts[2]);
        return Optional.of(doc.map(d -> json(200, d)).orElseGet(ApiResponses::notFound));
    }

    /** True when the Accept header lists {@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}. */
    static boolean acceptsAggregatedDiscovery(String accept) {
        if (accept == null) {
            return false;
        }
        for (String mediaType : accept.split(",")) {
            Map<String, String> params = new LinkedHashMap<>();
            String[] parts = mediaType.split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2) params.put(kv[0], kv[1]);
            }
            if (parts[0].trim().equals(ApiResponses.JSON) && "apidiscovery.k8s.io".equals(params.get("g"))
                    && "v2".equals(params.get("v")) && "APIGroupDiscoveryList".equals(params.get("as"))) {
                return true;
            }
        }
        return false;
    }
}
