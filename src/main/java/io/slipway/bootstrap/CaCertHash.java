package io.slipway.bootstrap;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** The value of {@code kubeadm join --discovery-token-ca-cert-hash}: {@code sha256:} + hex SHA-256 of the CA's SubjectPublicKeyInfo. */
public final class CaCertHash {
    private CaCertHash() {
    }

    public static String of(X509Certificate ca) {
        try {
            // the SubjectPublicKeyInfo as it stands in the certificate, as kubeadm hashes it (RawSubjectPublicKeyInfo)
            byte[] spki = new X509CertificateHolder(ca.getEncoded()).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (IOException | CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the CA's public key", e);
        }
    }
}
