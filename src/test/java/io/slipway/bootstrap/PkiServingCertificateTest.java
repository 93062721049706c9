package io.slipway.bootstrap;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkiServingCertificateTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Pki pki = new Pki(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), KeyAlgorithm.ECDSA_P256,
            Duration.ofDays(3650), Duration.ofDays(365));

    @Test
    void aServingCertificateNamesEveryHostAndIpForServerAuthAndChainsToItsCa() throws Exception {
        CertifiedKey ca = pki.clusterCa();

        CertifiedKey serving = pki.servingCertificate(ca, "kube-apiserver", List.of("api.demo.example.com", "kubernetes"),
                List.of("127.0.0.1"));

        X509Certificate cert = serving.certificate();
        assertThat(serving.commonName()).isEqualTo("kube-apiserver");
        assertThat(serving.isSignedBy(ca.certificate())).isTrue();
        assertThat(serving.keyMatchesCertificate()).isTrue();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> san.get(0), san -> san.get(1)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "api.demo.example.com"),
                org.assertj.core.groups.Tuple.tuple(2, "kubernetes"),
                org.assertj.core.groups.Tuple.tuple(7, "127.0.0.1"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void aServingCertificateNeedsANameAndNeverOutlivesItsCa() {
        CertifiedKey ca = new Pki(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), KeyAlgorithm.ECDSA_P256,
                Duration.ofDays(30), Duration.ofDays(365)).clusterCa();

        assertThat(pki.servingCertificate(ca, "x", List.of("x"), List.of()).notAfter()).isEqualTo(ca.notAfter());
        assertThatThrownBy(() -> pki.servingCertificate(ca, "x", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
