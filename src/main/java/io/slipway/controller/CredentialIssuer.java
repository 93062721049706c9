package io.slipway.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.slipway.api.Cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Makes a Cluster's new credentials off the reconcile thread. New CAs and keys take seconds (RSA, or any key on a busy
 * machine, or the first use of the crypto classes), and only the bootstrap store's objects and the kubeconfig need
 * them: the network, IAM and the API load balancer are built meanwhile, and the Cluster is woken as soon as they are
 * made. Credentials whose keys exist (every later reconcile) are read and renewed on the reconcile thread as before.
 * <p>
 * At most one making per Cluster runs; its outcome (what it created, or why it failed) is handed to the next
 * {@link #current} call of that Cluster, which then reads the Secrets as a reconcile always does.
 */
public final class CredentialIssuer {
    private static final ExecutorService KEYS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "slipway-credentials");
        t.setDaemon(true);
        return t;
    });

    private final ClusterSecrets secrets;
    private final Map<ResourceID, CompletableFuture<CredentialsResult>> issuing = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> wake = id -> {
    };

    public CredentialIssuer(ClusterSecrets secrets) {
        this.secrets = secrets;
    }

    /** What to call when a Cluster's credentials are made (or their making failed): its event source. */
    public void onIssued(Consumer<ResourceID> wake) {
        this.wake = wake;
    }

    /**
     * The Cluster's credentials (see {@link ClusterSecrets#reconcile}), or empty while new keys are being made: then
     * their making has been started, once, and the Cluster is woken when it ends. Its changes are reported with the
     * first answer after it; its failure is thrown by that call.
     *
     * @throws ClusterSecrets.CredentialsException as {@link ClusterSecrets#reconcile}
     * @throws io.fabric8.kubernetes.client.KubernetesClientException as {@link ClusterSecrets#reconcile}
     */
    public Optional<CredentialsResult> current(Cluster cluster, Optional<String> apiEndpointUrl) {
        ResourceID id = ResourceID.fromResource(cluster);
        CompletableFuture<CredentialsResult> making = issuing.get(id);
        if (making != null) {
            if (!making.isDone()) {
                return Optional.empty();
            }
            issuing.remove(id, making);
            CredentialsResult made = outcome(making);
            return Optional.of(made.followedBy(secrets.reconcile(cluster, apiEndpointUrl)));
        }
        Optional<CredentialsResult> existing = secrets.reconcileIfKeysExist(cluster, apiEndpointUrl);
        if (existing.isPresent()) {
            return existing;
        }
        CompletableFuture<CredentialsResult> started = new CompletableFuture<>();
        issuing.put(id, started);
        KEYS.execute(() -> {
            try {
                started.complete(secrets.reconcile(cluster, apiEndpointUrl));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            } finally {
                wake.accept(id);
            }
        });
        return Optional.empty();
    }

    /** True while new credentials of {@code cluster} are being made. */
    boolean issuing(ResourceID cluster) {
        CompletableFuture<CredentialsResult> making = issuing.get(cluster);
        return making != null && !making.isDone();
    }

    /** Drops what is known of {@code cluster} (it is deleted); a making under way ends by itself. */
    public void forget(ResourceID cluster) {
        issuing.remove(cluster);
    }

    private static CredentialsResult outcome(CompletableFuture<CredentialsResult> making) {
        return io.slipway.cloud.Futures.join(making);
    }
}
