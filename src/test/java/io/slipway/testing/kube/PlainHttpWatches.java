package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Watches over plain HTTP, as {@code kubectl get -w} and {@code kubectl delete --wait} make them: a chunked
 * response with one JSON watch event per line, open until the client goes or {@code timeoutSeconds} pass.
 * (The Fabric8 store streams watches over WebSocket only; its clients keep using that.)
 * <p>
 * Without a resourceVersion (or with "0") the stream starts with an ADDED event per existing object, as on a
 * real server; with one, it starts with the changes after it. Under {@code Accept: ...;as=Table} each event
 * carries a one-row Table, which is what {@code kubectl get -w} prints.
 */
final class PlainHttpWatches {
    private final KubeApiDispatcher dispatcher;
    private final WatchEvents events;
    private final Clock clock;

    PlainHttpWatches(KubeApiDispatcher dispatcher, WatchEvents events, Clock clock) {
        this.dispatcher = dispatcher;
        this.events = events;
        this.clock = clock;
    }

    static boolean isPlainHttpWatch(HttpServerRequest request) {
        String watch = request.getParam("watch");
        return request.method() == io.vertx.core.http.HttpMethod.GET && ("true".equals(watch) || "1".equals(watch))
                && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    void serve(HttpServerRequest request, Vertx vertx) {
        HttpServerResponse response = request.response();
        try {
            ResourcePath path = ResourcePath.parse(request.path());
            if (path == null || path.subresource() != null) {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }
            Predicate<JsonNode> selected = selection(path, request);
            Optional<ApiResourceType> type = dispatcher.resourceType(path);
            boolean table = TableConverter.requested(request.getHeader("Accept"));
            String includeObject = request.getParam("includeObject");
            Context context = vertx.getOrCreateContext();

            String requestedVersion = request.getParam("resourceVersion");
            List<JsonNode> existing = new ArrayList<>();
            long from;
            if (requestedVersion == null || requestedVersion.isEmpty() || requestedVersion.equals("0")) {
                JsonNode list = list(path, request);
                // the store's label selectors know no set terms (in, notin): the watch's own selection decides
                list.path("items").forEach(item -> {
                    if (selected.test(item)) existing.add(item);
                });
                from = Long.parseLong(Optional.ofNullable(JsonNodes.text(list, "metadata", "resourceVersion")).orElse("0"));
            } else {
                from = parseVersion(requestedVersion);
            }
            WatchEvents.Subscription subscription = events.subscribe(from, event -> {
                if (event.group().equals(path.group()) && event.plural().equals(path.plural()) && selected.test(event.object())) {
                    context.runOnContext(v -> write(response, event.type(), event.object(), type, table, includeObject));
                }
            });
            response.closeHandler(v -> subscription.close());
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", ApiResponses.JSON).writeHead();
            existing.forEach(object -> write(response, "ADDED", object, type, table, includeObject));
            String timeout = request.getParam("timeoutSeconds");
            if (timeout != null && !timeout.isBlank()) {
                vertx.setTimer(Math.max(1, Long.parseLong(timeout)) * 1000, id -> {
                    subscription.close();
                    if (!response.ended()) response.end();
                });
            }
        } catch (ApiException e) {
            MockResponse status = ApiResponses.status(e.code, e.reason, e.getMessage(), null);
            response.setStatusCode(e.code).putHeader("Content-Type", ApiResponses.JSON)
                    .end(new String(status.getBody().getBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Predicate<JsonNode> selection(ResourcePath path, HttpServerRequest request) {
        LabelSelector labels = LabelSelector.parse(request.getParam("labelSelector"));
        FieldSelector fields = FieldSelector.parse(request.getParam("fieldSelector"));
        return object -> (path.namespace() == null || path.namespace().equals(JsonNodes.text(object, "metadata", "namespace")))
                && (path.name() == null || path.name().equals(JsonNodes.text(object, "metadata", "name")))
                && labels.matches(object) && fields.matchesEveryTerm(object);
    }

    /** The objects the watch starts with, through the dispatcher's own list (selectors applied there). */
    private JsonNode list(ResourcePath path, HttpServerRequest request) {
        List<String> fieldTerms = new ArrayList<>();
        Optional.ofNullable(request.getParam("fieldSelector")).filter(f -> !f.isBlank()).ifPresent(fieldTerms::add);
        if (path.name() != null) {
            fieldTerms.add("metadata.name=" + path.name());
        }
        List<String> params = new ArrayList<>();
        Optional.ofNullable(request.getParam("labelSelector"))
                .ifPresent(labels -> params.add("labelSelector=" + URLEncoder.encode(labels, StandardCharsets.UTF_8)));
        if (!fieldTerms.isEmpty()) {
            params.add("fieldSelector=" + URLEncoder.encode(String.join(",", fieldTerms), StandardCharsets.UTF_8));
        }
        String uri = path.collectionPath() + (params.isEmpty() ? "" : "?" + String.join("&", params));
        MockResponse response = dispatcher.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, uri,
                Headers.builder().add("Accept", ApiResponses.JSON).build(), new Buffer()));
        JsonNode body = JsonNodes.parseJson(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
        if (response.code() != 200) {
            throw new ApiException(response.code(), body.path("reason").asText("InternalError"), body.path("message").asText());
        }
        return body;
    }

    private void write(HttpServerResponse response, String eventType, JsonNode object, Optional<ApiResourceType> type,
                       boolean table, String includeObject) {
        if (response.ended() || response.closed()) {
            return;
        }
        ObjectNode event = JsonNodes.object().put("type", eventType);
        event.set("object", table ? TableConverter.forAnswer(type, object, false, includeObject, clock.instant()) : object);
        response.write(JsonNodes.write(event) + "\n");
    }

    private static long parseVersion(String resourceVersion) {
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "BadRequest", "invalid resource version: " + resourceVersion);
        }
    }
}
