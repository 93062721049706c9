package io.slipway.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a private and a public key are one pair: sign a fixed message with one, verify with the other. */
final class Signatures {
    private static final byte[] PROBE = "slipway key pair probe".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = KeyAlgorithm.of(privateKey).signatureAlgorithm();
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
