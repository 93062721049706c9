package io.slipway.workload;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Objects;
import java.util.Optional;

/**
 * A client of one workload cluster, or why there is none yet (no kubeconfig Secret, an unreadable one). The client
 * belongs to the {@link WorkloadConnector}: callers never close it.
 */
public final class WorkloadConnection {
    private final String cluster;
    private final KubernetesClient client;
    private final String problem;

    private WorkloadConnection(String cluster, KubernetesClient client, String problem) {
        this.cluster = Objects.requireNonNull(cluster);
        this.client = client;
        this.problem = problem;
    }

    static WorkloadConnection available(String cluster, KubernetesClient client) {
        return new WorkloadConnection(cluster, Objects.requireNonNull(client), null);
    }

    public static WorkloadConnection unavailable(String cluster, String problem) {
        return new WorkloadConnection(cluster, null, Objects.requireNonNull(problem));
    }

    /** {@code <namespace>/<name>} of the Cluster. */
    public String cluster() {
        return cluster;
    }

    public Optional<KubernetesClient> client() {
        return Optional.ofNullable(client);
    }

    /** Why there is no client; empty when there is one. Never holds a secret. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
