package io.slipway.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.CredentialsStatus;
import io.slipway.bootstrap.BootstrapMaterial;
import io.slipway.bootstrap.CertifiedKey;
import io.slipway.bootstrap.KeyAlgorithm;
import io.slipway.bootstrap.Pki;
import io.slipway.bootstrap.ServiceAccountKey;
import io.slipway.model.TestClusters;
import io.slipway.testing.SteppingClock;
import io.slipway.testing.kube.GeneratedCrds;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSecretsTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final String ENDPOINT = "https://api.demo.example.com:443";
    private static final List<String> CREDENTIAL_SECRETS = List.of("-ca", "-etcd-ca", "-front-proxy-ca", "-sa",
            "-bootstrap-token", "-admin");
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();

    /** Renewal is decided by time, so time is given, never waited for. */
    private final SteppingClock clock = new SteppingClock(START);
    private final List<String> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Logger slipwayLogger;
    private Cluster cluster;
    private String name;

    @BeforeAll
    static void startApi() {
        GeneratedCrds.install(client);
    }

    @BeforeEach
    void storeACluster(TestInfo test) {
        name = "c" + Integer.toHexString(test.getDisplayName().hashCode() & 0xfffffff);
        cluster = client.resource(TestClusters.threeZonePrivate("default", name)).create();
        slipwayLogger = Logger.getLogger("io.slipway");
        slipwayLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        slipwayLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        slipwayLogger.removeHandler(capture);
    }

    /** ECDSA keys: RSA key generation costs seconds on a busy machine; the RSA default is covered once below. */
    private static final CredentialSettings FAST = new CredentialSettings(KeyAlgorithm.ECDSA_P256, Duration.ofDays(3650),
            Duration.ofDays(365), Duration.ofDays(30), Duration.ofHours(24), Duration.ofHours(8));

    private ClusterSecrets secrets() {
        return new ClusterSecrets(client, FAST, clock);
    }

    @Test
    void createsEachSecretOnceOwnedByTheClusterAndLabelled() {
        CredentialsResult result = new ClusterSecrets(client, CredentialSettings.defaults(), clock).reconcile(cluster, Optional.empty());

        assertThat(result.changed()).isTrue();
        assertThat(result.changes()).hasSize(6).allSatisfy(c -> assertThat(c).startsWith("created Secret " + name));
        assertThat(result.secrets()).extracting(CredentialsResult.CredentialSecret::name)
                .containsExactlyElementsOf(CREDENTIAL_SECRETS.stream().map(s -> name + s).toList());
        assertThat(result.secrets()).extracting(CredentialsResult.CredentialSecret::purpose).containsExactly(
                "cluster-ca", "etcd-ca", "front-proxy-ca", "service-account-key", "bootstrap-token", "admin-client-certificate");
        assertThat(result.kubeconfigSecret()).as("no endpoint yet").isEmpty();
        assertThat(secret("-kubeconfig")).isNull();

        for (String suffix : CREDENTIAL_SECRETS) {
            Secret secret = secret(suffix);
            assertThat(secret).as(suffix).isNotNull();
            assertThat(secret.getMetadata().getLabels()).containsEntry("slipway.io/cluster", name);
            OwnerReference owner = secret.getMetadata().getOwnerReferences().get(0);
            assertThat(owner.getApiVersion()).isEqualTo("slipway.io/v1alpha1");
            assertThat(owner.getKind()).isEqualTo("Cluster");
            assertThat(owner.getName()).isEqualTo(name);
            assertThat(owner.getUid()).isEqualTo(cluster.getMetadata().getUid()).isNotBlank();
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isFalse();
        }
        for (String tls : List.of("-ca", "-etcd-ca", "-front-proxy-ca", "-admin")) {
            assertThat(secret(tls).getType()).isEqualTo("kubernetes.io/tls");
            assertThat(secret(tls).getData()).containsOnlyKeys("tls.crt", "tls.key");
        }
        assertThat(secret("-sa").getData()).containsOnlyKeys("sa.key", "sa.pub");
        assertThat(secret("-bootstrap-token").getData()).containsOnlyKeys("token-id", "token-secret", "expiration");

        CertifiedKey ca = tls("-ca");
        assertThat(ca.commonName()).isEqualTo("kubernetes");
        assertThat(ca.privateKey().getAlgorithm()).as("kubeadm's default").isEqualTo("RSA");
        assertThat(tls("-etcd-ca").commonName()).isEqualTo("etcd-ca");
        assertThat(tls("-front-proxy-ca").commonName()).isEqualTo("front-proxy-ca");
        CertifiedKey admin = tls("-admin");
        assertThat(admin.isSignedBy(ca.certificate())).isTrue();
        assertThat(admin.commonName()).isEqualTo("kubernetes-admin");
        assertThat(ServiceAccountKey.fromPem(data("-sa", "sa.key"), data("-sa", "sa.pub")).isPair()).isTrue();
        assertThat(data("-bootstrap-token", "token-id") + "." + data("-bootstrap-token", "token-secret"))
                .matches("[a-z0-9]{6}\\.[a-z0-9]{16}");

        CredentialsStatus status = result.toStatus();
        assertThat(status.secrets).extracting(s -> s.notAfter).containsExactly(
                START.plus(Duration.ofDays(3650)).toString(), START.plus(Duration.ofDays(3650)).toString(),
                START.plus(Duration.ofDays(3650)).toString(), null, START.plus(Duration.ofHours(24)).toString(),
                START.plus(Duration.ofDays(365)).toString());
        assertThat(status.kubeconfigSecret).isNull();

        // the material for the store is what the Secrets hold
        String controlPlane = new String(result.material().content(BootstrapMaterial.CONTROL_PLANE), StandardCharsets.UTF_8);
        assertThat(controlPlane).contains(json(data("-ca", "tls.key")), json(data("-sa", "sa.key")));
        String node = new String(result.material().content(BootstrapMaterial.NODE), StandardCharsets.UTF_8);
        assertThat(node).contains(data("-bootstrap-token", "token-secret")).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aSecondReconcileAndARestartedOperatorRegenerateNothing() {
        CredentialsResult first = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        Map<String, Secret> before = snapshot();
        ClusterSecrets same = secrets();
        same.reconcile(cluster, Optional.of(ENDPOINT));

        CredentialsResult again = same.reconcile(cluster, Optional.of(ENDPOINT));
        ClusterSecrets restarted = new ClusterSecrets(client, FAST, clock, new SecureRandom());
        clock.advance(Duration.ofHours(1));
        CredentialsResult afterRestart = restarted.reconcile(cluster, Optional.of(ENDPOINT));

        assertThat(again.changed()).isFalse();
        assertThat(afterRestart.changed()).isFalse();
        Map<String, Secret> after = snapshot();
        assertThat(after.keySet()).isEqualTo(before.keySet()).hasSize(7);
        for (String key : before.keySet()) {
            assertThat(after.get(key).getData()).as(key + " bytes").isEqualTo(before.get(key).getData());
            assertThat(after.get(key).getMetadata().getResourceVersion()).as(key + " not written")
                    .isEqualTo(before.get(key).getMetadata().getResourceVersion());
        }
        assertThat(afterRestart.material().sha256()).isEqualTo(first.material().sha256());
        assertThat(afterRestart.toStatus().secrets).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(first.toStatus().secrets);
    }

    @Test
    void theKubeconfigAppearsWithTheEndpointAndIsRewrittenOnlyWhenItChanges() throws Exception {
        secrets().reconcile(cluster, Optional.empty());
        assertThat(secret("-kubeconfig")).isNull();

        CredentialsResult withEndpoint = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(withEndpoint.kubeconfigSecret()).contains(name + "-kubeconfig");
        assertThat(withEndpoint.changes()).containsExactly("created Secret " + name + "-kubeconfig (admin kubeconfig for " + ENDPOINT + ")");
        Secret kubeconfig = secret("-kubeconfig");
        assertThat(kubeconfig.getType()).isEqualTo("cluster.x-k8s.io/secret");
        assertThat(kubeconfig.getData()).containsOnlyKeys("value");
        assertThat(kubeconfig.getMetadata().getLabels()).containsEntry("cluster.x-k8s.io/cluster-name", name)
                .containsEntry("slipway.io/cluster", name);
        assertThat(kubeconfig.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                .containsExactly(cluster.getMetadata().getUid());
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(data("-kubeconfig", "value"));
        assertThat(config.getMasterUrl()).startsWith(ENDPOINT);
        assertThat(config.getCurrentContext().getName()).isEqualTo(name);
        assertThat(decode(config.getCaCertData())).isEqualTo(data("-ca", "tls.crt"));
        assertThat(decode(config.getClientCertData())).isEqualTo(data("-admin", "tls.crt"));
        assertThat(decode(config.getClientKeyData())).isEqualTo(data("-admin", "tls.key"));
        String version = kubeconfig.getMetadata().getResourceVersion();

        assertThat(secrets().reconcile(cluster, Optional.of(ENDPOINT)).changed()).isFalse();
        assertThat(secret("-kubeconfig").getMetadata().getResourceVersion()).isEqualTo(version);

        String moved = "https://api-2.demo.example.com:443";
        CredentialsResult movedResult = secrets().reconcile(cluster, Optional.of(moved));
        assertThat(movedResult.changes()).containsExactly("Secret " + name + "-kubeconfig: rewrote the admin kubeconfig for " + moved);
        assertThat(io.fabric8.kubernetes.client.Config.fromKubeconfig(data("-kubeconfig", "value")).getMasterUrl()).startsWith(moved);
    }

    @Test
    void theAdminCertificateIsRenewedWhenLessThanThirtyDaysRemainAndTheCasAreNot() {
        secrets().reconcile(cluster, Optional.of(ENDPOINT));
        CertifiedKey adminBefore = tls("-admin");
        Map<String, Secret> before = snapshot();

        clock.set(adminBefore.notAfter().minus(Duration.ofDays(31)));
        CredentialsResult early = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(early.changes()).noneMatch(c -> c.contains("admin client certificate"));
        assertThat(tls("-admin").certificate()).isEqualTo(adminBefore.certificate());

        clock.set(adminBefore.notAfter().minus(Duration.ofDays(29)));
        CredentialsResult renewed = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(renewed.changes()).anyMatch(c -> c.startsWith("Secret " + name + "-admin: renewed the admin client certificate (it expires"));
        CertifiedKey adminAfter = tls("-admin");
        assertThat(adminAfter.certificate()).isNotEqualTo(adminBefore.certificate());
        assertThat(adminAfter.notAfter()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
        assertThat(adminAfter.isSignedBy(tls("-ca").certificate())).isTrue();
        for (String ca : List.of("-ca", "-etcd-ca", "-front-proxy-ca", "-sa")) {
            assertThat(secret(ca).getData()).as(ca).isEqualTo(before.get(name + ca).getData());
        }
        assertThat(decode(io.fabric8.kubernetes.client.Config.fromKubeconfig(data("-kubeconfig", "value")).getClientCertData()))
                .as("the kubeconfig follows the renewed certificate").isEqualTo(adminAfter.certificatePem());
    }

    @Test
    void theBootstrapTokenIsReplacedBeforeItExpires() {
        CredentialsResult first = secrets().reconcile(cluster, Optional.empty());
        String token = data("-bootstrap-token", "token-secret");

        clock.advance(Duration.ofHours(15));
        assertThat(secrets().reconcile(cluster, Optional.empty()).changed()).isFalse();
        assertThat(data("-bootstrap-token", "token-secret")).isEqualTo(token);

        clock.advance(Duration.ofHours(2));
        CredentialsResult replaced = secrets().reconcile(cluster, Optional.empty());
        assertThat(replaced.changes()).singleElement().asString().startsWith("Secret " + name + "-bootstrap-token: replaced the bootstrap token");
        assertThat(data("-bootstrap-token", "token-secret")).isNotEqualTo(token);
        assertThat(Instant.parse(data("-bootstrap-token", "expiration"))).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(replaced.material().sha256(BootstrapMaterial.NODE)).isNotEqualTo(first.material().sha256(BootstrapMaterial.NODE));
        assertThat(replaced.material().sha256(BootstrapMaterial.BASTION)).isEqualTo(first.material().sha256(BootstrapMaterial.BASTION));
    }

    @Test
    void aRotateCaAnnotationRotatesTheCasOnceAndReissuesTheAdminCertificate() {
        CredentialsResult created = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(created.handledCaRotation()).isEmpty();
        Map<String, Secret> before = snapshot();

        annotate("2026-12-01T10:00:00Z");
        CredentialsResult rotated = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(rotated.handledCaRotation()).contains("2026-12-01T10:00:00Z");
        assertThat(rotated.toStatus().lastHandledCARotation).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(rotated.changes()).filteredOn(c -> c.contains("rotated the")).hasSize(3);
        for (String ca : List.of("-ca", "-etcd-ca", "-front-proxy-ca")) {
            assertThat(secret(ca).getData()).as(ca).isNotEqualTo(before.get(name + ca).getData());
            assertThat(secret(ca).getMetadata().getAnnotations()).containsEntry("slipway.io/ca-rotation", "2026-12-01T10:00:00Z");
        }
        assertThat(secret("-sa").getData()).as("the service-account key is no CA").isEqualTo(before.get(name + "-sa").getData());
        assertThat(secret("-bootstrap-token").getData()).isEqualTo(before.get(name + "-bootstrap-token").getData());
        CertifiedKey admin = tls("-admin");
        assertThat(admin.isSignedBy(tls("-ca").certificate())).isTrue();
        assertThat(admin.isSignedBy(CertifiedKey.fromPem(decode(before.get(name + "-ca").getData().get("tls.crt")),
                decode(before.get(name + "-ca").getData().get("tls.key"))).certificate())).isFalse();
        assertThat(rotated.changes()).anyMatch(c -> c.contains("renewed the admin client certificate (the current cluster CA did not sign it)"));
        assertThat(decode(io.fabric8.kubernetes.client.Config.fromKubeconfig(data("-kubeconfig", "value")).getCaCertData()))
                .isEqualTo(data("-ca", "tls.crt"));

        // the integrator writes status; the same value then rotates nothing, in this operator or a restarted one,
        // and even when that status write was lost (the CA Secrets record the value)
        Map<String, Secret> afterRotation = snapshot();
        cluster.setStatus(new ClusterStatus());
        cluster.getStatus().credentials = rotated.toStatus();
        assertThat(secrets().reconcile(cluster, Optional.of(ENDPOINT)).changed()).isFalse();
        cluster.setStatus(null);
        CredentialsResult lostStatus = new ClusterSecrets(client, FAST, clock).reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(lostStatus.changed()).isFalse();
        assertThat(lostStatus.handledCaRotation()).contains("2026-12-01T10:00:00Z");
        assertThat(snapshot()).allSatisfy((key, secret) -> assertThat(secret.getMetadata().getResourceVersion())
                .as(key).isEqualTo(afterRotation.get(key).getMetadata().getResourceVersion()));

        annotate("second");
        assertThat(secrets().reconcile(cluster, Optional.of(ENDPOINT)).changes()).filteredOn(c -> c.contains("rotated the")).hasSize(3);
        assertThat(secrets().reconcile(cluster, Optional.of(ENDPOINT)).changed()).isFalse();
    }

    @Test
    void aClusterCreatedWithTheAnnotationIsNotRotatedRightAway() {
        annotate("from-the-start");
        CredentialsResult created = secrets().reconcile(cluster, Optional.empty());
        assertThat(created.handledCaRotation()).contains("from-the-start");
        assertThat(created.changes()).noneMatch(c -> c.contains("rotated"));
        assertThat(secrets().reconcile(cluster, Optional.empty()).changed()).isFalse();
    }

    @Test
    void aSecretThatAlreadyExistsIsAdoptedNeverReplaced() {
        // made elsewhere (another replica, or a backup restored without our label): the create meets 409
        Pki pki = new Pki(Clock.fixed(START, ZoneOffset.UTC), new SecureRandom(), KeyAlgorithm.ECDSA_P256,
                Duration.ofDays(1000), Duration.ofDays(100));
        CertifiedKey restored = pki.clusterCa();
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName(name + "-ca").endMetadata()
                .withType("kubernetes.io/tls").withData(Map.of(
                        "tls.crt", base64(restored.certificatePem()), "tls.key", base64(restored.privateKeyPem())))
                .build()).create();

        CredentialsResult result = secrets().reconcile(cluster, Optional.empty());
        assertThat(result.changes()).hasSize(5).noneMatch(c -> c.contains(name + "-ca "));
        assertThat(tls("-ca").certificate()).isEqualTo(restored.certificate());
        assertThat(tls("-admin").isSignedBy(restored.certificate())).isTrue();
        assertThat(result.secrets().get(0).notAfter()).contains(START.plus(Duration.ofDays(1000)));
        assertThat(secrets().reconcile(cluster, Optional.empty()).changed()).isFalse();
    }

    @Test
    void anUnreadableSecretStopsWithItsNameAndIsNeverRegenerated() {
        secrets().reconcile(cluster, Optional.empty());
        Secret ca = secret("-ca");
        String certificate = ca.getData().get("tls.crt");
        String original = ca.getData().get("tls.key");
        ca.getData().put("tls.key", base64("-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n"));
        client.secrets().inNamespace("default").resource(ca).update();

        assertThatThrownBy(() -> secrets().reconcile(cluster, Optional.empty()))
                .isInstanceOf(ClusterSecrets.CredentialsException.class)
                .hasMessageStartingWith("Secret default/" + name + "-ca: tls.crt/tls.key unreadable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bm90IGEga2V5").doesNotContain("BEGIN"));
        assertThat(secret("-ca").getData().get("tls.crt")).isEqualTo(certificate);


        Secret token = secret("-bootstrap-token");
        String tokenSecret = token.getData().remove("token-secret");
        client.secrets().inNamespace("default").resource(token).update();
        Secret repaired = secret("-ca");
        repaired.getData().put("tls.key", original);
        client.secrets().inNamespace("default").resource(repaired).update();
        assertThatThrownBy(() -> secrets().reconcile(cluster, Optional.empty()))
                .isInstanceOf(ClusterSecrets.CredentialsException.class)
                .hasMessage("Secret default/" + name + "-bootstrap-token has no key token-secret");
        assertThat(secret("-bootstrap-token").getData()).doesNotContainKey("token-secret").doesNotContainValue(tokenSecret);
    }

    @Test
    void noSecretAppearsInTheResultItsStatusOrTheLog() throws Exception {
        CredentialsResult created = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        clock.advance(Duration.ofDays(340));
        CredentialsResult renewed = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        annotate("rotate-now");
        CredentialsResult rotated = secrets().reconcile(cluster, Optional.of(ENDPOINT));
        assertThat(renewed.changes()).isNotEmpty();
        assertThat(rotated.changes()).isNotEmpty();
        assertThat(logs).as("the log names what changed").anyMatch(l -> l.contains("rotated the cluster-ca"));

        StringBuilder published = new StringBuilder();
        for (CredentialsResult result : List.of(created, renewed, rotated)) {
            published.append(result).append('\n').append(String.join("\n", result.changes())).append('\n');
            ClusterStatus status = new ClusterStatus();
            status.credentials = result.toStatus();
            published.append(Serialization.asJson(status)).append('\n').append(new ObjectMapper().writeValueAsString(status));
        }
        published.append(String.join("\n", logs));
        String text = published.toString();

        assertThat(text).doesNotContain("-----BEGIN").doesNotContain("PRIVATE KEY");
        List<String> secretValues = new ArrayList<>();
        for (Secret secret : client.secrets().inNamespace("default").withLabel("slipway.io/cluster", name).list().getItems()) {
            for (Map.Entry<String, String> entry : secret.getData().entrySet()) {
                if (entry.getKey().equals("expiration") || entry.getKey().equals("token-id")) {
                    continue; // not secret: the id names the token, the expiry is in status
                }
                secretValues.add(entry.getValue());
                String plain = decode(entry.getValue());
                secretValues.add(plain);
                plain.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).forEach(secretValues::add);
            }
        }
        CertifiedKey admin = tls("-admin");
        secretValues.add(Base64.getEncoder().encodeToString(admin.privateKey().getEncoded()).substring(0, 40));
        secretValues.add(Base64.getEncoder().encodeToString(tls("-ca").privateKey().getEncoded()).substring(0, 40));
        assertThat(secretValues).hasSizeGreaterThan(20);
        for (String value : secretValues) {
            assertThat(text).as("published text holds a secret value").doesNotContain(value);
        }
    }

    private void annotate(String value) {
        cluster = client.resources(Cluster.class).inNamespace("default").withName(name)
                .edit(c -> {
                    if (c.getMetadata().getAnnotations() == null) {
                        c.getMetadata().setAnnotations(new LinkedHashMap<>());
                    }
                    c.getMetadata().getAnnotations().put(ClusterSecrets.ROTATE_CA_ANNOTATION, value);
                    return c;
                });
    }

    private Secret secret(String suffix) {
        return client.secrets().inNamespace("default").withName(name + suffix).get();
    }

    private String data(String suffix, String key) {
        return decode(secret(suffix).getData().get(key));
    }

    private CertifiedKey tls(String suffix) {
        return CertifiedKey.fromPem(data(suffix, "tls.crt"), data(suffix, "tls.key"));
    }

    private Map<String, Secret> snapshot() {
        Map<String, Secret> all = new TreeMap<>();
        client.secrets().inNamespace("default").withLabel("slipway.io/cluster", name).list().getItems()
                .forEach(s -> all.put(s.getMetadata().getName(), s));
        return all;
    }

    private static String json(String text) {
        return text.replace("\n", "\\n");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
