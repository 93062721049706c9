package io.slipway.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slipway.bootstrap.NodeBootstraps.cluster;
import static io.slipway.bootstrap.NodeBootstraps.context;
import static io.slipway.bootstrap.NodeBootstraps.function;
import static io.slipway.bootstrap.NodeBootstraps.group;
import static io.slipway.bootstrap.NodeBootstraps.largeGroup;
import static io.slipway.bootstrap.NodeBootstraps.template;
import static io.slipway.bootstrap.NodeBootstraps.userData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user data of every role: checked by shellcheck, sized, scanned for secrets, its kubeadm documents read back. */
class NodeBootstrapTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    private static final Pattern PLACEHOLDER = Pattern.compile("__SLIPWAY_[A-Z_]+__");
    private static BootstrapMaterial material;
    private static CertifiedKey clusterCa;
    private static BootstrapToken token;

    @BeforeAll
    static void material() {
        Pki pki = Pki.defaults(Clock.fixed(NOW, ZoneOffset.UTC));
        clusterCa = pki.clusterCa();
        token = BootstrapToken.generate(new SecureRandom(), NOW, Duration.ofHours(24));
        material = BootstrapMaterial.of(clusterCa, pki.etcdCa(), pki.frontProxyCa(), pki.serviceAccountKey(), token);
    }

    @ParameterizedTest
    @EnumSource(InstanceGroupRole.class)
    void shellcheckFindsNothingInAnyRolesScript(InstanceGroupRole role, @TempDir Path dir) throws Exception {
        for (InstanceGroup group : List.of(largeGroup(role), group("plain", role, Map.of(), List.of()))) {
            Path script = dir.resolve(group.getMetadata().getName() + ".sh");
            Files.writeString(script, userData(group));
            Process shellcheck = new ProcessBuilder("shellcheck", "--severity=style", "--format=gcc", script.toString()).redirectErrorStream(true).start();
            String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(findings).as("shellcheck of %s's user data", group.getMetadata().getName()).isEmpty();
            assertThat(shellcheck.exitValue()).isZero();
        }
    }

    @Test
    void shellcheckIsRealAndFailsABrokenScript(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("broken.sh");
        String original = userData(group("plain", InstanceGroupRole.Node, Map.of(), List.of()));
        String broken = original.replace("\"$IMDS/$1\"", "$IMDS/$1");
        assertThat(broken).isNotEqualTo(original);
        Files.writeString(script, broken);
        Process shellcheck = new ProcessBuilder("shellcheck", "--format=gcc", script.toString())
                .redirectErrorStream(true).start();
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(findings).contains("SC2086");
    }

    @ParameterizedTest
    @EnumSource(InstanceGroupRole.class)
    void theUserDataOfALargeSpecFitsEc2sLimit(InstanceGroupRole role) {
        String userData = userData(largeGroup(role));
        assertThat(userData.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NodeBootstrap.MAX_USER_DATA_BYTES);
        assertThat(userData).startsWith("#!/bin/bash\n");
    }

    @Test
    void aSpecTooLargeForEc2IsRefusedWithTheFieldsToShorten() {
        // as long as labels get, and random: gzip cannot shrink them away
        Map<String, String> labels = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 64; i++) {
            labels.put(hex(random, 60) + "." + hex(random, 60) + "." + hex(random, 60) + "/" + hex(random, 63), hex(random, 63));
        }
        InstanceGroup huge = group("huge", InstanceGroupRole.ControlPlane, labels, List.of());
        assertThatThrownBy(() -> userData(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16384").hasMessageContaining("spec.nodeLabels");
    }

    @ParameterizedTest
    @EnumSource(InstanceGroupRole.class)
    void theUserDataHoldsNoSecret(InstanceGroupRole role) throws Exception {
        String script = userData(largeGroup(role));
        // and what its compressed templates hold
        String userData = switch (role) {
            case ControlPlane -> script + template(script, "init.yaml.in") + template(script, "join.yaml.in");
            case Node -> script + template(script, "join.yaml.in");
            case Bastion -> script;
        };
        assertThat(userData).doesNotContain("-----BEGIN").doesNotContain("PRIVATE KEY");
        assertThat(TOKEN.matcher(userData).find()).as("a bootstrap token").isFalse();
        List<String> secrets = new ArrayList<>(List.of(token.value(), token.secret(),
                CaCertHash.of(clusterCa.certificate())));
        for (String r : BootstrapMaterial.ROLES) {
            JSON.readTree(material.content(r)).get("files").forEach(pem -> secrets.addAll(pemBody(pem.asText())));
        }
        assertThat(secrets).hasSizeGreaterThan(10);
        for (String secret : secrets) {
            assertThat(userData).as("user data of %s", role).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @EnumSource(InstanceGroupRole.class)
    void theSameInputGivesTheSameBytes(InstanceGroupRole role) {
        InstanceGroup group = largeGroup(role);
        InstanceGroup reordered = largeGroup(role);
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(group.getSpec().nodeLabels.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(key -> reversed.put(key, group.getSpec().nodeLabels.get(key)));
        reordered.getSpec().nodeLabels = reversed;
        assertThat(userData(reordered)).isEqualTo(userData(group)).isEqualTo(userData(largeGroup(role)));
    }

    @Test
    void theControlPlaneInitsWithAllItNeedsFromV1beta4() throws Exception {
        String script = userData(largeGroup(InstanceGroupRole.ControlPlane));
        List<JsonNode> documents = documents(template(script, "init.yaml.in"));
        assertThat(documents).extracting(d -> d.get("apiVersion").asText() + "/" + d.get("kind").asText()).containsExactly(
                "kubeadm.k8s.io/v1beta4/InitConfiguration", "kubeadm.k8s.io/v1beta4/ClusterConfiguration",
                "kubelet.config.k8s.io/v1beta1/KubeletConfiguration");
        JsonNode init = documents.get(0);
        assertThat(init.at("/bootstrapTokens/0/token").asText()).isEqualTo(KubeadmConfig.TOKEN);
        assertThat(init.at("/bootstrapTokens/0/expires").asText()).isEqualTo(KubeadmConfig.TOKEN_EXPIRES);
        assertThat(init.at("/bootstrapTokens/0/groups/0").asText()).isEqualTo("system:bootstrappers:kubeadm:default-node-token");
        assertThat(init.at("/localAPIEndpoint/advertiseAddress").asText()).isEqualTo(KubeadmConfig.ADVERTISE_ADDRESS);
        assertThat(init.at("/localAPIEndpoint/bindPort").isInt()).isTrue();
        assertThat(init.at("/localAPIEndpoint/bindPort").asInt()).isEqualTo(443);
        assertNodeRegistration(init.get("nodeRegistration"), largeGroup(InstanceGroupRole.ControlPlane), true);

        JsonNode cluster = documents.get(1);
        assertThat(cluster.get("clusterName").asText()).isEqualTo("demo");
        assertThat(cluster.get("kubernetesVersion").asText()).isEqualTo("v1.32.4");
        assertThat(cluster.get("controlPlaneEndpoint").asText()).isEqualTo("api.demo.example.com:443");
        assertThat(cluster.at("/networking/podSubnet").asText()).isEqualTo("100.96.0.0/11");
        assertThat(cluster.at("/networking/serviceSubnet").asText()).isEqualTo("100.64.0.0/13");
        assertThat(cluster.at("/apiServer/certSANs")).extracting(JsonNode::asText).containsExactly("api.demo.example.com");
        assertThat(cluster.at("/etcd/local/dataDir").asText()).isEqualTo("/var/lib/etcd");
        assertThat(documents.get(2).get("cgroupDriver").asText()).isEqualTo("systemd");
    }

    @ParameterizedTest
    @EnumSource(value = InstanceGroupRole.class, names = {"ControlPlane", "Node"})
    void everyKubernetesRoleJoinsByTokenAndCaHash(InstanceGroupRole role) throws Exception {
        InstanceGroup group = largeGroup(role);
        List<JsonNode> documents = documents(template(userData(group), "join.yaml.in"));
        assertThat(documents).hasSize(1);
        JsonNode join = documents.get(0);
        assertThat(join.get("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta4");
        assertThat(join.get("kind").asText()).isEqualTo("JoinConfiguration");
        assertThat(join.at("/discovery/bootstrapToken/apiServerEndpoint").asText()).isEqualTo("api.demo.example.com:443");
        assertThat(join.at("/discovery/bootstrapToken/token").asText()).isEqualTo(KubeadmConfig.TOKEN);
        assertThat(join.at("/discovery/bootstrapToken/caCertHashes")).extracting(JsonNode::asText)
                .containsExactly(KubeadmConfig.CA_CERT_HASH);
        assertNodeRegistration(join.get("nodeRegistration"), group, role == InstanceGroupRole.ControlPlane);
        if (role == InstanceGroupRole.ControlPlane) {
            assertThat(join.at("/controlPlane/localAPIEndpoint/advertiseAddress").asText()).isEqualTo(KubeadmConfig.ADVERTISE_ADDRESS);
            assertThat(join.at("/controlPlane/localAPIEndpoint/bindPort").asInt()).isEqualTo(443);
        } else {
            assertThat(join.has("controlPlane")).isFalse();
            assertThat(userData(group)).doesNotContain("init.yaml.in").doesNotContain("kubeadm init")
                    .doesNotContain("INIT_LOCK_KEY");
        }
    }

    @Test
    void theControlPlaneReachesTheApiThroughItselfOnceItServesIt() {
        String bootstrap = function(userData(group("cp", InstanceGroupRole.ControlPlane, Map.of(), List.of())),
                "bootstrap_control_plane");
        List<String> steps = bootstrap.lines().map(String::strip)
                .filter(line -> line.startsWith("kubeadm ") || line.equals("route_api_to_self")).toList();
        assertThat(steps).containsExactly(
                "kubeadm join --config \"$WORK/join.yaml\"", "route_api_to_self",
                "route_api_to_self", "kubeadm init --config \"$WORK/init.yaml\"",
                "kubeadm join --config \"$WORK/join.yaml\"", "route_api_to_self");
        assertThat(userData(group("cp", InstanceGroupRole.ControlPlane, Map.of(), List.of())))
                .contains("readonly API_HOST='api.demo.example.com'\n");
    }

    @Test
    void aBastionRunsNoKubernetes() {
        String script = userData(largeGroup(InstanceGroupRole.Bastion));
        assertThat(script).doesNotContain("kubeadm").doesNotContain("kubelet").doesNotContain("bootstrap.json")
                .contains("PasswordAuthentication no").contains("PermitRootLogin no").endsWith("main\n");
    }

    @Test
    void theAmazonVpcCniGivesNoPodSubnetAndABareVersionAndDefaultPortWork() throws Exception {
        var cluster = cluster();
        cluster.getSpec().kubernetesVersion = "1.31.4";
        cluster.getSpec().podCIDR = null;
        cluster.getSpec().networking = new io.slipway.api.NetworkingSpec();
        cluster.getSpec().networking.amazonvpc = new io.slipway.api.CniOptions();
        InstanceGroup group = group("cp", InstanceGroupRole.ControlPlane, Map.of(), List.of());
        var context = new NodeBootstrapContext("https://demo-api-0123.elb.us-east-1.amazonaws.com", "us-east-1",
                NodeBootstraps.STORE.bucket(), NodeBootstraps.STORE.objectKey(InstanceGroupRole.ControlPlane),
                NodeBootstraps.STORE.initLockKey());
        String script = NodeBootstrap.userData(cluster, group, context);
        JsonNode clusterConfig = documents(template(script, "init.yaml.in")).get(1);
        assertThat(clusterConfig.at("/networking").has("podSubnet")).isFalse();
        assertThat(clusterConfig.get("kubernetesVersion").asText()).isEqualTo("v1.31.4");
        assertThat(clusterConfig.get("controlPlaneEndpoint").asText()).isEqualTo("demo-api-0123.elb.us-east-1.amazonaws.com:443");
        assertThat(script).contains("readonly KUBERNETES_VERSION='1.31.4'\n").contains("readonly KUBERNETES_MINOR='v1.31'\n");
    }

    @Test
    void aControlPlaneTaintInTheSpecIsNotRepeated() throws Exception {
        InstanceGroup group = group("cp", InstanceGroupRole.ControlPlane, Map.of(),
                List.of("node-role.kubernetes.io/control-plane:NoSchedule", "dedicated=etcd:NoExecute"));
        JsonNode join = documents(template(userData(group), "join.yaml.in")).get(0);
        List<String> taints = new ArrayList<>();
        join.at("/nodeRegistration/taints").forEach(t -> taints.add(t.get("key").asText() + ":" + t.get("effect").asText()));
        assertThat(taints).containsExactly("node-role.kubernetes.io/control-plane:NoSchedule", "dedicated:NoExecute");
    }

    @Test
    void unusableInputsAreRefusedByName() {
        var cluster = cluster();
        cluster.getSpec().kubernetesVersion = "1.32";
        InstanceGroup group = group("cp", InstanceGroupRole.ControlPlane, Map.of(), List.of());
        assertThatThrownBy(() -> NodeBootstrap.userData(cluster, group, context(InstanceGroupRole.ControlPlane)))
                .hasMessageContaining("spec.kubernetesVersion");
        var plainHttp = new NodeBootstrapContext("http://api.demo.example.com", "us-east-1", "b", "k", "l");
        assertThatThrownBy(() -> NodeBootstrap.userData(cluster(), group, plainHttp)).hasMessageContaining("https://");
    }

    @Test
    void everyPlaceholderOfTheTemplatesIsFilledByTheScriptAndNoOther() {
        String script = userData(largeGroup(InstanceGroupRole.ControlPlane));
        Set<String> inTemplates = placeholders(template(script, "init.yaml.in") + template(script, "join.yaml.in"));
        assertThat(inTemplates).containsExactlyInAnyOrderElementsOf(KubeadmConfig.PLACEHOLDERS);
        assertThat(placeholders(function(script, "write_material"))).isEqualTo(new TreeSet<>(KubeadmConfig.PLACEHOLDERS));
    }

    /**
     * The script's own material writer, run by bash and python3 on the real bootstrap objects: keys land with mode
     * 0600 under the PKI folder, the templates get the token, CA hash and instance values, and the YAML holds.
     */
    @ParameterizedTest
    @EnumSource(value = InstanceGroupRole.class, names = {"ControlPlane", "Node"})
    void theScriptWritesTheBootstrapObjectsFilesAndFillsTheTemplates(InstanceGroupRole role, @TempDir Path dir) throws Exception {
        String script = userData(largeGroup(role));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path pkiDir = dir.resolve("pki");
        String materialRole = role == InstanceGroupRole.ControlPlane ? BootstrapMaterial.CONTROL_PLANE : BootstrapMaterial.NODE;
        Files.write(work.resolve("bootstrap.json"), material.content(materialRole));
        String driver = "set -euo pipefail\n"
                + "WORK=" + NodeBootstrap.shellQuote(work.toString()) + "\n"
                + "PKI_DIR=" + NodeBootstrap.shellQuote(pkiDir.toString()) + "\n"
                + "NODE_NAME=ip-10-0-1-2.ec2.internal INSTANCE_ID=i-0123456789abcdef0 ZONE=us-east-1b ADVERTISE_ADDRESS=10.0.1.2\n"
                + function(script, "write_kubeadm_templates")
                + function(script, "write_material")
                + "write_kubeadm_templates\nwrite_material\n";
        Process bash = new ProcessBuilder("bash", "-c", driver).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();

        JsonNode doc = JSON.readTree(material.content(materialRole));
        doc.get("files").fields().forEachRemaining(file -> {
            Path written = pkiDir.resolve(file.getKey().substring("/etc/kubernetes/pki/".length()));
            try {
                assertThat(Files.readString(written)).isEqualTo(file.getValue().asText());
                assertThat(Files.getPosixFilePermissions(written).contains(PosixFilePermission.OTHERS_READ))
                        .as("%s readable by others", written).isEqualTo(!written.toString().endsWith(".key"));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        JsonNode join = documents(Files.readString(work.resolve("join.yaml"))).get(0);
        assertThat(join.at("/discovery/bootstrapToken/token").asText()).isEqualTo(token.value());
        assertThat(join.at("/discovery/bootstrapToken/caCertHashes/0").asText()).isEqualTo(CaCertHash.of(clusterCa.certificate()));
        assertThat(join.at("/nodeRegistration/name").asText()).isEqualTo("ip-10-0-1-2.ec2.internal");
        assertThat(extraArgs(join.get("nodeRegistration")).get("provider-id")).isEqualTo("aws:///us-east-1b/i-0123456789abcdef0");
        assertThat(Files.getPosixFilePermissions(work.resolve("join.yaml"))).doesNotContain(PosixFilePermission.OTHERS_READ);
        if (role == InstanceGroupRole.ControlPlane) {
            JsonNode init = documents(Files.readString(work.resolve("init.yaml"))).get(0);
            assertThat(init.at("/bootstrapTokens/0/token").asText()).isEqualTo(token.value());
            assertThat(Instant.parse(init.at("/bootstrapTokens/0/expires").asText())).isEqualTo(token.expires());
            assertThat(init.at("/localAPIEndpoint/advertiseAddress").asText()).isEqualTo("10.0.1.2");
        }
        assertThat(Files.readString(work.resolve("join.yaml"))).doesNotContain("__SLIPWAY_");
    }

    private static void assertNodeRegistration(JsonNode registration, InstanceGroup group, boolean controlPlane) {
        assertThat(registration.get("name").asText()).isEqualTo(KubeadmConfig.NODE_NAME);
        assertThat(registration.get("criSocket").asText()).isEqualTo("unix:///var/run/containerd/containerd.sock");
        JsonNode args = registration.get("kubeletExtraArgs");
        assertThat(args.isArray()).as("v1beta4's list of {name, value}").isTrue();
        args.forEach(arg -> assertThat(arg.size()).isEqualTo(2));
        Map<String, String> byName = extraArgs(registration);
        assertThat(byName).containsEntry("cloud-provider", "external")
                .containsEntry("provider-id", "aws:///" + KubeadmConfig.ZONE + "/" + KubeadmConfig.INSTANCE_ID);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : byName.get("node-labels").split(",")) {
            labels.put(label.substring(0, label.indexOf('=')), label.substring(label.indexOf('=') + 1));
        }
        Map<String, String> expected = new LinkedHashMap<>(group.getSpec().nodeLabels);
        expected.put(KubeadmConfig.INSTANCE_GROUP_LABEL, group.getMetadata().getName());
        assertThat(labels).isEqualTo(expected);

        List<String> taints = new ArrayList<>();
        registration.get("taints").forEach(t -> taints.add(t.get("key").asText()
                + (t.has("value") ? "=" + t.get("value").asText() : "") + ":" + t.get("effect").asText()));
        List<String> expectedTaints = new ArrayList<>();
        if (controlPlane) {
            expectedTaints.add("node-role.kubernetes.io/control-plane:NoSchedule");
        }
        expectedTaints.addAll(group.getSpec().taints);
        assertThat(taints).isEqualTo(expectedTaints);
    }

    private static Map<String, String> extraArgs(JsonNode registration) {
        Map<String, String> byName = new LinkedHashMap<>();
        registration.get("kubeletExtraArgs").forEach(arg -> byName.put(arg.get("name").asText(), arg.get("value").asText()));
        return byName;
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static String hex(SecureRandom random, int length) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < length) {
            hex.append(Integer.toHexString(random.nextInt(16)));
        }
        return hex.toString();
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** The base64 lines of a PEM block, each long enough to be specific to its key or certificate. */
    private static List<String> pemBody(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 40).toList();
    }
}
