package io.slipway.bootstrap;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkiTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static Pki pki(KeyAlgorithm algorithm) {
        return new Pki(CLOCK, new SecureRandom(), algorithm, Pki.DEFAULT_CA_VALIDITY, Pki.DEFAULT_LEAF_VALIDITY);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void theThreeCasAreSelfSignedCasWithKubeadmsNamesAndTenYears(KeyAlgorithm algorithm) throws Exception {
        Pki pki = pki(algorithm);
        for (var named : List.of(List.of(pki.clusterCa(), "kubernetes"), List.of(pki.etcdCa(), "etcd-ca"),
                List.of(pki.frontProxyCa(), "front-proxy-ca"))) {
            CertifiedKey ca = (CertifiedKey) named.get(0);
            X509Certificate cert = ca.certificate();
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + named.get(1));
            assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
            cert.verify(cert.getPublicKey());
            assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo(algorithm == KeyAlgorithm.RSA_2048 ? "RSA" : "EC");
            assertThat(cert.getBasicConstraints()).as("CA").isGreaterThanOrEqualTo(0);
            assertThat(cert.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
            boolean[] usage = cert.getKeyUsage();
            assertThat(usage[0]).as("digitalSignature").isTrue();
            assertThat(usage[5]).as("keyCertSign").isTrue();
            assertThat(usage[6]).as("cRLSign").isTrue();
            assertThat(ski(cert)).isNotEmpty().isEqualTo(aki(cert));
            assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
            assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
            assertThat(ca.keyMatchesCertificate()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void theAdminCertificateIsAClientCertificateThatChainsToTheClusterCa(KeyAlgorithm algorithm) throws Exception {
        Pki pki = pki(algorithm);
        CertifiedKey ca = pki.clusterCa();
        CertifiedKey admin = pki.adminClientCertificate(ca);
        X509Certificate cert = admin.certificate();

        validateChain(cert, ca.certificate(), NOW);
        assertThat(cert.getSubjectX500Principal().getName()).as("RFC 2253 lists the last RDN first").isEqualTo("CN=kubernetes-admin,O=kubeadm:cluster-admins");
        assertThat(admin.commonName()).isEqualTo("kubernetes-admin");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).contains(KEY_USAGE);
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2]).as("keyEncipherment for RSA only").isEqualTo(algorithm == KeyAlgorithm.RSA_2048);
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(cert.getSubjectAlternativeNames()).as("a client certificate names no hosts").isNull();
        assertThat(aki(cert)).isEqualTo(ski(ca.certificate()));
        assertThat(ski(cert)).isNotEmpty().isNotEqualTo(ski(ca.certificate()));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(admin.keyMatchesCertificate()).isTrue();
        assertThat(admin.isSignedBy(ca.certificate())).isTrue();
        assertThat(admin.isSignedBy(pki.clusterCa().certificate())).as("another CA").isFalse();
    }

    @Test
    void validityDurationsAreParametersAndALeafNeverOutlivesItsCa() {
        Pki pki = new Pki(CLOCK, new SecureRandom(), KeyAlgorithm.ECDSA_P256, Duration.ofDays(100), Duration.ofDays(30));
        CertifiedKey ca = pki.clusterCa();
        assertThat(ca.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(100)));
        assertThat(pki.adminClientCertificate(ca).notAfter()).isEqualTo(NOW.plus(Duration.ofDays(30)));

        Pki later = new Pki(Clock.offset(CLOCK, Duration.ofDays(90)), new SecureRandom(), KeyAlgorithm.ECDSA_P256,
                Duration.ofDays(100), Duration.ofDays(30));
        assertThat(later.adminClientCertificate(ca).notAfter()).isEqualTo(ca.notAfter());
        assertThatThrownBy(() -> new Pki(CLOCK, new SecureRandom(), KeyAlgorithm.RSA_2048, Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void pemRoundTripsInKubeadmsEncodings(KeyAlgorithm algorithm) throws Exception {
        Pki pki = pki(algorithm);
        CertifiedKey ca = pki.clusterCa();
        ServiceAccountKey sa = pki.serviceAccountKey();
        String header = algorithm == KeyAlgorithm.RSA_2048 ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";

        assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(ca.privateKeyPem()).startsWith("-----BEGIN " + header + "-----\n");
        assertThat(sa.privateKeyPem()).startsWith("-----BEGIN " + header + "-----\n");
        assertThat(sa.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");

        CertifiedKey back = CertifiedKey.fromPem(ca.certificatePem(), ca.privateKeyPem());
        assertThat(back.certificate()).isEqualTo(ca.certificate());
        assertThat(Signatures.matches(back.privateKey(), ca.certificate().getPublicKey())).isTrue();
        assertThat(back.certificatePem()).isEqualTo(ca.certificatePem());
        assertThat(back.privateKeyPem()).isEqualTo(ca.privateKeyPem());
        ServiceAccountKey saBack = ServiceAccountKey.fromPem(sa.privateKeyPem(), sa.publicKeyPem());
        assertThat(saBack.isPair()).isTrue();
        assertThat(saBack.publicKey()).isEqualTo(sa.publicKey());
        assertThat(sa.isPair()).isTrue();
        assertThat(new ServiceAccountKey(sa.privateKey(), pki.serviceAccountKey().publicKey()).isPair()).isFalse();

        // PKCS#8 ("PRIVATE KEY"), as openssl and other tools write it, reads too
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        PrivateKey fromPkcs8 = Pem.privateKey(pkcs8);
        PrivateKey expected = KeyFactory.getInstance(ca.privateKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(ca.privateKey().getEncoded()));
        assertThat(fromPkcs8.getEncoded()).isEqualTo(expected.getEncoded());
    }

    @Test
    void unreadablePemIsRefusedWithoutQuotingIt() {
        String garbage = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END RSA PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.privateKey(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0").doesNotContain("BEGIN"));
        assertThatThrownBy(() -> Pem.certificate(Pki.defaults(CLOCK).serviceAccountKey().publicKeyPem()))
                .hasMessage("not a PEM certificate");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslAcceptsTheChainAsASslClient(KeyAlgorithm algorithm, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(OpenSsl.installed(), "openssl is not installed");
        Pki pki = new Pki(Clock.systemUTC(), new SecureRandom(), algorithm, Pki.DEFAULT_CA_VALIDITY, Pki.DEFAULT_LEAF_VALIDITY);
        CertifiedKey ca = pki.clusterCa();
        CertifiedKey admin = pki.adminClientCertificate(ca);
        Path caFile = Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        Path adminFile = Files.writeString(dir.resolve("admin.crt"), admin.certificatePem());

        String verified = OpenSsl.runText(new byte[0], "verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", caFile.toString(), adminFile.toString());
        assertThat(verified.trim()).isEqualTo(adminFile + ": OK");
        assertThatThrownBy(() -> OpenSsl.run(new byte[0], "verify", "-purpose", "sslserver",
                "-CAfile", caFile.toString(), adminFile.toString()))
                .as("a client certificate is no server certificate").hasMessageContaining("exited");

        // the key openssl reads from the key PEM is the certificate's key
        String keyPub = OpenSsl.runText(admin.privateKeyPem().getBytes(StandardCharsets.US_ASCII), "pkey", "-pubout");
        String certPub = OpenSsl.runText(admin.certificatePem().getBytes(StandardCharsets.US_ASCII), "x509", "-noout", "-pubkey");
        assertThat(keyPub).isEqualTo(certPub);
    }

    @Test
    void bootstrapTokensHaveKubeadmsFormatAndAnExpiry() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            BootstrapToken token = BootstrapToken.generate(random, NOW, Duration.ofHours(24));
            assertThat(token.value()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
            assertThat(token.expires()).isEqualTo(NOW.plus(Duration.ofHours(24)));
            assertThat(token.toString()).doesNotContain(token.secret()).contains(token.id());
            seen.add(token.value());
        }
        assertThat(seen).hasSize(200);
        BootstrapToken token = BootstrapToken.generate(random, NOW, Duration.ofHours(24));
        assertThat(token.expiresWithin(Duration.ofHours(8), NOW)).isFalse();
        assertThat(token.expiresWithin(Duration.ofHours(8), NOW.plus(Duration.ofHours(16)))).isTrue();
        assertThatThrownBy(() -> new BootstrapToken("ABCDEF", "0123456789abcdef", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BootstrapToken("abcdef", "0123456789abcde", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void theCaHashIsWhatOpensslComputesForKubeadmJoin(KeyAlgorithm algorithm) throws Exception {
        Assumptions.assumeTrue(OpenSsl.installed(), "openssl is not installed");
        CertifiedKey ca = pki(algorithm).clusterCa();
        // kubeadm's documented recipe: openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256
        byte[] pubPem = OpenSsl.run(ca.certificatePem().getBytes(StandardCharsets.US_ASCII), "x509", "-noout", "-pubkey");
        byte[] der = OpenSsl.run(pubPem, "pkey", "-pubin", "-outform", "der");
        String digest = OpenSsl.runText(der, "dgst", "-sha256", "-r").split(" ")[0];

        assertThat(CaCertHash.of(ca.certificate())).isEqualTo("sha256:" + digest).matches("sha256:[0-9a-f]{64}");
    }

    static byte[] ski(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    static byte[] aki(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifierOctets();
    }

    /** PKIX path validation by the JDK (not BouncyCastle), at the given time. */
    static void validateChain(X509Certificate leaf, X509Certificate ca, Instant at) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
    }
}
