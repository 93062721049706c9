package io.slipway.bootstrap;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * PEM encoding as kubeadm writes its files: certificates as {@code CERTIFICATE}, private keys in their traditional
 * form ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}), public keys as {@code PUBLIC KEY}. Decoding also takes
 * PKCS#8 {@code PRIVATE KEY}. Error messages never quote the input.
 */
public final class Pem {
    /** Not registered as a JCA provider: used only to re-encode EC keys. */
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();
    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    public static String encode(PrivateKey key) {
        return write(withCurveInside(key));
    }

    public static String encode(PublicKey key) {
        return write(key);
    }

    public static X509Certificate certificate(String pem) {
        Object object = read(pem, "certificate");
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("not a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable PEM certificate", e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        Object object = read(pem, "private key");
        try {
            if (object instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
        } catch (IOException e) {
            // the converter's message can describe the key's encoding, never its value; still, say only what failed
            throw new IllegalArgumentException("unreadable PEM private key");
        }
        throw new IllegalArgumentException("not a PEM private key");
    }

    public static PublicKey publicKey(String pem) {
        Object object = read(pem, "public key");
        if (!(object instanceof SubjectPublicKeyInfo info)) {
            throw new IllegalArgumentException("not a PEM public key");
        }
        try {
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable PEM public key");
        }
    }

    /**
     * The JDK's EC keys name their curve only in the PKCS#8 wrapper, so their traditional form ({@code EC PRIVATE
     * KEY}) would lack it and openssl could not read it; BouncyCastle's own key object carries the curve and the
     * public point inside, as Go (kubeadm) writes it.
     */
    private static PrivateKey withCurveInside(PrivateKey key) {
        if (!"EC".equals(key.getAlgorithm()) || key instanceof BCECPrivateKey) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot re-encode an EC private key");
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot PEM-encode a " + object.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    private static Object read(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no PEM " + what);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("no PEM " + what);
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable PEM " + what);
        }
    }
}
