package io.slipway.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class KubeconfigTest {
    private static final String SERVER = "https://api.demo.example.com:443";
    @Test
    void parsesBackToOneClusterUserAndContextNamedAfterTheCluster() throws Exception {
        Pki pki = Pki.defaults(Clock.systemUTC());
        CertifiedKey ca = pki.clusterCa();
        CertifiedKey admin = pki.adminClientCertificate(ca);
        String yaml = Kubeconfig.render("demo", SERVER, ca.certificatePem(), admin);

        assertThat(yaml).isEqualTo(Kubeconfig.render("demo", SERVER, ca.certificatePem(), admin));
        JsonNode config = new YAMLMapper().readTree(yaml);
        assertThat(config.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(config.get("kind").asText()).isEqualTo("Config");
        assertThat(config.get("current-context").asText()).isEqualTo("demo");
        assertThat(config.get("clusters")).hasSize(1);
        JsonNode cluster = config.get("clusters").get(0);
        assertThat(cluster.get("name").asText()).isEqualTo("demo");
        assertThat(cluster.get("cluster").get("server").asText()).isEqualTo(SERVER);
        assertThat(decode(cluster.get("cluster").get("certificate-authority-data"))).isEqualTo(ca.certificatePem());
        JsonNode user = config.get("users").get(0);
        assertThat(decode(user.get("user").get("client-certificate-data"))).isEqualTo(admin.certificatePem());
        assertThat(decode(user.get("user").get("client-key-data"))).isEqualTo(admin.privateKeyPem());
        JsonNode context = config.get("contexts").get(0);
        assertThat(context.get("name").asText()).isEqualTo("demo");
        assertThat(context.get("context").get("cluster").asText()).isEqualTo("demo");
        assertThat(context.get("context").get("user").asText()).isEqualTo(user.get("name").asText());

        // and Fabric8's own kubeconfig loader reads the same
        Config loaded = Config.fromKubeconfig(yaml);
        assertThat(loaded.getMasterUrl()).startsWith(SERVER);
        assertThat(loaded.getCurrentContext().getName()).isEqualTo("demo");
        assertThat(loaded.getClientCertData()).isEqualTo(user.get("user").get("client-certificate-data").asText());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void theRealKubectlReadsItAndLoadsTheClientCertificate(KeyAlgorithm algorithm, @TempDir Path dir) throws Exception {
        Kubectl.requireOnPath();
        Pki pki = new Pki(Clock.systemUTC(), new SecureRandom(), algorithm, Pki.DEFAULT_CA_VALIDITY, Pki.DEFAULT_LEAF_VALIDITY);
        CertifiedKey ca = pki.clusterCa();
        CertifiedKey admin = pki.adminClientCertificate(ca);
        Path file = Files.writeString(dir.resolve("kubeconfig"), Kubeconfig.render("demo", SERVER, ca.certificatePem(), admin));
        Kubectl kubectl = new Kubectl(file, dir);

        JsonNode view = new ObjectMapper().readTree(kubectl.ok("config", "view", "--raw", "-o", "json"));
        assertThat(view.get("current-context").asText()).isEqualTo("demo");
        assertThat(view.at("/clusters/0/cluster/server").asText()).isEqualTo(SERVER);
        assertThat(decode(view.at("/users/0/user/client-key-data"))).isEqualTo(admin.privateKeyPem());
        assertThat(kubectl.ok("config", "view", "-o", "jsonpath={.users[0].user.client-key-data}"))
                .as("kubectl redacts the key unless --raw").isIn("DATA+OMITTED", "REDACTED");

        // against an HTTPS server that trusts only this CA and demands a client certificate, kubectl trusts the
        // server through the CA data and is let in with the admin certificate; not with another CA or a wrong key
        try (TlsApiStandIn server = new TlsApiStandIn(ca)) {
            Path tls = Files.writeString(dir.resolve("tls"), Kubeconfig.render("demo", server.url(), ca.certificatePem(), admin));
            assertThat(new Kubectl(tls, dir).ok("get", "--raw", "/version")).contains("v1.32.0");
            assertThat(server.clientSubjects).containsOnly("CN=kubernetes-admin,O=kubeadm:cluster-admins");

            CertifiedKey otherCa = pki.clusterCa();
            Path untrusted = Files.writeString(dir.resolve("untrusted"),
                    Kubeconfig.render("demo", server.url(), otherCa.certificatePem(), pki.adminClientCertificate(otherCa)));
            Kubectl.Result refused = new Kubectl(untrusted, dir).run("get", "--raw", "/version");
            assertThat(refused.succeeded()).isFalse();
            assertThat(refused.stderr()).contains("certificate signed by unknown authority");

            CertifiedKey mismatched = new CertifiedKey(admin.certificate(), pki.adminClientCertificate(ca).privateKey());
            Path broken = Files.writeString(dir.resolve("broken"), Kubeconfig.render("demo", server.url(), ca.certificatePem(), mismatched));
            Kubectl.Result wrongKey = new Kubectl(broken, dir).run("get", "--raw", "/version");
            assertThat(wrongKey.succeeded()).isFalse();
            assertThat(wrongKey.stderr()).contains("private key does not match public key");

            // Fabric8's client reads the same kubeconfig and gets in too
            server.clientSubjects.clear();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(tls))).build()) {
                assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.32.0");
            }
            assertThat(server.clientSubjects).isNotEmpty().containsOnly("CN=kubernetes-admin,O=kubeadm:cluster-admins");
        }
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.US_ASCII);
    }
}
