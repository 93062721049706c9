package io.slipway.workload;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.bootstrap.BootstrapToken;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster's current bootstrap token as the Secret {@code kube-system/bootstrap-token-<id>} in the workload cluster,
 * where the API server's bootstrap authenticator and {@code kubeadm join}'s discovery look for it: a token renewed by
 * the operator is usable by the nodes that join with it. Created or updated only when its content differs; the
 * bootstrap-token Secrets labelled as Slipway's that have expired are deleted (a token kubeadm registered itself is
 * left to the controller manager's token cleaner). Nothing secret goes into a result or a message.
 */
public final class BootstrapTokenSecrets {
    public static final String NAMESPACE = "kube-system";
    public static final String NAME_PREFIX = "bootstrap-token-";
    public static final String TYPE = "bootstrap.kubernetes.io/token";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "slipway";
    public static final String EXPIRATION = "expiration";
    /** The group kubeadm's node bootstrap RBAC (CSR creation and auto-approval) is bound to. */
    public static final String NODE_GROUP = "system:bootstrappers:kubeadm:default-node-token";

    /** What was done: the Secret's name, whether it was created or updated, and the names of expired ones deleted. */
    public record Outcome(String secret, boolean created, boolean updated, List<String> deletedExpired) {
        public boolean changed() {
            return created || updated || !deletedExpired.isEmpty();
        }
    }

    /**
     * Makes {@code kube-system/bootstrap-token-<id>} hold {@code token} and deletes Slipway's expired ones.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the workload API refuses or fails
     */
    public Outcome publish(KubernetesClient workload, BootstrapToken token, Instant now) {
        String name = NAME_PREFIX + token.id();
        Map<String, String> data = data(token);
        Secret existing = workload.secrets().inNamespace(NAMESPACE).withName(name).get();
        boolean created = false;
        boolean updated = false;
        if (existing == null) {
            create(workload, name, data);
            created = true;
        } else if (!TYPE.equals(existing.getType())) {
            // a Secret's type cannot be changed, and the authenticator reads only this type
            workload.secrets().inNamespace(NAMESPACE).withName(name).delete();
            create(workload, name, data);
            updated = true;
        } else if (!data.equals(existing.getData())) {
            workload.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder(existing)
                    .editMetadata().addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                    .withData(data).withStringData(null).build()).update();
            updated = true;
        }
        List<String> deleted = new ArrayList<>();
        for (Secret secret : workload.secrets().inNamespace(NAMESPACE).withLabel(MANAGED_BY_LABEL, MANAGED_BY).list().getItems()) {
            String other = secret.getMetadata().getName();
            if (!other.equals(name) && TYPE.equals(secret.getType()) && other.startsWith(NAME_PREFIX) && expired(secret, now)) {
                workload.secrets().inNamespace(NAMESPACE).withName(other).delete();
                deleted.add(other);
            }
        }
        return new Outcome(name, created, updated, List.copyOf(deleted));
    }

    private static void create(KubernetesClient workload, String name, Map<String, String> data) {
        workload.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                .withType(TYPE).withData(data).build()).create();
    }

    /** The keys the bootstrap authenticator and signer read, as {@code kubeadm token create} writes them. */
    static Map<String, String> data(BootstrapToken token) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("token-id", base64(token.id()));
        data.put("token-secret", base64(token.secret()));
        data.put(EXPIRATION, base64(token.expires().truncatedTo(ChronoUnit.SECONDS).toString()));
        data.put("usage-bootstrap-authentication", base64("true"));
        data.put("usage-bootstrap-signing", base64("true"));
        data.put("auth-extra-groups", base64(NODE_GROUP));
        return data;
    }

    /** A Secret without a readable expiration never expires (as for the API server's bootstrap authenticator). */
    private static boolean expired(Secret secret, Instant now) {
        String encoded = secret.getData() == null ? null : secret.getData().get(EXPIRATION);
        if (encoded == null) {
            return false;
        }
        try {
            Instant expires = Instant.parse(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim());
            return !now.isBefore(expires);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(Objects.requireNonNull(value).getBytes(StandardCharsets.UTF_8));
    }
}
