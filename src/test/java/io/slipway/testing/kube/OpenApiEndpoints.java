package io.slipway.testing.kube;

import io.fabric8.mockwebserver.http.MockResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.slipway.testing.kube.ApiResponses.json;
import static io.slipway.testing.kube.ApiResponses.status;

/**
 * {@code /openapi/v2} and {@code /openapi/v3[/...]}, built from the types served at the time of the request.
 * <p>
 * kubectl 1.32 asks for v2 as protobuf only ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf})
 * and cannot read JSON there; it reads v3 as JSON, and with the v3 documents it needs v2 neither for
 * {@code apply} (the server validates fields) nor for {@code explain}. So v2 is served as JSON to clients that
 * accept JSON, and a protobuf-only request gets 406 rather than a body the client cannot parse.
 */
final class OpenApiEndpoints {
    private final Supplier<List<ApiResourceType>> types;
    private final String kubernetesVersion;

    OpenApiEndpoints(Supplier<List<ApiResourceType>> types, String kubernetesVersion) {
        this.types = types;
        this.kubernetesVersion = kubernetesVersion;
    }

    /** The answer to {@code GET path}, or empty when the path is not an OpenAPI path. */
    Optional<MockResponse> answer(String path, String accept) {
        if (!path.equals("/openapi") && !path.startsWith("/openapi/")) {
            return Optional.empty();
        }
        OpenApiDocuments documents = new OpenApiDocuments(types.get(), kubernetesVersion);
        if (path.equals("/openapi/v2")) {
            if (!acceptsJson(accept)) {
                return Optional.of(status(406, "NotAcceptable", "only the following media types are accepted: "
                        + ApiResponses.JSON + " (the embedded test API does not encode OpenAPI v2 as protobuf)", null));
            }
            return Optional.of(json(200, documents.v2()));
        }
        if (path.equals("/openapi/v3")) {
            return Optional.of(json(200, documents.v3Index()));
        }
        if (path.startsWith("/openapi/v3/")) {
            return Optional.of(documents.v3(path.substring("/openapi/v3/".length()))
                    .map(doc -> json(200, doc)).orElseGet(ApiResponses::notFound));
        }
        return Optional.of(ApiResponses.notFound());
    }

    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String mediaType : accept.split(",")) {
            String type = mediaType.split(";")[0].trim();
            if (type.equals(ApiResponses.JSON) || type.equals("application/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
