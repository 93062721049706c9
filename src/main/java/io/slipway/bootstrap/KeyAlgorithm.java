package io.slipway.bootstrap;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The key type of every key the PKI makes, as kubeadm's {@code ClusterConfiguration.encryptionAlgorithm}:
 * {@link #RSA_2048} is kubeadm's default and what every Kubernetes component and client accepts;
 * {@link #ECDSA_P256} is kubeadm's opt-in alternative (smaller, faster keys).
 */
public enum KeyAlgorithm {
    RSA_2048("RSA", "SHA256withRSA"),
    ECDSA_P256("EC", "SHA256withECDSA");

    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA signature algorithm a certificate signed with a key of this type uses. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** RSA keys also encipher (TLS key transport); ECDSA keys only sign. */
    public boolean encipheresKeys() {
        return this == RSA_2048;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
            if (this == RSA_2048) {
                generator.initialize(2048, random);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make " + this + " keys", e);
        }
    }

    /** The algorithm of an existing key, e.g. one read back from a Secret. */
    public static KeyAlgorithm of(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> RSA_2048;
            case "EC", "ECDSA" -> ECDSA_P256;
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }
}
