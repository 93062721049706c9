package io.slipway.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * kubeadm's configuration ({@value #API_VERSION}) for one instance group, as templates: what only the booting
 * instance knows (its name, address, zone and id) and the join secrets (bootstrap token, CA hash), which come from
 * the bootstrap object at boot and never from user data, are {@code __SLIPWAY_...__} placeholders that the boot
 * script replaces. Every string is double-quoted, so no substituted value can change the YAML's structure.
 * The same settings give the same bytes.
 */
public final class KubeadmConfig {
    public static final String API_VERSION = "kubeadm.k8s.io/v1beta4";
    public static final String KUBELET_API_VERSION = "kubelet.config.k8s.io/v1beta1";

    public static final String TOKEN = "__SLIPWAY_TOKEN__";
    public static final String TOKEN_EXPIRES = "__SLIPWAY_TOKEN_EXPIRES__";
    public static final String CA_CERT_HASH = "__SLIPWAY_CA_CERT_HASH__";
    public static final String NODE_NAME = "__SLIPWAY_NODE_NAME__";
    public static final String ADVERTISE_ADDRESS = "__SLIPWAY_ADVERTISE_ADDRESS__";
    public static final String ZONE = "__SLIPWAY_ZONE__";
    public static final String INSTANCE_ID = "__SLIPWAY_INSTANCE_ID__";
    public static final List<String> PLACEHOLDERS = List.of(TOKEN, TOKEN_EXPIRES, CA_CERT_HASH, NODE_NAME,
            ADVERTISE_ADDRESS, ZONE, INSTANCE_ID);

    /** The label every node of a group carries, naming its InstanceGroup. */
    public static final String INSTANCE_GROUP_LABEL = "slipway.io/instance-group";
    public static final String CONTROL_PLANE_TAINT_KEY = "node-role.kubernetes.io/control-plane";
    static final String CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    /**
     * What the configuration is made of.
     *
     * @param kubernetesVersion {@code v1.32.4}
     * @param apiHost           the API's DNS name (or address), as clients and joining instances reach it
     * @param apiPort           the port clients use, which the load balancer forwards unchanged to the API servers
     * @param podSubnet         null when pods take addresses from the VPC (Amazon VPC CNI)
     * @param nodeLabels        the group's labels, without {@link #INSTANCE_GROUP_LABEL}
     * @param taints            kops' form {@code key[=value]:Effect}, without the control-plane taint
     */
    public record Settings(String clusterName, String instanceGroup, boolean controlPlane, String kubernetesVersion,
                           String apiHost, int apiPort, String podSubnet, String serviceSubnet,
                           SortedMap<String, String> nodeLabels, List<String> taints) {
        public Settings {
            nodeLabels = new TreeMap<>(nodeLabels);
            taints = List.copyOf(taints);
        }

        public String controlPlaneEndpoint() {
            return apiHost + ":" + apiPort;
        }
    }

    private KubeadmConfig() {
    }

    /** InitConfiguration, ClusterConfiguration and KubeletConfiguration: {@code kubeadm init --config}. */
    public static String init(Settings settings) {
        if (!settings.controlPlane()) {
            throw new IllegalArgumentException("only a control-plane instance runs kubeadm init");
        }
        Map<String, Object> init = document(API_VERSION, "InitConfiguration");
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("token", TOKEN);
        token.put("expires", TOKEN_EXPIRES);
        token.put("usages", List.of("signing", "authentication"));
        token.put("groups", List.of("system:bootstrappers:kubeadm:default-node-token"));
        token.put("description", "Slipway: the instances of " + settings.clusterName() + " join with it");
        init.put("bootstrapTokens", List.of(token));
        init.put("nodeRegistration", nodeRegistration(settings));
        init.put("localAPIEndpoint", localApiEndpoint(settings));

        Map<String, Object> cluster = document(API_VERSION, "ClusterConfiguration");
        cluster.put("clusterName", settings.clusterName());
        cluster.put("kubernetesVersion", settings.kubernetesVersion());
        cluster.put("controlPlaneEndpoint", settings.controlPlaneEndpoint());
        Map<String, Object> networking = new LinkedHashMap<>();
        networking.put("dnsDomain", "cluster.local");
        networking.put("serviceSubnet", settings.serviceSubnet());
        if (settings.podSubnet() != null) {
            networking.put("podSubnet", settings.podSubnet());
        }
        cluster.put("networking", networking);
        cluster.put("apiServer", Map.of("certSANs", List.of(settings.apiHost())));
        cluster.put("etcd", Map.of("local", Map.of("dataDir", "/var/lib/etcd")));

        Map<String, Object> kubelet = document(KUBELET_API_VERSION, "KubeletConfiguration");
        kubelet.put("cgroupDriver", "systemd");
        return yaml(init) + yaml(cluster) + yaml(kubelet);
    }

    /**
     * JoinConfiguration: discovery through the bootstrap token and the CA's hash; a control-plane instance also
     * joins etcd and serves the API ({@code controlPlane.localAPIEndpoint}). The shared CA keys are in place from
     * the bootstrap object, so no certificate key is needed.
     */
    public static String join(Settings settings) {
        Map<String, Object> join = document(API_VERSION, "JoinConfiguration");
        Map<String, Object> bootstrapToken = new LinkedHashMap<>();
        bootstrapToken.put("apiServerEndpoint", settings.controlPlaneEndpoint());
        bootstrapToken.put("token", TOKEN);
        bootstrapToken.put("caCertHashes", List.of(CA_CERT_HASH));
        join.put("discovery", Map.of("bootstrapToken", bootstrapToken));
        join.put("nodeRegistration", nodeRegistration(settings));
        if (settings.controlPlane()) {
            join.put("controlPlane", Map.of("localAPIEndpoint", localApiEndpoint(settings)));
        }
        return yaml(join);
    }

    /** kops' {@code key[=value]:Effect} as a Kubernetes taint. */
    static Map<String, Object> taint(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a taint is key[=value]:Effect, not " + spec);
        }
        String keyValue = spec.substring(0, colon);
        int equals = keyValue.indexOf('=');
        Map<String, Object> taint = new LinkedHashMap<>();
        taint.put("key", equals < 0 ? keyValue : keyValue.substring(0, equals));
        if (equals >= 0) {
            taint.put("value", keyValue.substring(equals + 1));
        }
        taint.put("effect", spec.substring(colon + 1));
        return taint;
    }

    private static Map<String, Object> nodeRegistration(Settings settings) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", NODE_NAME);
        registration.put("criSocket", CRI_SOCKET);
        List<Map<String, Object>> taints = new ArrayList<>();
        Map<String, Object> controlPlaneTaint = taint(CONTROL_PLANE_TAINT_KEY + ":NoSchedule");
        // kubeadm adds it only when no taints are given: these are given, so it is named, once
        if (settings.controlPlane() && settings.taints().stream().map(KubeadmConfig::taint)
                .noneMatch(t -> t.get("key").equals(CONTROL_PLANE_TAINT_KEY) && t.get("effect").equals("NoSchedule"))) {
            taints.add(controlPlaneTaint);
        }
        settings.taints().forEach(t -> taints.add(taint(t)));
        registration.put("taints", taints);
        SortedMap<String, String> labels = new TreeMap<>(settings.nodeLabels());
        labels.put(INSTANCE_GROUP_LABEL, settings.instanceGroup());
        StringBuilder nodeLabels = new StringBuilder();
        labels.forEach((key, value) -> nodeLabels.append(nodeLabels.isEmpty() ? "" : ",").append(key).append('=').append(value));
        // v1beta4's list form, by name
        registration.put("kubeletExtraArgs", List.of(
                arg("cloud-provider", "external"),
                arg("node-labels", nodeLabels.toString()),
                arg("provider-id", "aws:///" + ZONE + "/" + INSTANCE_ID)));
        return registration;
    }

    private static Map<String, Object> localApiEndpoint(Settings settings) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("advertiseAddress", ADVERTISE_ADDRESS);
        endpoint.put("bindPort", settings.apiPort());
        return endpoint;
    }

    private static Map<String, Object> arg(String name, String value) {
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("name", name);
        arg.put("value", value);
        return arg;
    }

    private static Map<String, Object> document(String apiVersion, String kind) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", apiVersion);
        document.put("kind", kind);
        return document;
    }

    private static String yaml(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the kubeadm configuration", e);
        }
    }
}
