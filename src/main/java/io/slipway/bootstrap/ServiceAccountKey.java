package io.slipway.bootstrap;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** The key pair the API server signs (private) and checks (public) service-account tokens with: kubeadm's sa.key, sa.pub. */
public record ServiceAccountKey(PrivateKey privateKey, PublicKey publicKey) {

    public ServiceAccountKey(KeyPair pair) {
        this(pair.getPrivate(), pair.getPublic());
    }

    public static ServiceAccountKey fromPem(String privateKeyPem, String publicKeyPem) {
        return new ServiceAccountKey(Pem.privateKey(privateKeyPem), Pem.publicKey(publicKeyPem));
    }

    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    public String publicKeyPem() {
        return Pem.encode(publicKey);
    }

    public boolean isPair() {
        return Signatures.matches(privateKey, publicKey);
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + publicKey.getAlgorithm() + "]";
    }
}
