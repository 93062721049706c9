package io.slipway.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secret bootstrap content per instance-group role, one small JSON document each, for the bootstrap store:
 * <ul>
 *   <li>{@value #CONTROL_PLANE}: the cluster, etcd and front-proxy CA certificates and keys and the service-account
 *   key pair, under kubeadm's file paths; and the bootstrap token with the CA hash, because {@code kubeadm init}
 *   on the control plane is what registers the token nodes join with;</li>
 *   <li>{@value #NODE}: the cluster CA certificate (no key), the bootstrap token and the CA hash for
 *   {@code kubeadm join};</li>
 *   <li>{@value #BASTION}: nothing secret.</li>
 * </ul>
 * The same inputs give the same bytes (keys sorted), so a store can tell a change by {@link #sha256(String)}.
 * {@link #toString()} shows the digests only.
 */
public final class BootstrapMaterial {
    public static final String CONTROL_PLANE = "control-plane";
    public static final String NODE = "node";
    public static final String BASTION = "bastion";
    public static final List<String> ROLES = List.of(CONTROL_PLANE, NODE, BASTION);
    /** Version of the document format, for the script that reads it. */
    public static final int FORMAT_VERSION = 1;

    static final String PKI_DIR = "/etc/kubernetes/pki/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Map<String, byte[]> content;
    private final Map<String, String> sha256;

    private BootstrapMaterial(Map<String, byte[]> content) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        content.forEach((role, bytes) -> {
            copy.put(role, bytes.clone());
            digests.put(role, sha256Hex(bytes));
        });
        this.content = Collections.unmodifiableMap(copy);
        this.sha256 = Collections.unmodifiableMap(digests);
    }

    public static BootstrapMaterial of(CertifiedKey clusterCa, CertifiedKey etcdCa, CertifiedKey frontProxyCa,
                                       ServiceAccountKey serviceAccount, BootstrapToken token) {
        String caHash = CaCertHash.of(clusterCa.certificate());
        Map<String, Object> join = new TreeMap<>();
        join.put("token", token.value());
        join.put("tokenExpires", token.expires().toString());
        join.put("caCertHash", caHash);

        Map<String, String> controlPlaneFiles = new TreeMap<>();
        controlPlaneFiles.put(PKI_DIR + "ca.crt", clusterCa.certificatePem());
        controlPlaneFiles.put(PKI_DIR + "ca.key", clusterCa.privateKeyPem());
        controlPlaneFiles.put(PKI_DIR + "etcd/ca.crt", etcdCa.certificatePem());
        controlPlaneFiles.put(PKI_DIR + "etcd/ca.key", etcdCa.privateKeyPem());
        controlPlaneFiles.put(PKI_DIR + "front-proxy-ca.crt", frontProxyCa.certificatePem());
        controlPlaneFiles.put(PKI_DIR + "front-proxy-ca.key", frontProxyCa.privateKeyPem());
        controlPlaneFiles.put(PKI_DIR + "sa.key", serviceAccount.privateKeyPem());
        controlPlaneFiles.put(PKI_DIR + "sa.pub", serviceAccount.publicKeyPem());

        Map<String, byte[]> content = new LinkedHashMap<>();
        content.put(CONTROL_PLANE, document(CONTROL_PLANE, controlPlaneFiles, join));
        content.put(NODE, document(NODE, Map.of(PKI_DIR + "ca.crt", clusterCa.certificatePem()), join));
        content.put(BASTION, document(BASTION, Map.of(), null));
        return new BootstrapMaterial(content);
    }

    /** Every role's document; the arrays are copies. */
    public Map<String, byte[]> content() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        content.forEach((role, bytes) -> copy.put(role, bytes.clone()));
        return copy;
    }

    /** One role's document (a copy). */
    public byte[] content(String role) {
        byte[] bytes = content.get(role);
        if (bytes == null) {
            throw new IllegalArgumentException("no bootstrap material for role " + role);
        }
        return bytes.clone();
    }

    /** Hex SHA-256 of each role's document. */
    public Map<String, String> sha256() {
        return sha256;
    }

    public String sha256(String role) {
        String digest = sha256.get(role);
        if (digest == null) {
            throw new IllegalArgumentException("no bootstrap material for role " + role);
        }
        return digest;
    }

    private static byte[] document(String role, Map<String, String> files, Map<String, Object> join) {
        Map<String, Object> document = new TreeMap<>();
        document.put("version", FORMAT_VERSION);
        document.put("role", role);
        document.put("files", new TreeMap<>(files));
        if (join != null) {
            document.put("join", join);
        }
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + role + " bootstrap document");
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootstrapMaterial other && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "BootstrapMaterial" + sha256;
    }
}
