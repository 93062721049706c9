package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.slipway.testing.kube.admission.AdmissionException;
import io.slipway.testing.kube.admission.Admitted;
import io.slipway.testing.kube.admission.CustomResourceAdmission;
import io.slipway.testing.kube.admission.CustomResourceType;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.slipway.testing.kube.ApiResponses.JSON;
import static io.slipway.testing.kube.ApiResponses.json;
import static io.slipway.testing.kube.ApiResponses.status;

/**
 * Answers HTTP requests like a Kubernetes API server, on top of Fabric8's CRUD mock store.
 * <p>
 * The store keeps the objects, notifies watchers and handles status-vs-spec separation, generation and
 * resourceVersion. This class reads and writes resources with what the mock lacks (correct patch semantics,
 * server-side apply, deletion with finalizers, pruning) and routes everything else to the store; discovery
 * ({@link DiscoveryEndpoints}), OpenAPI ({@link OpenApiEndpoints}) and Tables ({@link TableConverter}) are
 * answered by their own classes, plain-HTTP watches by {@link PlainHttpWatches} in front of it. All writes are
 * serialized, so each read-modify-write below is atomic.
 */
final class KubeApiDispatcher extends Dispatcher {
    private static final Logger LOG = Logger.getLogger(KubeApiDispatcher.class.getName());
    private static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WatchEvents watchEvents = new WatchEvents();
    private final GarbageCollector garbageCollector = new GarbageCollector(new GarbageCollector.Api() {
        @Override
        public List<JsonNode> storedObjects() {
            return store.storedObjects();
        }

        @Override
        public Optional<ResourcePath> pathOf(JsonNode object) {
            return resourcePath(object);
        }

        @Override
        public void delete(ResourcePath path) {
            KubeApiDispatcher.this.delete(path, path.objectPath(), Map.of(),
                    request(HttpMethod.DELETE, path.objectPath(), JsonNodes.object()));
        }

        @Override
        public void update(ResourcePath path, JsonNode current, ObjectNode updated) {
            store(path, current, updated, Map.of());
        }
    });
    private final PublishingStore store = new PublishingStore(watchEvents, garbageCollector::removed);
    private final DisruptionController disruption;
    private final ApiCatalog catalog = new ApiCatalog(this::storedCrds);
    private final CustomResourceAdmission admission = new CustomResourceAdmission();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Server-side apply: the last configuration each field manager applied, per object uid and subresource. */
    private final Map<String, JsonNode> lastApplied = new ConcurrentHashMap<>();
    private final DiscoveryEndpoints discovery;
    private final OpenApiEndpoints openApi;
    private final Clock clock;

    KubeApiDispatcher(Supplier<String> serverAddress, String kubernetesVersion, Clock clock) {
        Supplier<List<ApiResourceType>> types = () -> withReadLock(catalog::types);
        this.discovery = new DiscoveryEndpoints(types, serverAddress, kubernetesVersion);
        this.openApi = new OpenApiEndpoints(types, kubernetesVersion);
        this.clock = clock;
        this.disruption = new DisruptionController(new DisruptionController.Api() {
            @Override
            public List<JsonNode> list(String group, String plural, String namespace) {
                return items(group, plural, namespace);
            }

            @Override
            public Optional<JsonNode> get(String group, String plural, String namespace, String name) {
                return current(new ResourcePath(group, "v1", namespace, plural, name, null));
            }

            @Override
            public void writeStatus(ResourcePath path, JsonNode current, ObjectNode updated) {
                store(path, current, updated, Map.of());
            }
        }, clock);
        createInitialNamespaces();
    }

    CustomResourceAdmission admission() {
        return admission;
    }

    /** Forgets every stored object, then recreates the initial namespaces. */
    void reset() {
        withWriteLock(() -> {
            store.reset();
            garbageCollector.forget();
            lastApplied.clear();
            createInitialNamespaces();
            return null;
        });
    }

    private void createInitialNamespaces() {
        for (String namespace : INITIAL_NAMESPACES) {
            ObjectNode ns = JsonNodes.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", namespace);
            ns.putObject("spec").putArray("finalizers").add("kubernetes");
            ns.putObject("status").put("phase", "Active");
            store.handleCreate(request(HttpMethod.POST, "/api/v1/namespaces", ns));
        }
    }

    /** kubectl's typed commands ({@code create namespace}, {@code create secret}, ...) send protobuf bodies. */
    static final String PROTOBUF_REFUSED = "this test API reads JSON and YAML bodies, not the protobuf that kubectl create"
            + " <kind> sends: use kubectl apply, e.g. kubectl create namespace team-a --dry-run=client -o yaml | kubectl apply -f -";

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return status(e.code, e.reason, e.getMessage(), null);
        } catch (AdmissionException e) {
            return json(e.code(), e.status());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mock API failed on " + request, e);
            return status(500, "InternalError", "mock API: " + e, null);
        }
    }

    private MockResponse route(RecordedRequest request) {
        String uri = request.getPath();
        int q = uri.indexOf('?');
        String pathWithSlash = q < 0 ? uri : uri.substring(0, q);
        String rawPath = pathWithSlash.length() > 1 && pathWithSlash.endsWith("/")
                ? pathWithSlash.substring(0, pathWithSlash.length() - 1) : pathWithSlash;
        Map<String, String> query = parseQuery(q < 0 ? "" : uri.substring(q + 1));
        if (request.method() == HttpMethod.GET) {
            String accept = request.getHeader("Accept");
            Optional<MockResponse> nonResource = discovery.answer(rawPath, accept).or(() -> openApi.answer(rawPath, accept));
            if (nonResource.isPresent()) {
                return nonResource.get();
            }
        }
        ResourcePath path = ResourcePath.parse(rawPath);
        if (path == null) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        return switch (request.method()) {
            case GET -> withReadLock(() -> read(path, uri, query, request));
            case POST -> withWriteLock(() -> collectingGarbage(path, () -> create(path, query, request)));
            case PUT -> withWriteLock(() -> collectingGarbage(path, () -> update(path, query, request)));
            case PATCH -> withWriteLock(() -> collectingGarbage(path, () -> patch(path, query, request)));
            case DELETE -> withWriteLock(() -> collectingGarbage(path, () -> delete(path, uri, query, request)));
            default -> throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        };
    }

    /**
     * Runs a write, then lets the garbage collector delete what the objects it removed owned, then the disruption
     * controller bring the budgets of the written namespace up to date.
     */
    private MockResponse collectingGarbage(ResourcePath path, Supplier<MockResponse> write) {
        try {
            return write.get();
        } finally {
            garbageCollector.collect();
            if (DisruptionController.triggeredBy(path)) {
                disruption.sync(path.namespace());
            }
        }
    }

    /** The stored objects of a kind in a namespace. */
    private List<JsonNode> items(String group, String plural, String namespace) {
        String collection = (group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1") + "/namespaces/" + namespace + "/" + plural;
        List<JsonNode> items = new ArrayList<>();
        JsonNodes.parseJson(text(store.handleGet(collection))).path("items").forEach(items::add);
        return items;
    }

    /** Every change to the stored objects, for {@link PlainHttpWatches}. */
    WatchEvents watchEvents() {
        return watchEvents;
    }

    Optional<ApiResourceType> resourceType(ResourcePath path) {
        return withReadLock(() -> catalog.find(path.group(), path.version(), path.plural()));
    }

    private List<JsonNode> storedCrds() {
        JsonNode list = JsonNodes.parseJson(text(store.handleGet(ApiCatalog.CRD_PATH)));
        List<JsonNode> crds = new ArrayList<>();
        list.path("items").forEach(crds::add);
        return crds;
    }

    // ---- reads --------------------------------------------------------------------------------------------

    private MockResponse read(ResourcePath path, String uri, Map<String, String> query, RecordedRequest request) {
        if ("true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
            if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                throw new ApiException(405, "MethodNotAllowed", "plain-HTTP watches are served by PlainHttpWatches, not here");
            }
            // the store matches no object on a field it does not index (spec.nodeName): it is given the part it
            // matches, so such a watch hears every object's events; its client filters (the operator does)
            FieldSelector watched = FieldSelector.parse(query.get("fieldSelector"));
            return store.handleGet(watched.requirements().isEmpty() ? uri : withoutFieldRequirements(uri, watched));
        }
        FieldSelector selector = FieldSelector.parse(query.get("fieldSelector"));
        MockResponse response = store.handleGet(storeQuery(path, query, selector));
        if (response.code() == 404) {
            throw notFound(path);
        }
        JsonNode body = JsonNodes.parseJson(text(response));
        if (path.name() == null && body.path("items") instanceof ArrayNode items) {
            items.removeIf(item -> !selector.matches(item));
        }
        Optional<ApiResourceType> type = catalog.find(path.group(), path.version(), path.plural());
        if (path.name() == null && body instanceof ObjectNode list && type.isPresent()) {
            list.put("kind", type.get().kind() + "List").put("apiVersion", type.get().groupVersion());
        }
        if (TableConverter.requested(request.getHeader("Accept"))) {
            return json(200, TableConverter.forAnswer(type, body, path.name() == null, query.get("includeObject"), clock.instant()));
        }
        return json(200, body);
    }

    private static String withoutFieldRequirements(String uri, FieldSelector selector) {
        int q = uri.indexOf('?');
        List<String> params = new ArrayList<>();
        for (String param : uri.substring(q + 1).split("&")) {
            if (!param.startsWith("fieldSelector=")) {
                params.add(param);
            }
        }
        if (!selector.storeSelector().isEmpty()) {
            params.add("fieldSelector=" + URLEncoder.encode(selector.storeSelector(), StandardCharsets.UTF_8));
        }
        return uri.substring(0, q) + "?" + String.join("&", params);
    }

    /** The store understands label selectors and metadata.name/namespace field selectors; other fields are filtered here. */
    private static String storeQuery(ResourcePath path, Map<String, String> query, FieldSelector selector) {
        String rawPath = path.name() == null ? path.collectionPath()
                : path.objectPath() + (path.subresource() == null ? "" : "/" + path.subresource());
        List<String> params = new ArrayList<>();
        if (query.containsKey("labelSelector")) {
            params.add("labelSelector=" + URLEncoder.encode(query.get("labelSelector"), StandardCharsets.UTF_8));
        }
        if (!selector.storeSelector().isEmpty()) {
            params.add("fieldSelector=" + URLEncoder.encode(selector.storeSelector(), StandardCharsets.UTF_8));
        }
        return params.isEmpty() ? rawPath : rawPath + "?" + String.join("&", params);
    }

    // ---- writes -------------------------------------------------------------------------------------------

    private MockResponse create(ResourcePath path, Map<String, String> query, RecordedRequest request) {
        if (path.name() != null) {
            if (path.group().isEmpty() && path.plural().equals("pods") && "eviction".equals(path.subresource())) {
                return evict(path, query);
            }
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        ObjectNode body = objectBody(request);
        ObjectNode metadata = objectField(body, "metadata");
        if (isBlank(metadata.path("name").asText(null)) && !isBlank(metadata.path("generateName").asText(null))) {
            metadata.put("name", metadata.get("generateName").asText() + randomSuffix());
        }
        return createObject(path, body, query);
    }

    private MockResponse createObject(ResourcePath path, ObjectNode request, Map<String, String> query) {
        Admitted admitted = admit(path, request, null, query);
        ObjectNode body = admitted.object();
        if (isCrd(path)) {
            establish(body);
        }
        if (isDryRun(query)) {
            return warned(json(201, body), admitted);
        }
        MockResponse response = store.handleCreate(request(HttpMethod.POST, path.collectionPath(), body));
        return warned(checked(response, path.withName(body.path("metadata").path("name").asText()), HttpMethod.POST), admitted);
    }

    private MockResponse update(ResourcePath path, Map<String, String> query, RecordedRequest request) {
        JsonNode current = current(path).orElseThrow(() -> notFound(path));
        ObjectNode body = objectBody(request);
        boolean customResource = BuiltInApiResources.ALL.stream().noneMatch(t ->
                t.group().equals(path.group()) && t.plural().equals(path.plural()));
        if (customResource && isBlank(JsonNodes.text(body, "metadata", "resourceVersion"))) {
            throw new ApiException(422, "Invalid", path.qualifiedPlural() + " \"" + path.name()
                    + "\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
        }
        return store(path, current, body, query);
    }

    private MockResponse patch(ResourcePath path, Map<String, String> query, RecordedRequest request) {
        if (path.name() == null) {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("")
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
        String text = bodyText(request);
        Optional<JsonNode> current = current(path);
        if (contentType.equals("application/apply-patch+yaml")) {
            return apply(path, current.orElse(null), JsonNodes.parseYaml(text), query);
        }
        JsonNode existing = current.orElseThrow(() -> notFound(path));
        JsonNode target = switch (contentType) {
            case "application/json-patch+json" -> {
                try {
                    yield JsonPatch.apply(JsonNodes.parseJson(text), existing);
                } catch (JsonPatchException | IllegalArgumentException e) {
                    throw new ApiException(422, "Invalid", "the JSON patch could not be applied: " + e.getMessage());
                }
            }
            case "application/merge-patch+json" -> JsonMergePatch.apply(existing, JsonNodes.parseJson(text));
            // Strategic merge is approximated by a merge patch: lists are replaced, not merged by key.
            case "application/strategic-merge-patch+json" ->
                    JsonMergePatch.apply(existing, withoutDirectives(JsonNodes.parseJson(text)));
            default -> throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                    + "application/apply-patch+yaml, application/strategic-merge-patch+json");
        };
        if (!target.isObject()) {
            throw new ApiException(422, "Invalid", "the patch must produce an object");
        }
        return store(path, existing, (ObjectNode) target, query);
    }

    /**
     * Server-side apply, emulated as a three-way merge patch: fields the same field manager applied last time and
     * no longer applies are removed, the rest is merged. Ownership conflicts between managers are not modelled.
     */
    private MockResponse apply(ResourcePath path, JsonNode current, JsonNode config, Map<String, String> query) {
        if (!config.isObject()) {
            throw new ApiException(400, "BadRequest", "an apply configuration must be an object");
        }
        String manager = query.getOrDefault("fieldManager", "");
        if (manager.isEmpty()) {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch");
        }
        String subresource = path.subresource() == null ? "" : path.subresource();
        if (current == null) {
            if (!subresource.isEmpty()) {
                throw notFound(path);
            }
            ObjectNode body = ((ObjectNode) config).deepCopy();
            objectField(body, "metadata").put("name", path.name());
            MockResponse created = createObject(path, body, query);
            if (created.code() == 201 && !isDryRun(query)) {
                String uid = JsonNodes.text(JsonNodes.parseJson(text(created)), "metadata", "uid");
                lastApplied.put(uid + "|" + manager + "|", config.deepCopy());
            }
            return created;
        }
        String key = JsonNodes.text(current, "metadata", "uid") + "|" + manager + "|" + subresource;
        JsonNode previous = lastApplied.get(key);
        JsonNode patch = JsonMergePatch.apply(JsonMergePatch.removals(previous, config), config);
        JsonNode target = JsonMergePatch.apply(current, patch);
        keepOthersFinalizers(current, previous, config, (ObjectNode) target);
        MockResponse response = store(path, current, (ObjectNode) target, query);
        if (response.code() < 300 && !isDryRun(query)) {
            lastApplied.put(key, config.deepCopy());
        }
        return response;
    }

    /**
     * metadata.finalizers is a set (listType=set): an apply adds its own items and removes only those it applied
     * before and no longer applies; the finalizers of other managers stay (JOSDK's own and a user's alike).
     */
    private static void keepOthersFinalizers(JsonNode current, JsonNode previous, JsonNode config, ObjectNode target) {
        LinkedHashSet<String> finalizers = new LinkedHashSet<>();
        current.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        Set<String> applied = new HashSet<>();
        config.path("metadata").path("finalizers").forEach(f -> applied.add(f.asText()));
        if (previous != null) {
            previous.path("metadata").path("finalizers").forEach(f -> {
                if (!applied.contains(f.asText())) finalizers.remove(f.asText());
            });
        }
        finalizers.addAll(applied);
        if (finalizers.isEmpty()) {
            if (target.get("metadata") instanceof ObjectNode metadata) metadata.remove("finalizers");
            return;
        }
        ArrayNode list = objectField(target, "metadata").putArray("finalizers");
        finalizers.forEach(list::add);
    }

    /** Writes the complete new state of an object (or of its status) through the store's update path. */
    private MockResponse store(ResourcePath path, JsonNode current, ObjectNode requested, Map<String, String> query) {
        if (path.subresource() == null) {
            keepDeletionState(path, current, requested);
            if (isCrd(path)) {
                establish(requested);
            }
        }
        Admitted admitted = admit(path, requested, current, query);
        ObjectNode target = admitted.object();
        if (isDryRun(query)) {
            return warned(json(200, target), admitted);
        }
        String objectPath = path.objectPath() + (path.subresource() == null ? "" : "/" + path.subresource());
        MockResponse response = checked(store.handleUpdate(request(HttpMethod.PUT, objectPath, target)), path, HttpMethod.PUT);
        if (response.code() == 200 && (response.getBody() == null || response.getBody().size() == 0)) {
            // the update removed the last finalizer of an object being deleted: the store dropped it
            forgetAppliedConfigurations(current);
            return warned(json(200, target), admitted);
        }
        return warned(response, admitted);
    }

    /**
     * The API server owns deletionTimestamp: clients can neither set nor clear it, and an object being deleted
     * accepts no new finalizers. The mock would drop a deletionTimestamp missing from an update body.
     */
    private static void keepDeletionState(ResourcePath path, JsonNode current, ObjectNode target) {
        ObjectNode metadata = objectField(target, "metadata");
        JsonNode currentMetadata = current.path("metadata");
        for (String field : List.of("deletionTimestamp", "deletionGracePeriodSeconds")) {
            if (currentMetadata.hasNonNull(field)) {
                metadata.set(field, currentMetadata.get(field).deepCopy());
            } else {
                metadata.remove(field);
            }
        }
        if (currentMetadata.hasNonNull("deletionTimestamp")) {
            Set<String> before = new HashSet<>();
            currentMetadata.path("finalizers").forEach(f -> before.add(f.asText()));
            List<String> added = new ArrayList<>();
            metadata.path("finalizers").forEach(f -> {
                if (!before.contains(f.asText())) added.add(f.asText());
            });
            if (!added.isEmpty()) {
                throw new ApiException(422, "Invalid", path.qualifiedPlural() + " \"" + path.name()
                        + "\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is "
                        + "being deleted, found new finalizers " + added);
            }
        }
    }

    private MockResponse delete(ResourcePath path, String uri, Map<String, String> query, RecordedRequest request) {
        if (path.name() == null) {
            return checked(store.handleDelete(uri), path, HttpMethod.DELETE);
        }
        JsonNode current = current(path).orElseThrow(() -> notFound(path));
        String text = bodyText(request);
        JsonNode options = text.isBlank() ? JsonNodes.object() : JsonNodes.parseJson(text);
        checkPreconditions(path, current, options.path("preconditions"));
        if (isDryRun(query) || options.path("dryRun").size() > 0) {
            return json(200, current);
        }
        AttributeSet key = store.findResource(store.getKey(path.objectPath())).getKey();
        JsonNode metadata = current.path("metadata");
        if (metadata.path("finalizers").isEmpty()) {
            store.processEvent(path.objectPath(), store.getKey(path.objectPath()), key, null, null);
            forgetAppliedConfigurations(current);
            return json(200, current);
        }
        if (metadata.hasNonNull("deletionTimestamp")) {
            return json(200, current);
        }
        ObjectNode marked = ((ObjectNode) current).deepCopy();
        ObjectNode markedMetadata = objectField(marked, "metadata");
        markedMetadata.put("deletionTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        markedMetadata.put("deletionGracePeriodSeconds", 0);
        if (metadata.path("generation").asLong(0) > 0) {
            // the API server bumps generation when it marks an object for deletion
            markedMetadata.put("generation", metadata.path("generation").asLong() + 1);
        }
        markedMetadata.put("resourceVersion", String.valueOf(store.requestResourceVersion()));
        String state = JsonNodes.write(marked);
        GenericKubernetesResource resource = JsonNodes.MAPPER.convertValue(marked, GenericKubernetesResource.class);
        store.processEvent(path.objectPath(), store.getKey(path.objectPath()), key, resource, state);
        return json(200, marked);
    }

    private static void checkPreconditions(ResourcePath path, JsonNode current, JsonNode preconditions) {
        for (String field : List.of("uid", "resourceVersion")) {
            String expected = preconditions.path(field).asText(null);
            String actual = JsonNodes.text(current, "metadata", field);
            if (expected != null && !expected.equals(actual)) {
                throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + path.qualifiedPlural() + " \""
                        + path.name() + "\": Precondition failed: " + field + " in precondition: " + expected
                        + ", " + field + " in object meta: " + actual);
            }
        }
    }

    /**
     * Eviction as the API server does it: a finished pod is deleted at once; otherwise the one PodDisruptionBudget
     * that selects the pod (more than one: 500) must allow the disruption, computed here from the namespace's pods
     * as the disruption controller would (a healthy pod needs disruptionsAllowed > 0; an unhealthy one only needs the
     * budget not to be short already), else 429 with the API server's message. The budget's status follows after
     * the write (see {@link DisruptionController}).
     */
    private MockResponse evict(ResourcePath path, Map<String, String> query) {
        ResourcePath podPath = path.withSubresource(null);
        JsonNode pod = current(podPath).orElseThrow(() -> notFound(podPath));
        if (!DisruptionBudgets.isTerminal(pod) && !pod.path("metadata").hasNonNull("deletionTimestamp")) {
            List<JsonNode> budgets = items("policy", "poddisruptionbudgets", path.namespace()).stream()
                    .filter(pdb -> DisruptionBudgets.selects(pdb, pod)).toList();
            if (budgets.size() > 1) {
                throw new ApiException(500, "InternalError",
                        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            }
            if (budgets.size() == 1) {
                JsonNode pdb = budgets.get(0);
                DisruptionBudgets.Numbers numbers = disruption.numbers(pdb, items("", "pods", path.namespace()));
                boolean allowed = DisruptionBudgets.isHealthy(pod) ? numbers.disruptionsAllowed() > 0 : !numbers.violated();
                if (!allowed) {
                    return tooManyRequests(pdb, numbers);
                }
            }
        }
        if (!isDryRun(query)) {
            delete(podPath, podPath.objectPath(), query, request(HttpMethod.DELETE, podPath.objectPath(), JsonNodes.object()));
        }
        ObjectNode success = JsonNodes.object().put("kind", "Status").put("apiVersion", "v1").put("status", "Success");
        success.putObject("metadata");
        return json(201, success);
    }

    private static MockResponse tooManyRequests(JsonNode pdb, DisruptionBudgets.Numbers numbers) {
        ObjectNode status = JsonNodes.object().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", "Cannot evict pod as it would violate the pod's disruption budget.")
                .put("reason", "TooManyRequests");
        status.putObject("details").putArray("causes").addObject().put("reason", "DisruptionBudget")
                .put("message", "The disruption budget " + pdb.path("metadata").path("name").asText() + " needs "
                        + numbers.desiredHealthy() + " healthy pods and has " + numbers.currentHealthy() + " currently");
        status.put("code", 429);
        return json(429, status);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static boolean isCrd(ResourcePath path) {
        return path.group().equals("apiextensions.k8s.io") && path.plural().equals("customresourcedefinitions");
    }

    /** The API server accepts a CRD's names and serves it at once: status says so, for {@code kubectl wait}. */
    private void establish(ObjectNode crd) {
        ObjectNode status = crd.putObject("status");
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        ArrayNode conditions = status.putArray("conditions");
        for (String[] c : new String[][] {{"NamesAccepted", "NoConflicts", "no conflicts found"},
                {"Established", "InitialNamesAccepted", "the initial names have been accepted"}}) {
            conditions.addObject().put("type", c[0]).put("status", "True").put("reason", c[1]).put("message", c[2])
                    .put("lastTransitionTime", now);
        }
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        ArrayNode stored = status.putArray("storedVersions");
        crd.path("spec").path("versions").forEach(v -> {
            if (v.path("storage").asBoolean(false)) stored.add(v.path("name").asText());
        });
    }

    /** Custom resources go through admission (built-in kinds have no schema here and are stored as they come). */
    private Admitted admit(ResourcePath path, ObjectNode object, JsonNode current, Map<String, String> query) {
        Optional<CustomResourceType> type = catalog.find(path.group(), path.version(), path.plural())
                .filter(t -> t.schema() != null && !t.schema().isMissingNode())
                .map(t -> new CustomResourceType(t.group(), t.version(), t.kind(), t.schema(),
                        t.subresources().stream().anyMatch(s -> s.name().endsWith("/status"))));
        if (type.isEmpty()) {
            return new Admitted(object, List.of());
        }
        return current == null ? admission.create(type.get(), object, query)
                : admission.update(type.get(), path.subresource(), object, current, query);
    }

    private static MockResponse warned(MockResponse response, Admitted admitted) {
        admitted.warningHeaders().forEach(warning -> response.addHeader("Warning", warning));
        return response;
    }

    private Optional<JsonNode> current(ResourcePath path) {
        MockResponse response = store.handleGet(path.objectPath());
        if (response.code() != 200) {
            return Optional.empty();
        }
        return Optional.of(JsonNodes.parseJson(text(response)));
    }

    /** Where a stored object lives, from its apiVersion and kind. */
    private Optional<ResourcePath> resourcePath(JsonNode object) {
        String apiVersion = Optional.ofNullable(JsonNodes.text(object, "apiVersion")).orElse("");
        String kind = JsonNodes.text(object, "kind");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String namespace = JsonNodes.text(object, "metadata", "namespace");
        String name = JsonNodes.text(object, "metadata", "name");
        return catalog.types().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.kind().equals(kind))
                .findFirst()
                .map(t -> new ResourcePath(group, version, t.namespaced() ? namespace : null, t.plural(), name, null));
    }

    private void forgetAppliedConfigurations(JsonNode object) {
        String uid = JsonNodes.text(object, "metadata", "uid");
        lastApplied.keySet().removeIf(k -> k.startsWith(uid + "|"));
    }

    /** Passes a store response on, turning its errors into proper {@code Status} objects. */
    private MockResponse checked(MockResponse response, ResourcePath path, HttpMethod method) {
        int code = response.code();
        if (code < 400) {
            response.setHeader("Content-Type", JSON);
            return response;
        }
        String body = text(response);
        String message = body.isBlank() ? null : JsonNodes.text(JsonNodes.parseJson(body), "message");
        return switch (code) {
            case 404 -> status(404, "NotFound", notFound(path).getMessage(), path);
            case 409 -> method == HttpMethod.POST
                    ? status(409, "AlreadyExists", path.qualifiedPlural() + " \"" + path.name() + "\" already exists", path)
                    : status(409, "Conflict", Optional.ofNullable(message).orElse("conflict"), path);
            case 422 -> status(422, "Invalid", Optional.ofNullable(message).orElse("invalid"), path);
            case 400 -> status(400, "BadRequest", Optional.ofNullable(message).orElse("bad request"), path);
            default -> status(code, "InternalError", Optional.ofNullable(message).orElse("error " + code), path);
        };
    }

    private static ApiException notFound(ResourcePath path) {
        return new ApiException(404, "NotFound", path.qualifiedPlural() + " \"" + path.name() + "\" not found");
    }

    private static RecordedRequest request(HttpMethod method, String path, JsonNode body) {
        Headers headers = Headers.builder().add("Content-Type", JSON).build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(JsonNodes.write(body).getBytes(StandardCharsets.UTF_8)));
    }

    /** The body of a response, leaving it in place (Buffer.readUtf8 empties the buffer). */
    private static String text(MockResponse response) {
        return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static String bodyText(RecordedRequest request) {
        Buffer body = request.getBody();
        return body == null || body.size() == 0 ? "" : new String(body.getBytes(), StandardCharsets.UTF_8);
    }

    private static ObjectNode objectBody(RecordedRequest request) {
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse(JSON);
        if (contentType.contains("protobuf")) {
            throw new ApiException(415, "UnsupportedMediaType", PROTOBUF_REFUSED);
        }
        String text = bodyText(request);
        JsonNode body = contentType.contains("yaml") ? JsonNodes.parseYaml(text) : JsonNodes.parseJson(text);
        if (!(body instanceof ObjectNode object)) {
            throw new ApiException(400, "BadRequest", "the body of the request must be an object");
        }
        return object;
    }

    /** Strategic-merge-patch directives ($patch, $setElementOrder/..., $retainKeys, ...) have no merge-patch meaning. */
    private static JsonNode withoutDirectives(JsonNode patch) {
        if (patch instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.properties().removeIf(e -> e.getKey().startsWith("$"));
            copy.properties().forEach(e -> e.setValue(withoutDirectives(e.getValue())));
            return copy;
        }
        return patch;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    private static boolean isDryRun(Map<String, String> query) {
        return query.containsKey("dryRun");
    }

    private static ObjectNode objectField(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return suffix.toString();
    }

    private <T> T withReadLock(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T withWriteLock(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
