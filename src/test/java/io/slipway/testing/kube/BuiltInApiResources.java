package io.slipway.testing.kube;

import io.slipway.testing.kube.ApiResourceType.PrinterColumn;
import io.slipway.testing.kube.ApiResourceType.Subresource;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.testing.kube.ApiResourceType.ALL_VERBS;
import static io.slipway.testing.kube.ApiResourceType.SUBRESOURCE_VERBS;
import static io.slipway.testing.kube.ApiResourceType.PrinterColumn.age;
import static io.slipway.testing.kube.ApiResourceType.PrinterColumn.of;
import static io.slipway.testing.kube.ApiResourceType.PrinterColumn.wide;

/** The built-in kinds the operator, its tests and kubectl need; the mock stores any of them without schema checks. */
final class BuiltInApiResources {
    private BuiltInApiResources() {
    }

    static final List<ApiResourceType> ALL = build();

    private static List<ApiResourceType> build() {
        List<ApiResourceType> all = new ArrayList<>();
        // core/v1
        all.add(type("", "v1", "namespaces", "Namespace", false, List.of("ns"), List.of(),
                List.of(sub("", "v1", "namespaces", "status", "Namespace"), sub("", "v1", "namespaces", "finalize", "Namespace")),
                of("Status", "string", ".status.phase"), age()));
        all.add(type("", "v1", "pods", "Pod", true, List.of("po"), List.of("all"),
                List.of(sub("", "v1", "pods", "status", "Pod"),
                        new Subresource("pods/eviction", "policy", "v1", "Eviction", List.of("create")),
                        new Subresource("pods/log", "", "v1", "Pod", List.of("get"))),
                of("Status", "string", ".status.phase"), age(), wide("IP", "string", ".status.podIP"),
                wide("Node", "string", ".spec.nodeName")));
        all.add(type("", "v1", "nodes", "Node", false, List.of("no"), List.of(),
                List.of(sub("", "v1", "nodes", "status", "Node")),
                of("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
                of("Unschedulable", "boolean", ".spec.unschedulable"), age(),
                of("Version", "string", ".status.nodeInfo.kubeletVersion"),
                wide("Internal-IP", "string", ".status.addresses[?(@.type==\"InternalIP\")].address"),
                wide("Provider-ID", "string", ".spec.providerID")));
        all.add(type("", "v1", "secrets", "Secret", true, List.of(), List.of(), List.of(),
                of("Type", "string", ".type"), age()));
        all.add(type("", "v1", "configmaps", "ConfigMap", true, List.of("cm"), List.of(), List.of(), age()));
        all.add(type("", "v1", "events", "Event", true, List.of("ev"), List.of(), List.of(),
                of("Last Seen", "date", ".lastTimestamp"), of("Type", "string", ".type"), of("Reason", "string", ".reason"),
                of("Object", "string", ".involvedObject.name"), of("Message", "string", ".message")));
        all.add(type("", "v1", "services", "Service", true, List.of("svc"), List.of("all"),
                List.of(sub("", "v1", "services", "status", "Service")),
                of("Type", "string", ".spec.type"), of("Cluster-IP", "string", ".spec.clusterIP"), age()));
        all.add(type("", "v1", "serviceaccounts", "ServiceAccount", true, List.of("sa"), List.of(),
                List.of(new Subresource("serviceaccounts/token", "authentication.k8s.io", "v1", "TokenRequest", List.of("create"))),
                age()));
        all.add(type("", "v1", "endpoints", "Endpoints", true, List.of("ep"), List.of(), List.of(), age()));
        all.add(type("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), List.of(),
                List.of(sub("", "v1", "persistentvolumeclaims", "status", "PersistentVolumeClaim")),
                of("Status", "string", ".status.phase"), age()));
        // apps/v1
        for (String[] workload : new String[][] {
                {"deployments", "Deployment", "deploy"}, {"daemonsets", "DaemonSet", "ds"},
                {"statefulsets", "StatefulSet", "sts"}, {"replicasets", "ReplicaSet", "rs"}}) {
            List<Subresource> subs = new ArrayList<>();
            subs.add(sub("apps", "v1", workload[0], "status", workload[1]));
            if (!workload[0].equals("daemonsets")) {
                subs.add(new Subresource(workload[0] + "/scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS));
            }
            all.add(type("apps", "v1", workload[0], workload[1], true, List.of(workload[2]), List.of("all"), subs,
                    of("Ready", "integer", ".status.readyReplicas"), of("Up-To-Date", "integer", ".status.updatedReplicas"),
                    of("Available", "integer", ".status.availableReplicas"), age()));
        }
        all.add(type("batch", "v1", "jobs", "Job", true, List.of(), List.of("all"),
                List.of(sub("batch", "v1", "jobs", "status", "Job")),
                of("Status", "string", ".status.conditions[?(@.status==\"True\")].type"),
                of("Completions", "string", ".status.succeeded"), age()));
        all.add(type("coordination.k8s.io", "v1", "leases", "Lease", true, List.of(), List.of(), List.of(),
                of("Holder", "string", ".spec.holderIdentity"), age()));
        all.add(type("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
                List.of("crd", "crds"), List.of("api-extensions"),
                List.of(sub("apiextensions.k8s.io", "v1", "customresourcedefinitions", "status", "CustomResourceDefinition")),
                of("Created At", "string", ".metadata.creationTimestamp")));
        all.add(type("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, List.of("pdb"), List.of(),
                List.of(sub("policy", "v1", "poddisruptionbudgets", "status", "PodDisruptionBudget")),
                of("Min Available", "string", ".spec.minAvailable"), of("Max Unavailable", "string", ".spec.maxUnavailable"),
                of("Allowed Disruptions", "integer", ".status.disruptionsAllowed"), age()));
        all.add(type("events.k8s.io", "v1", "events", "Event", true, List.of("ev"), List.of(), List.of(),
                of("Reason", "string", ".reason"), of("Note", "string", ".note"), age()));
        all.add(type("rbac.authorization.k8s.io", "v1", "roles", "Role", true, List.of(), List.of(), List.of(), age()));
        all.add(type("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, List.of(), List.of(), List.of(),
                of("Role", "string", ".roleRef.name"), age()));
        all.add(type("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, List.of(), List.of(), List.of(),
                age()));
        all.add(type("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, List.of(),
                List.of(), List.of(), of("Role", "string", ".roleRef.name"), age()));
        return List.copyOf(all);
    }

    private static Subresource sub(String group, String version, String plural, String name, String kind) {
        return new Subresource(plural + "/" + name, group, version, kind, SUBRESOURCE_VERBS);
    }

    private static ApiResourceType type(String group, String version, String plural, String kind, boolean namespaced,
                                        List<String> shortNames, List<String> categories, List<Subresource> subresources,
                                        PrinterColumn... columns) {
        return new ApiResourceType(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
                shortNames, categories, ALL_VERBS, subresources, List.of(columns), null);
    }
}
