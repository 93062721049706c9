package io.slipway.bootstrap;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Makes the cluster's certificate authorities, the service-account key pair and client certificates, as kubeadm
 * would: CAs named {@value #CLUSTER_CA}, {@value #ETCD_CA} and {@value #FRONT_PROXY_CA}; the admin client certificate
 * {@value #ADMIN_COMMON_NAME} in group {@value #ADMIN_GROUP} (kubeadm's admin.conf since 1.29: a group bound to
 * cluster-admin by a ClusterRoleBinding that can be revoked, unlike {@code system:masters}). Pure: no I/O.
 */
public final class Pki {
    public static final String CLUSTER_CA = "kubernetes";
    public static final String ETCD_CA = "etcd-ca";
    public static final String FRONT_PROXY_CA = "front-proxy-ca";
    public static final String ADMIN_COMMON_NAME = "kubernetes-admin";
    public static final String ADMIN_GROUP = "kubeadm:cluster-admins";
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofDays(365);
    /** notBefore lies this far in the past, so a peer whose clock is a little behind accepts a new certificate. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private final Clock clock;
    private final SecureRandom random;
    private final KeyAlgorithm algorithm;
    private final Duration caValidity;
    private final Duration leafValidity;

    public Pki(Clock clock, SecureRandom random, KeyAlgorithm algorithm, Duration caValidity, Duration leafValidity) {
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.algorithm = Objects.requireNonNull(algorithm);
        if (caValidity.isNegative() || caValidity.isZero() || leafValidity.isNegative() || leafValidity.isZero()) {
            throw new IllegalArgumentException("validity durations must be positive");
        }
        this.caValidity = caValidity;
        this.leafValidity = leafValidity;
    }

    /** RSA 2048 (kubeadm's default), CAs for 10 years, leaf certificates for 1 year. */
    public static Pki defaults(Clock clock) {
        return new Pki(clock, new SecureRandom(), KeyAlgorithm.RSA_2048, DEFAULT_CA_VALIDITY, DEFAULT_LEAF_VALIDITY);
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    public CertifiedKey clusterCa() {
        return certificateAuthority(CLUSTER_CA);
    }

    public CertifiedKey etcdCa() {
        return certificateAuthority(ETCD_CA);
    }

    public CertifiedKey frontProxyCa() {
        return certificateAuthority(FRONT_PROXY_CA);
    }

    /** A self-signed CA: basicConstraints CA (critical), keyCertSign + cRLSign + digitalSignature (critical), SKI = AKI. */
    public CertifiedKey certificateAuthority(String commonName) {
        KeyPair keys = algorithm.generate(random);
        X500Name subject = name(commonName, List.of());
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier ski = extensions.createSubjectKeyIdentifier(keys.getPublic());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(caValidity)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, ski)
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            return new CertifiedKey(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the CA " + commonName, e);
        }
    }

    /** The cluster administrator's client certificate, signed by the cluster CA. */
    public CertifiedKey adminClientCertificate(CertifiedKey clusterCa) {
        return clientCertificate(clusterCa, ADMIN_COMMON_NAME, List.of(ADMIN_GROUP));
    }

    /**
     * A client certificate (extendedKeyUsage clientAuth; digitalSignature, and keyEncipherment for RSA) with
     * CN = user, O = groups, valid for the leaf validity but never beyond its CA.
     */
    public CertifiedKey clientCertificate(CertifiedKey ca, String user, List<String> groups) {
        KeyPair keys = algorithm.generate(random);
        Instant now = clock.instant();
        Instant notAfter = now.plus(leafValidity);
        if (notAfter.isAfter(ca.notAfter())) {
            notAfter = ca.notAfter();
        }
        int usage = KeyUsage.digitalSignature | (algorithm.encipheresKeys() ? KeyUsage.keyEncipherment : 0);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), name(user, groups), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(ca.certificate(), extensions));
            return new CertifiedKey(sign(builder, ca.privateKey()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the client certificate for " + user, e);
        }
    }

    /**
     * A serving certificate (extendedKeyUsage serverAuth) with CN = {@code commonName} and subject alternative names
     * for each DNS name and IP address, as kubeadm's apiserver certificate; valid for the leaf validity but never
     * beyond its CA.
     */
    public CertifiedKey servingCertificate(CertifiedKey ca, String commonName, List<String> dnsNames, List<String> ipAddresses) {
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one DNS name or IP address");
        }
        KeyPair keys = algorithm.generate(random);
        Instant now = clock.instant();
        Instant notAfter = now.plus(leafValidity);
        if (notAfter.isAfter(ca.notAfter())) {
            notAfter = ca.notAfter();
        }
        int usage = KeyUsage.digitalSignature | (algorithm.encipheresKeys() ? KeyUsage.keyEncipherment : 0);
        GeneralName[] names = Stream.concat(
                dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)),
                ipAddresses.stream().map(ip -> new GeneralName(GeneralName.iPAddress, ip))).toArray(GeneralName[]::new);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), name(commonName, List.of()), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(ca.certificate(), extensions));
            return new CertifiedKey(sign(builder, ca.privateKey()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the serving certificate for " + commonName, e);
        }
    }

    /** The service-account token signing key pair (kubeadm's sa.key / sa.pub). */
    public ServiceAccountKey serviceAccountKey() {
        return new ServiceAccountKey(algorithm.generate(random));
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, java.security.PrivateKey signingKey)
            throws OperatorCreationException, GeneralSecurityException {
        String signature = KeyAlgorithm.of(signingKey).signatureAlgorithm();
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signature).setSecureRandom(random).build(signingKey)));
    }

    /** The issuer's own SKI when it has one, so the chain links even for a CA made elsewhere. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer, JcaX509ExtensionUtils extensions) {
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            byte[] keyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        }
        PublicKey key = issuer.getPublicKey();
        return extensions.createAuthorityKeyIdentifier(key);
    }

    private static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        organizations.forEach(o -> builder.addRDN(BCStyle.O, o));
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }

    /** A random positive serial of up to 128 bits (RFC 5280: at most 20 octets). */
    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
