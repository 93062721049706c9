package io.slipway.bootstrap;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A certificate and its private key. {@link #toString()} names the certificate only. */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {

    public static CertifiedKey fromPem(String certificatePem, String privateKeyPem) {
        return new CertifiedKey(Pem.certificate(certificatePem), Pem.privateKey(privateKeyPem));
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public String commonName() {
        RDN[] cn = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    /** Whether this certificate's signature verifies with {@code issuer}'s public key. */
    public boolean isSignedBy(X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the private key belongs to the certificate. */
    public boolean keyMatchesCertificate() {
        return Signatures.matches(privateKey, certificate.getPublicKey());
    }

    @Override
    public String toString() {
        return "CertifiedKey[subject=" + certificate.getSubjectX500Principal().getName() + ", notAfter=" + notAfter() + "]";
    }
}
