package io.slipway.controller;

import io.slipway.api.CredentialsStatus;
import io.slipway.bootstrap.BootstrapMaterial;
import io.slipway.bootstrap.BootstrapToken;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ClusterSecrets#reconcile} found and did: the credential Secrets, the kubeconfig Secret once there is an
 * endpoint, what it created or renewed (for an Event; names and dates only), the CA rotation it has handled, and the
 * bootstrap material for the store, and the current bootstrap token (for the workload cluster's token Secret). Its
 * {@link #toString()} shows no secret: the material prints digests only, the token its id.
 */
public record CredentialsResult(List<CredentialSecret> secrets, Optional<String> kubeconfigSecret, List<String> changes,
                                Optional<String> handledCaRotation, BootstrapMaterial material,
                                BootstrapToken bootstrapToken) {
    public CredentialsResult {
        secrets = List.copyOf(secrets);
        changes = List.copyOf(changes);
    }

    /** One credential Secret: its name, what it is for, and when its certificate or token expires (none for a key). */
    public record CredentialSecret(String name, String purpose, Optional<Instant> notAfter) {
    }

    /**
     * This result followed by a later pass' (which knows more, e.g. the kubeconfig): the later pass' state, with both
     * passes' changes for the Event.
     */
    public CredentialsResult followedBy(CredentialsResult later) {
        List<String> all = new java.util.ArrayList<>(changes);
        all.addAll(later.changes());
        return new CredentialsResult(later.secrets(), later.kubeconfigSecret(), all, later.handledCaRotation(),
                later.material(), later.bootstrapToken());
    }

    /** Whether anything was created, renewed or rotated. */
    public boolean changed() {
        return !changes.isEmpty();
    }

    public CredentialsStatus toStatus() {
        CredentialsStatus status = new CredentialsStatus();
        for (CredentialSecret secret : secrets) {
            CredentialsStatus.CredentialSecretStatus entry = new CredentialsStatus.CredentialSecretStatus();
            entry.name = secret.name();
            entry.purpose = secret.purpose();
            entry.notAfter = secret.notAfter().map(Instant::toString).orElse(null);
            status.secrets.add(entry);
        }
        status.kubeconfigSecret = kubeconfigSecret.orElse(null);
        status.lastHandledCARotation = handledCaRotation.orElse(null);
        return status;
    }
}
