package io.slipway.controller;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.slipway.api.Cluster;
import io.slipway.bootstrap.BootstrapMaterial;
import io.slipway.bootstrap.BootstrapToken;
import io.slipway.bootstrap.CertifiedKey;
import io.slipway.bootstrap.Kubeconfig;
import io.slipway.bootstrap.Pki;
import io.slipway.bootstrap.ServiceAccountKey;
import io.slipway.controller.CredentialsResult.CredentialSecret;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster's credential Secrets in the Cluster's namespace (names: {@link CredentialSecretNames}): the cluster,
 * etcd and front-proxy CAs, the service-account key pair, the bootstrap token, the admin client certificate and,
 * once the API endpoint is known, the admin kubeconfig.
 * <ul>
 *   <li>Each is created once (a create that meets 409 reads what exists) and never regenerated while it exists, so
 *   a restarted operator never rotates a CA by accident; a Secret it cannot read is an error, never a reason to
 *   make a new one.</li>
 *   <li>CAs are rotated only on request: a new value of the Cluster annotation {@value #ROTATE_CA_ANNOTATION}. Each CA
 *   Secret records the value it was made for ({@value #CA_ROTATION_ANNOTATION}) in the same write as the new CA, so
 *   one value rotates once even when the operator stops before status is written.</li>
 *   <li>The admin client certificate is re-issued when less than {@link CredentialSettings#leafRenewBefore()}
 *   remains or when the cluster CA did not sign it (after a rotation); the bootstrap token is replaced when less than
 *   {@link CredentialSettings#tokenRenewBefore()} remains; the kubeconfig is rewritten only when its content
 *   (endpoint, CA, admin certificate) changes.</li>
 * </ul>
 * Kubernetes verbs on Secrets: get, list, create, update. Nothing secret is logged or put in a message.
 */
public class ClusterSecrets {
    public static final String ROTATE_CA_ANNOTATION = "slipway.io/rotate-ca";
    public static final String CA_ROTATION_ANNOTATION = "slipway.io/ca-rotation";
    public static final String CLUSTER_LABEL = "slipway.io/cluster";
    public static final String CAPI_CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
    public static final String TLS_TYPE = "kubernetes.io/tls";
    public static final String OPAQUE_TYPE = "Opaque";
    /** Cluster API's type for its kubeconfig Secrets. */
    public static final String KUBECONFIG_TYPE = "cluster.x-k8s.io/secret";
    public static final String TLS_CERT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String SA_PRIVATE_KEY = "sa.key";
    public static final String SA_PUBLIC_KEY = "sa.pub";
    public static final String TOKEN_ID = "token-id";
    public static final String TOKEN_SECRET = "token-secret";
    public static final String TOKEN_EXPIRATION = "expiration";
    public static final String KUBECONFIG_VALUE = "value";

    public static final String PURPOSE_CLUSTER_CA = "cluster-ca";
    public static final String PURPOSE_ETCD_CA = "etcd-ca";
    public static final String PURPOSE_FRONT_PROXY_CA = "front-proxy-ca";
    public static final String PURPOSE_SERVICE_ACCOUNT_KEY = "service-account-key";
    public static final String PURPOSE_BOOTSTRAP_TOKEN = "bootstrap-token";
    public static final String PURPOSE_ADMIN = "admin-client-certificate";

    private static final Logger LOG = Logger.getLogger(ClusterSecrets.class);

    private final KubernetesClient client;
    private final CredentialSettings settings;
    private final Clock clock;
    private final SecureRandom random;

    public ClusterSecrets(KubernetesClient client, CredentialSettings settings, Clock clock) {
        this(client, settings, clock, new SecureRandom());
    }

    public ClusterSecrets(KubernetesClient client, CredentialSettings settings, Clock clock, SecureRandom random) {
        this.client = Objects.requireNonNull(client);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Makes sure every credential Secret of the cluster exists and is current, and returns what they hold for the
     * bootstrap store. {@code apiEndpointUrl}: where clients reach the API ({@code https://host:port}), once known.
     *
     * @throws CredentialsException when an existing Secret cannot be read (the message names the Secret and key)
     * @throws KubernetesClientException when the Kubernetes API refuses or fails (e.g. 409 on a concurrent update)
     */
    public CredentialsResult reconcile(Cluster cluster, Optional<String> apiEndpointUrl) {
        return new Pass(cluster).run(apiEndpointUrl);
    }

    /**
     * {@link #reconcile}, unless a Secret holding one of the cluster's keys does not exist yet: then nothing is
     * written and the answer is empty (new keys take seconds; {@link CredentialIssuer} makes them off the reconcile).
     */
    public Optional<CredentialsResult> reconcileIfKeysExist(Cluster cluster, Optional<String> apiEndpointUrl) {
        Pass pass = new Pass(cluster);
        pass.list();
        return pass.keysMissing() ? Optional.empty() : Optional.of(pass.run(apiEndpointUrl));
    }

    /** One reconcile: the Cluster, what exists, and what was changed. */
    private final class Pass {
        private final String namespace;
        private final String cluster;
        private final OwnerReference owner;
        private final Optional<String> rotationRequested;
        private final Instant now = clock.instant();
        private final Pki pki;
        private final Map<String, Secret> existing = new HashMap<>();
        private final List<String> changes = new ArrayList<>();

        Pass(Cluster resource) {
            ObjectMeta meta = resource.getMetadata();
            if (meta.getUid() == null || meta.getUid().isBlank()) {
                throw new IllegalArgumentException("Cluster " + meta.getNamespace() + "/" + meta.getName()
                        + " has no uid: credentials are owned by a stored Cluster");
            }
            this.namespace = meta.getNamespace();
            this.cluster = meta.getName();
            // controller: the Cluster manages them. blockOwnerDeletion false: foreground deletion of a Cluster need not
            // wait for its Secrets, and setting it true would need update on clusters/finalizers.
            this.owner = new OwnerReferenceBuilder().withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                    .withName(cluster).withUid(meta.getUid()).withController(true).withBlockOwnerDeletion(false).build();
            this.rotationRequested = Optional.ofNullable(meta.getAnnotations())
                    .map(a -> a.get(ROTATE_CA_ANNOTATION)).map(String::trim).filter(v -> !v.isEmpty());
            this.pki = new Pki(clock, random, settings.keyAlgorithm(), settings.caValidity(), settings.leafValidity());
        }

        private boolean listed;

        void list() {
            client.secrets().inNamespace(namespace).withLabel(CLUSTER_LABEL, cluster).list().getItems()
                    .forEach(s -> existing.put(s.getMetadata().getName(), s));
            listed = true;
        }

        /** Whether a Secret that holds a key does not exist (one that lost its label is read by name). */
        boolean keysMissing() {
            for (String name : CredentialSecretNames.holdingKeys(cluster)) {
                if (!existing.containsKey(name)) {
                    Secret unlabelled = client.secrets().inNamespace(namespace).withName(name).get();
                    if (unlabelled == null) {
                        return true;
                    }
                    existing.put(name, unlabelled);
                }
            }
            return false;
        }

        CredentialsResult run(Optional<String> apiEndpointUrl) {
            if (!listed) {
                list();
            }

            String clusterCaName = CredentialSecretNames.clusterCa(cluster);
            CertifiedKey clusterCa = certificateAuthority(clusterCaName, PURPOSE_CLUSTER_CA, Pki.CLUSTER_CA);
            CertifiedKey etcdCa = certificateAuthority(CredentialSecretNames.etcdCa(cluster), PURPOSE_ETCD_CA, Pki.ETCD_CA);
            CertifiedKey frontProxyCa = certificateAuthority(CredentialSecretNames.frontProxyCa(cluster),
                    PURPOSE_FRONT_PROXY_CA, Pki.FRONT_PROXY_CA);
            ServiceAccountKey serviceAccount = serviceAccountKey();
            BootstrapToken token = bootstrapToken();
            CertifiedKey admin = adminClientCertificate(clusterCa);
            Optional<String> kubeconfig = apiEndpointUrl.map(url -> kubeconfig(url, clusterCa, admin));

            List<CredentialSecret> secrets = List.of(
                    new CredentialSecret(clusterCaName, PURPOSE_CLUSTER_CA, Optional.of(clusterCa.notAfter())),
                    new CredentialSecret(CredentialSecretNames.etcdCa(cluster), PURPOSE_ETCD_CA, Optional.of(etcdCa.notAfter())),
                    new CredentialSecret(CredentialSecretNames.frontProxyCa(cluster), PURPOSE_FRONT_PROXY_CA,
                            Optional.of(frontProxyCa.notAfter())),
                    new CredentialSecret(CredentialSecretNames.serviceAccountKey(cluster), PURPOSE_SERVICE_ACCOUNT_KEY, Optional.empty()),
                    new CredentialSecret(CredentialSecretNames.bootstrapToken(cluster), PURPOSE_BOOTSTRAP_TOKEN,
                            Optional.of(token.expires())),
                    new CredentialSecret(CredentialSecretNames.adminClientCertificate(cluster), PURPOSE_ADMIN,
                            Optional.of(admin.notAfter())));
            Optional<String> handled = rotationRequested
                    .or(() -> Optional.ofNullable(annotation(existing.get(clusterCaName), CA_ROTATION_ANNOTATION)));
            return new CredentialsResult(secrets, kubeconfig, changes, handled,
                    BootstrapMaterial.of(clusterCa, etcdCa, frontProxyCa, serviceAccount, token), token);
        }

        private CertifiedKey certificateAuthority(String name, String purpose, String commonName) {
            Secret secret = existing.get(name);
            if (secret == null) {
                CertifiedKey ca = pki.certificateAuthority(commonName);
                Map<String, String> annotations = rotationRequested.map(v -> Map.of(CA_ROTATION_ANNOTATION, v)).orElse(Map.of());
                secret = createOrAdopt(secret(name, TLS_TYPE, tls(ca), annotations), purpose);
                if (secret == null) {
                    return ca;
                }
            }
            CertifiedKey ca = readTls(secret);
            if (rotationRequested.isPresent() && !rotationRequested.get().equals(annotation(secret, CA_ROTATION_ANNOTATION))) {
                CertifiedKey rotated = pki.certificateAuthority(commonName);
                Secret updated = new SecretBuilder(secret).withData(tls(rotated))
                        .editMetadata().addToAnnotations(CA_ROTATION_ANNOTATION, rotationRequested.get()).endMetadata()
                        .build();
                update(updated, "rotated the " + purpose + " (" + ROTATE_CA_ANNOTATION + "=" + rotationRequested.get()
                        + "), valid until " + rotated.notAfter());
                return rotated;
            }
            return ca;
        }

        private ServiceAccountKey serviceAccountKey() {
            String name = CredentialSecretNames.serviceAccountKey(cluster);
            Secret secret = existing.get(name);
            if (secret == null) {
                ServiceAccountKey key = pki.serviceAccountKey();
                secret = createOrAdopt(secret(name, OPAQUE_TYPE,
                        data(SA_PRIVATE_KEY, key.privateKeyPem(), SA_PUBLIC_KEY, key.publicKeyPem()), Map.of()),
                        PURPOSE_SERVICE_ACCOUNT_KEY);
                if (secret == null) {
                    return key;
                }
            }
            ServiceAccountKey key;
            try {
                key = ServiceAccountKey.fromPem(value(secret, SA_PRIVATE_KEY), value(secret, SA_PUBLIC_KEY));
            } catch (IllegalArgumentException e) {
                throw unreadable(secret, SA_PRIVATE_KEY + "/" + SA_PUBLIC_KEY, e);
            }
            if (!key.isPair()) {
                throw new CredentialsException("Secret " + namespace + "/" + name + ": " + SA_PRIVATE_KEY
                        + " and " + SA_PUBLIC_KEY + " are not one key pair");
            }
            return key;
        }

        private BootstrapToken bootstrapToken() {
            String name = CredentialSecretNames.bootstrapToken(cluster);
            Secret secret = existing.get(name);
            if (secret == null) {
                BootstrapToken token = newToken();
                secret = createOrAdopt(secret(name, OPAQUE_TYPE, token(token), Map.of()), PURPOSE_BOOTSTRAP_TOKEN);
                if (secret == null) {
                    return token;
                }
            }
            BootstrapToken token;
            try {
                token = new BootstrapToken(value(secret, TOKEN_ID), value(secret, TOKEN_SECRET),
                        Instant.parse(value(secret, TOKEN_EXPIRATION)));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw unreadable(secret, TOKEN_ID + "/" + TOKEN_SECRET + "/" + TOKEN_EXPIRATION, e);
            }
            if (token.expiresWithin(settings.tokenRenewBefore(), now)) {
                BootstrapToken fresh = newToken();
                update(new SecretBuilder(secret).withData(token(fresh)).build(),
                        "replaced the bootstrap token " + token.id() + " (expires " + token.expires() + ") by "
                                + fresh.id() + " (expires " + fresh.expires() + ")");
                return fresh;
            }
            return token;
        }

        private CertifiedKey adminClientCertificate(CertifiedKey clusterCa) {
            String name = CredentialSecretNames.adminClientCertificate(cluster);
            Secret secret = existing.get(name);
            if (secret == null) {
                CertifiedKey admin = pki.adminClientCertificate(clusterCa);
                secret = createOrAdopt(secret(name, TLS_TYPE, tls(admin), Map.of()), PURPOSE_ADMIN);
                if (secret == null) {
                    return admin;
                }
            }
            CertifiedKey admin = readTls(secret);
            String reason = null;
            if (!admin.isSignedBy(clusterCa.certificate())) {
                reason = "the current cluster CA did not sign it";
            } else if (admin.notAfter().isBefore(now.plus(settings.leafRenewBefore()))) {
                reason = "it expires " + admin.notAfter();
            }
            if (reason != null) {
                CertifiedKey renewed = pki.adminClientCertificate(clusterCa);
                update(new SecretBuilder(secret).withData(tls(renewed)).build(),
                        "renewed the admin client certificate (" + reason + "), valid until " + renewed.notAfter());
                return renewed;
            }
            return admin;
        }

        private String kubeconfig(String url, CertifiedKey clusterCa, CertifiedKey admin) {
            String name = CredentialSecretNames.kubeconfig(cluster);
            String desired = Kubeconfig.render(cluster, url, clusterCa.certificatePem(), admin);
            Secret secret = existing.get(name);
            if (secret == null) {
                Secret fresh = secret(name, KUBECONFIG_TYPE, data(KUBECONFIG_VALUE, desired), Map.of());
                fresh.getMetadata().getLabels().put(CAPI_CLUSTER_NAME_LABEL, cluster);
                secret = createOrAdopt(fresh, "admin kubeconfig for " + url);
                if (secret == null) {
                    return name;
                }
            }
            if (!desired.equals(valueOrNull(secret, KUBECONFIG_VALUE))) {
                update(new SecretBuilder(secret).withData(data(KUBECONFIG_VALUE, desired))
                                .editMetadata().addToLabels(CAPI_CLUSTER_NAME_LABEL, cluster).endMetadata().build(),
                        "rewrote the admin kubeconfig for " + url);
            }
            return name;
        }

        private BootstrapToken newToken() {
            return BootstrapToken.generate(random, now, settings.tokenTtl());
        }

        /** Creates the Secret and returns null, or returns the Secret someone else created meanwhile (409). */
        private Secret createOrAdopt(Secret desired, String what) {
            String name = desired.getMetadata().getName();
            try {
                client.secrets().inNamespace(namespace).resource(desired).create();
                record("created Secret " + name + " (" + what + ")");
                return null;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
            // it exists without our label (someone removed it) or was created since the list: use it, never replace it
            Secret found = client.secrets().inNamespace(namespace).withName(name).get();
            if (found == null) {
                throw new CredentialsException("Secret " + namespace + "/" + name + ": the create found it, the read did not; try again");
            }
            existing.put(name, found);
            return found;
        }

        /** Replaces the Secret as read (its resourceVersion makes a concurrent change fail with 409, never be lost). */
        private void update(Secret updated, String change) {
            Secret stored = client.secrets().inNamespace(namespace).resource(updated).update();
            existing.put(stored.getMetadata().getName(), stored);
            record("Secret " + updated.getMetadata().getName() + ": " + change);
        }

        private void record(String change) {
            changes.add(change);
            LOG.infof("Cluster %s/%s: %s", namespace, cluster, change);
        }

        private Secret secret(String name, String type, Map<String, String> data, Map<String, String> annotations) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(CLUSTER_LABEL, cluster);
            return new SecretBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                    .withAnnotations(annotations.isEmpty() ? null : new LinkedHashMap<>(annotations))
                    .withOwnerReferences(owner).endMetadata()
                    .withType(type).withData(data).build();
        }

        private CertifiedKey readTls(Secret secret) {
            CertifiedKey key;
            try {
                key = CertifiedKey.fromPem(value(secret, TLS_CERT), value(secret, TLS_KEY));
            } catch (IllegalArgumentException e) {
                throw unreadable(secret, TLS_CERT + "/" + TLS_KEY, e);
            }
            if (!key.keyMatchesCertificate()) {
                throw new CredentialsException("Secret " + namespace + "/" + secret.getMetadata().getName() + ": "
                        + TLS_KEY + " is not the key of the certificate in " + TLS_CERT);
            }
            return key;
        }

        private String value(Secret secret, String key) {
            String value = valueOrNull(secret, key);
            if (value == null) {
                throw new CredentialsException("Secret " + namespace + "/" + secret.getMetadata().getName()
                        + " has no key " + key);
            }
            return value;
        }

        private CredentialsException unreadable(Secret secret, String keys, RuntimeException cause) {
            // the cause's message only says what failed (Pem never quotes its input), and is kept for that
            return new CredentialsException("Secret " + namespace + "/" + secret.getMetadata().getName() + ": "
                    + keys + " unreadable: " + cause.getMessage());
        }
    }

    private static String valueOrNull(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            try {
                return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return secret.getStringData() == null ? null : secret.getStringData().get(key);
    }

    private static String annotation(Secret secret, String key) {
        if (secret == null || secret.getMetadata().getAnnotations() == null) {
            return null;
        }
        return secret.getMetadata().getAnnotations().get(key);
    }

    private static Map<String, String> tls(CertifiedKey key) {
        return data(TLS_CERT, key.certificatePem(), TLS_KEY, key.privateKeyPem());
    }

    private static Map<String, String> token(BootstrapToken token) {
        return data(TOKEN_ID, token.id(), TOKEN_SECRET, token.secret(), TOKEN_EXPIRATION, token.expires().toString());
    }

    /** Base64 data from key, value pairs. */
    private static Map<String, String> data(String... keysAndValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(keysAndValues[i], Base64.getEncoder().encodeToString(keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    /** An existing credential Secret cannot be used; the message names the Secret and key, never a value. */
    public static class CredentialsException extends RuntimeException {
        public CredentialsException(String message) {
            super(message);
        }
    }
}
