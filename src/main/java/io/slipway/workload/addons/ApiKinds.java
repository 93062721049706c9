package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workload cluster's kinds as its discovery documents them (plural, namespaced), asked once per group version
 * and apply: the CRDs an addon brings become known after they are applied, so {@link #forget()} drops what was
 * learnt before.
 */
final class ApiKinds {
    private final KubernetesClient client;
    private final Map<String, Optional<APIResourceList>> byGroupVersion = new HashMap<>();

    ApiKinds(KubernetesClient client) {
        this.client = client;
    }

    /** The kind's definition, or empty when the server does not serve it (yet). */
    Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
        Optional<APIResourceList> list = byGroupVersion.computeIfAbsent(apiVersion,
                gv -> Optional.ofNullable(client.getApiResources(gv)));
        return list.flatMap(l -> l.getResources().stream()
                        .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
                        .findFirst())
                .map(r -> context(apiVersion, r));
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operation(
            ResourceDefinitionContext context) {
        return client.genericKubernetesResources(context);
    }

    void forget() {
        byGroupVersion.clear();
    }

    private static ResourceDefinitionContext context(String apiVersion, APIResource resource) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withKind(resource.getKind())
                .withPlural(resource.getName())
                .withNamespaced(Boolean.TRUE.equals(resource.getNamespaced()))
                .build();
    }
}
