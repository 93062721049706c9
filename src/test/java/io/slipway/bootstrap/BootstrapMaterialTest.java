package io.slipway.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapMaterialTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CertifiedKey clusterCa;
    private static CertifiedKey etcdCa;
    private static CertifiedKey frontProxyCa;
    private static ServiceAccountKey sa;
    private static BootstrapToken token;

    @BeforeAll
    static void pki() {
        Pki pki = Pki.defaults(Clock.fixed(NOW, ZoneOffset.UTC));
        clusterCa = pki.clusterCa();
        etcdCa = pki.etcdCa();
        frontProxyCa = pki.frontProxyCa();
        sa = pki.serviceAccountKey();
        token = BootstrapToken.generate(new SecureRandom(), NOW, Duration.ofHours(24));
    }

    private static BootstrapMaterial material() {
        return BootstrapMaterial.of(clusterCa, etcdCa, frontProxyCa, sa, token);
    }

    @Test
    void theControlPlaneGetsTheCasTheirKeysAndTheServiceAccountKeyUnderKubeadmsPaths() throws Exception {
        JsonNode doc = JSON.readTree(material().content(BootstrapMaterial.CONTROL_PLANE));
        assertThat(doc.get("role").asText()).isEqualTo("control-plane");
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        JsonNode files = doc.get("files");
        assertThat(names(files)).containsExactly(
                "/etc/kubernetes/pki/ca.crt", "/etc/kubernetes/pki/ca.key",
                "/etc/kubernetes/pki/etcd/ca.crt", "/etc/kubernetes/pki/etcd/ca.key",
                "/etc/kubernetes/pki/front-proxy-ca.crt", "/etc/kubernetes/pki/front-proxy-ca.key",
                "/etc/kubernetes/pki/sa.key", "/etc/kubernetes/pki/sa.pub");
        CertifiedKey ca = CertifiedKey.fromPem(files.get("/etc/kubernetes/pki/ca.crt").asText(),
                files.get("/etc/kubernetes/pki/ca.key").asText());
        assertThat(ca.certificate()).isEqualTo(clusterCa.certificate());
        assertThat(ca.keyMatchesCertificate()).isTrue();
        assertThat(Pem.certificate(files.get("/etc/kubernetes/pki/etcd/ca.crt").asText())).isEqualTo(etcdCa.certificate());
        assertThat(Pem.certificate(files.get("/etc/kubernetes/pki/front-proxy-ca.crt").asText())).isEqualTo(frontProxyCa.certificate());
        assertThat(ServiceAccountKey.fromPem(files.get("/etc/kubernetes/pki/sa.key").asText(),
                files.get("/etc/kubernetes/pki/sa.pub").asText()).publicKey()).isEqualTo(sa.publicKey());
        assertThat(doc.get("join").get("token").asText()).isEqualTo(token.value());
    }

    @Test
    void aNodeGetsTheCaCertificateButNoKeyAndTheJoinToken() throws Exception {
        JsonNode doc = JSON.readTree(material().content(BootstrapMaterial.NODE));
        assertThat(names(doc.get("files"))).containsExactly("/etc/kubernetes/pki/ca.crt");
        assertThat(new String(material().content(BootstrapMaterial.NODE), StandardCharsets.UTF_8))
                .doesNotContain("PRIVATE KEY");
        JsonNode join = doc.get("join");
        assertThat(join.get("token").asText()).isEqualTo(token.value());
        assertThat(join.get("tokenExpires").asText()).isEqualTo(token.expires().toString());
        assertThat(join.get("caCertHash").asText()).isEqualTo(CaCertHash.of(clusterCa.certificate()));
    }

    @Test
    void aBastionGetsNothingSecret() throws Exception {
        String doc = new String(material().content(BootstrapMaterial.BASTION), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(doc).get("files").isEmpty()).isTrue();
        assertThat(doc).doesNotContain("-----BEGIN").doesNotContain(token.secret()).doesNotContain("join");
    }

    @Test
    void theSameInputsGiveTheSameBytesAndTheDigestsAreOfThem() throws Exception {
        BootstrapMaterial a = material();
        BootstrapMaterial b = material();
        assertThat(a.content().keySet()).containsExactly("control-plane", "node", "bastion");
        for (String role : BootstrapMaterial.ROLES) {
            assertThat(a.content(role)).isEqualTo(b.content(role));
            assertThat(a.sha256(role)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.content(role))));
        }
        assertThat(a).isEqualTo(b);
        BootstrapToken other = BootstrapToken.generate(new SecureRandom(), NOW, Duration.ofHours(24));
        BootstrapMaterial c = BootstrapMaterial.of(clusterCa, etcdCa, frontProxyCa, sa, other);
        assertThat(c.sha256("node")).isNotEqualTo(a.sha256("node"));
        assertThat(c.sha256("bastion")).isEqualTo(a.sha256("bastion"));
    }

    @Test
    void toStringShowsDigestsOnly() {
        BootstrapMaterial material = material();
        String text = material.toString();
        assertThat(text).doesNotContain("-----BEGIN").doesNotContain(token.secret()).doesNotContain("PRIVATE")
                .contains(material.sha256("node"));
        // and the arrays handed out are copies: changing one changes nothing inside
        material.content().get("node")[0] = 'x';
        material.content("node")[0] = 'x';
        assertThat(material.content("node")[0]).isEqualTo((byte) '{');
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
