package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies an addon's rendered objects to the workload cluster with server-side apply (field manager
 * {@value AddonLabels#FIELD_MANAGER}, force), CustomResourceDefinitions and Namespaces first, and then removes what
 * the addon's previous apply had and this one no longer has (but CRDs, as Helm). Every reconcile applies every object
 * again, so a change made in the workload cluster to a field the chart sets is put back.
 */
class AddonApplier {
    private static final String CRD_KIND = "CustomResourceDefinition";
    private static final int MAX_NAMED_FAILURES = 3;

    /** Applies {@code objects} as the current version of {@code addon}; never throws for a failing object. */
    AddonResult apply(KubernetesClient client, ChannelAddon addon, List<GenericKubernetesResource> objects) {
        ApiKinds kinds = new ApiKinds(client);
        List<GenericKubernetesResource> early = objects.stream().filter(AddonApplier::isEarly).toList();
        List<GenericKubernetesResource> rest = objects.stream().filter(o -> !isEarly(o)).toList();

        AddonInventory.Recorded inventory = AddonInventory.read(client, addon.name());
        Set<ObjectRef> previous = inventory.objects();
        Set<ObjectRef> recorded = new LinkedHashSet<>(previous);
        Map<ObjectRef, String> failures = new LinkedHashMap<>();
        Set<ObjectRef> applied = new LinkedHashSet<>();
        for (List<GenericKubernetesResource> phase : List.of(early, rest)) {
            kinds.forget(); // the CRDs of the first phase are served in the second
            Map<GenericKubernetesResource, ResourceDefinitionContext> resolved = new LinkedHashMap<>();
            for (GenericKubernetesResource object : phase) {
                Optional<ResourceDefinitionContext> kind = kinds.find(object.getApiVersion(), object.getKind());
                if (kind.isEmpty()) {
                    failures.put(ObjectRef.of(object), "the workload cluster does not serve " + object.getApiVersion()
                            + " " + object.getKind());
                } else {
                    resolved.put(labelled(object, addon, kind.get().isNamespaceScoped()), kind.get());
                }
            }
            Set<ObjectRef> refs = new LinkedHashSet<>();
            resolved.keySet().forEach(o -> refs.add(ObjectRef.of(o)));
            if (!recorded.containsAll(refs)) {
                // recorded before they exist, so that after a crash from here on a later apply can still prune them
                recorded.addAll(refs);
                AddonInventory.write(client, addon, recorded);
            }
            resolved.forEach((object, kind) -> {
                ObjectRef ref = ObjectRef.of(object);
                try {
                    var operation = kinds.operation(kind);
                    var resource = kind.isNamespaceScoped()
                            ? operation.inNamespace(object.getMetadata().getNamespace()).resource(object)
                            : operation.resource(object);
                    resource.fieldManager(AddonLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
                    applied.add(ref);
                } catch (KubernetesClientException e) {
                    failures.put(ref, reason(e));
                }
            });
        }
        int total = objects.size();
        if (!failures.isEmpty()) {
            return AddonResult.failed(addon, failureMessage(failures, total));
        }
        List<String> pruneFailures = new ArrayList<>();
        int pruned = 0;
        for (ObjectRef gone : previous) {
            // as Helm never deletes a CRD: that would delete every custom resource of its kind in the cluster
            if (applied.contains(gone) || CRD_KIND.equals(gone.kind())) continue;
            try {
                if (prune(kinds, addon, gone)) pruned++;
            } catch (KubernetesClientException e) {
                pruneFailures.add(gone + ": " + reason(e));
            }
        }
        if (!pruneFailures.isEmpty()) {
            return AddonResult.failed(addon, "applied " + applied.size() + " objects, but could not remove what "
                    + "the previous version had: " + String.join("; ", pruneFailures.subList(0,
                    Math.min(MAX_NAMED_FAILURES, pruneFailures.size()))));
        }
        if (!applied.equals(previous) || !addon.version().equals(inventory.version())) {
            AddonInventory.write(client, addon, applied);
        }
        return AddonResult.applied(addon, applied.size(), pruned);
    }

    /** Deletes an object the previous version had, if it still carries this addon's label; true if it was there. */
    private static boolean prune(ApiKinds kinds, ChannelAddon addon, ObjectRef gone) {
        Optional<ResourceDefinitionContext> kind = kinds.find(gone.apiVersion(), gone.kind());
        if (kind.isEmpty()) {
            return false;
        }
        var operation = kinds.operation(kind.get());
        var resource = kind.get().isNamespaceScoped()
                ? operation.inNamespace(gone.namespace()).withName(gone.name())
                : operation.withName(gone.name());
        GenericKubernetesResource live = resource.get();
        if (live == null || live.getMetadata().getLabels() == null
                || !addon.name().equals(live.getMetadata().getLabels().get(AddonLabels.ADDON))) {
            return false;
        }
        resource.delete();
        return true;
    }

    /** A copy carrying the addon's labels, in the addon's namespace when the kind is namespaced and names none. */
    static GenericKubernetesResource labelled(GenericKubernetesResource object, ChannelAddon addon, boolean namespaced) {
        GenericKubernetesResource copy = new GenericKubernetesResource();
        copy.setApiVersion(object.getApiVersion());
        copy.setKind(object.getKind());
        copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(object.getMetadata()).build());
        copy.setAdditionalProperties(new LinkedHashMap<>(object.getAdditionalProperties()));
        Map<String, String> labels = new LinkedHashMap<>();
        if (object.getMetadata().getLabels() != null) labels.putAll(object.getMetadata().getLabels());
        labels.put(AddonLabels.ADDON, addon.name());
        labels.put(AddonLabels.VERSION, labelValue(addon.version()));
        copy.getMetadata().setLabels(labels);
        if (!namespaced) {
            copy.getMetadata().setNamespace(null);
        } else if (copy.getMetadata().getNamespace() == null || copy.getMetadata().getNamespace().isBlank()) {
            copy.getMetadata().setNamespace(addon.namespace());
        }
        return copy;
    }

    /** A chart version as a label value: at most 63 characters of [A-Za-z0-9._-] ("+" of semver build metadata is not). */
    static String labelValue(String version) {
        String value = version.replaceAll("[^A-Za-z0-9._-]", "_");
        value = value.length() > 63 ? value.substring(0, 63) : value;
        return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    private static boolean isEarly(GenericKubernetesResource object) {
        return CRD_KIND.equals(object.getKind()) || "Namespace".equals(object.getKind());
    }

    private static String failureMessage(Map<ObjectRef, String> failures, int total) {
        StringBuilder message = new StringBuilder(failures.size() + " of " + total + " objects not applied: ");
        List<String> named = failures.entrySet().stream().limit(MAX_NAMED_FAILURES)
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
        message.append(String.join("; ", named));
        if (failures.size() > MAX_NAMED_FAILURES) {
            message.append("; and ").append(failures.size() - MAX_NAMED_FAILURES).append(" more");
        }
        return message.toString();
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return "HTTP " + e.getCode() + " " + e.getStatus().getMessage();
        }
        return e.getCode() > 0 ? "HTTP " + e.getCode() + " " + e.getMessage() : String.valueOf(e.getMessage());
    }
}
