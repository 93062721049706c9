package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.AwsIdentity;
import io.slipway.api.Cluster;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.model.AwsNames;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Turns a Cluster's spec.identity into the credentials to call AWS with. Never puts a secret value in a message. */
public class ClusterCredentials {
    public static final String ACCESS_KEY_ID = "accessKeyID";
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";
    public static final String SESSION_TOKEN = "sessionToken";

    private final KubernetesClient client;

    public ClusterCredentials(KubernetesClient client) {
        this.client = client;
    }

    public AwsCredentialSource resolve(Cluster cluster) {
        AwsIdentity identity = cluster.getSpec().identity;
        String namespace = cluster.getMetadata().getNamespace();
        if (identity == null || (identity.roleARN == null && identity.secretRef == null)) {
            return AwsCredentialSource.operatorDefault();
        }
        if (identity.roleARN != null) {
            return AwsCredentialSource.assumeRole(identity.roleARN, identity.externalID,
                    AwsNames.roleSessionName(namespace, cluster.getMetadata().getName()));
        }
        String name = identity.secretRef.name;
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new CredentialsUnavailableException("Secret " + namespace + "/" + name + " named by spec.identity.secretRef not found");
        }
        String accessKey = value(secret, ACCESS_KEY_ID);
        String secretKey = value(secret, SECRET_ACCESS_KEY);
        if (accessKey == null || secretKey == null) {
            throw new CredentialsUnavailableException("Secret " + namespace + "/" + name + " needs the keys "
                    + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " (and optionally " + SESSION_TOKEN + ")");
        }
        return AwsCredentialSource.staticKeys(accessKey, secretKey, value(secret, SESSION_TOKEN));
    }

    private static String value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            String decoded = new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8).trim();
            return decoded.isEmpty() ? null : decoded;
        }
        Map<String, String> plain = secret.getStringData();
        String v = plain == null ? null : plain.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The credentials cannot be had now; the message names what is missing, never a value. */
    public static class CredentialsUnavailableException extends RuntimeException {
        public CredentialsUnavailableException(String message) {
            super(message);
        }
    }
}
