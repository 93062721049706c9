/**
 * A Kubernetes API for tests and the local environment that both Fabric8/JOSDK and the real kubectl can use.
 * <p>
 * {@link io.slipway.testing.kube.KubeApiServer} is a Vert.x HTTP server on 127.0.0.1 in front of
 * {@link io.slipway.testing.kube.KubeApiDispatcher}, which keeps the objects in Fabric8's CRUD mock store
 * (the store also serves WebSocket watches). One class per concern: {@code DiscoveryEndpoints},
 * {@code OpenApiEndpoints}/{@code OpenApiDocuments}, {@code TableConverter} (printing), {@code PlainHttpWatches}
 * with {@code WatchEvents}/{@code PublishingStore} (plain-HTTP watches); the dispatcher keeps the resource
 * reads and writes. Together they fill these gaps of the mock (each one observed against the plain mock):
 * <ul>
 *   <li>Discovery: the plain mock answers {@code /apis} with a list of stored objects, {@code /api/v1} with an
 *       empty list and {@code /version} with 0.0. Here: {@code /version} (1.32), legacy discovery ({@code /api},
 *       {@code /api/v1}, {@code /apis}, {@code /apis/g}, {@code /apis/g/v}) and aggregated discovery
 *       ({@code apidiscovery.k8s.io/v2}, served when the Accept header asks for it, as kubectl 1.32 does), built
 *       from the built-in kinds plus every CRD stored at request time.</li>
 *   <li>OpenAPI: {@code /openapi/v3} (index with content hashes) and {@code /openapi/v3/apis/<g>/<v>}, the CRD's
 *       schema per custom kind and a skeleton per built-in kind, with PATCH operations that take
 *       {@code fieldValidation}; so kubectl validates on the server's side and {@code kubectl apply} needs no
 *       {@code --validate=false}, and {@code kubectl explain} works. {@code /openapi/v2} is JSON; kubectl asks
 *       for protobuf only there and gets 406 (it then does not need it).</li>
 *   <li>Watches over plain HTTP ({@code kubectl get -w}, {@code kubectl delete} waiting for finalizers,
 *       {@code kubectl wait}): chunked JSON events, from the existing objects or from a resourceVersion (the
 *       last {@value io.slipway.testing.kube.WatchEvents#HISTORY} changes are kept), label and field selectors,
 *       Tables for {@code kubectl get -w}. The plain mock answered such watches as WebSocket upgrades.</li>
 *   <li>Server-side printing: {@code kubectl get} asks for a {@code meta.k8s.io/v1 Table}; rows are built from
 *       the CRD's additionalPrinterColumns (dates as ages), so kubectl shows the printer columns.</li>
 *   <li>Status subresource: a PATCH/PUT on {@code .../name/status?anything} wrote the main resource and wiped
 *       the status in the plain mock; here the query string is ignored for routing.</li>
 *   <li>Patches: the plain mock's merge patch appends to arrays and stores {@code null}s; here RFC 7386.
 *       Strategic merge patches are treated as merge patches (lists replaced, directives dropped).
 *       Server-side apply ({@code application/apply-patch+yaml}) is a three-way merge patch per field manager
 *       (fields the manager applied before and no longer applies are removed) and creates missing objects;
 *       ownership conflicts between managers are not modelled. JSON patches that do not apply (e.g. an
 *       {@code add} below a missing parent) are refused with 422 as on a real API server; the plain mock
 *       silently created the parents.</li>
 *   <li>Deletion: an object with finalizers gets deletionTimestamp and a generation bump, is returned as such,
 *       and stays until its last finalizer is removed; updates can neither clear deletionTimestamp nor add
 *       finalizers while it is set (422). The plain mock returned the pre-delete object, let an update drop
 *       deletionTimestamp, and accepted new (even duplicate) finalizers. Delete preconditions are checked.</li>
 *   <li>Custom resources go through admission ({@link io.slipway.testing.kube.admission}) as on a real API server:
 *       unknown fields pruned (with the {@code unknown field "spec.foo"} warning, or 400 under
 *       {@code fieldValidation=Strict}), schema defaults applied, then the structural schema and the CEL rules
 *       (transition rules included) checked; a refusal is a 422 Invalid {@code Status} with field causes;
 *       {@code dryRun=All} admits and stores nothing. {@code KubeApiServer#setCustomResourceValidation(false)} lets
 *       invalid objects in (pruned and defaulted), for tests of the operator's own validation. A PUT needs
 *       metadata.resourceVersion (422 otherwise); a stale resourceVersion is a 409 Conflict. CRDs get
 *       Established/NamesAccepted status.</li>
 *   <li>Errors are {@code Status} objects with the API server's reasons and messages (NotFound,
 *       AlreadyExists, Conflict, Invalid); lists carry their kind ({@code ClusterList}).</li>
 *   <li>{@code pods/eviction} with PodDisruptionBudgets ({@code DisruptionBudgets}): 429 with the API server's
 *       message when the one budget selecting the pod would be violated (500 for more than one), otherwise the pod is
 *       deleted; a disruption controller ({@code DisruptionController}) recomputes the budgets' status (currentHealthy,
 *       desiredHealthy, expectedPods, disruptionsAllowed) after every write to pods, budgets or apps controllers.</li>
 *   <li>Field selectors on lists work on any field (e.g. pods by {@code spec.nodeName}); the plain mock matched
 *       only metadata.name/namespace and returned nothing for other fields.</li>
 *   <li>Namespaces default, kube-system, kube-public, kube-node-lease exist from the start.</li>
 *   <li>Garbage collection ({@code GarbageCollector}), as kube-controller-manager's with background propagation:
 *       once an object is removed (a delete without finalizers, the removal of its last finalizer, a collection
 *       delete), the objects whose ownerReferences name its uid (same namespace, or any namespace for a
 *       cluster-scoped owner) are deleted through the same delete path, recursively; one with another owner left
 *       only loses the reference to the gone one. Synchronous, at the end of the request that removed the owner.
 *       Orphan and Foreground propagation are not modelled (treated as Background).</li>
 * </ul>
 * Still missing: validation of metadata (names), admission webhooks,
 * namespace deletion of contents, graceful pod deletion, field selectors on WebSocket watches other than
 * metadata.name/namespace, watch bookmarks, pagination, protobuf, and OpenAPI schemas of the built-in kinds.
 */
package io.slipway.testing.kube;
