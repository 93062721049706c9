package io.slipway.bootstrap;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.NetworkingSpec;
import io.slipway.api.SpecDefaults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The user data of an instance group's instances: one bash script (cloud-init runs a {@code #!} script as is, and
 * one script is what {@code shellcheck} can check whole). Kubernetes instances install containerd and kubelet,
 * kubeadm and kubectl of {@code spec.kubernetesVersion}, fetch their role's bootstrap object with the instance
 * role's credentials and run kubeadm (init or join, see {@link KubeadmConfig}); bastions only harden SSH. The script
 * holds no secret: keys, the bootstrap token and the CA hash are read at boot. The same inputs give the same bytes
 * (with the same JDK: the kubeadm templates are gzipped).
 */
public final class NodeBootstrap {
    /** EC2's limit on user data, before base64. */
    public static final int MAX_USER_DATA_BYTES = 16 * 1024;
    /** The delimiter of the kubeadm templates' here-documents. */
    static final String HEREDOC_END = "SLIPWAY_KUBEADM";

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII));
    private static final Pattern VERSION = Pattern.compile("^v?((\\d+)\\.(\\d+)\\.(\\d+))$");
    private static final String KUBERNETES_SCRIPT = resource("kubernetes-common.sh");
    private static final String CONTROL_PLANE_SCRIPT = resource("control-plane.sh");
    private static final String NODE_SCRIPT = resource("node.sh");
    private static final String BASTION_SCRIPT = resource("bastion.sh");

    private NodeBootstrap() {
    }

    /** @throws IllegalArgumentException when the specs cannot be rendered, or the result exceeds EC2's limit */
    public static String userData(Cluster cluster, InstanceGroup group, NodeBootstrapContext context) {
        InstanceGroupSpec spec = group.getSpec();
        InstanceGroupRole role = spec.roleValue();
        if (role == null) {
            throw new IllegalArgumentException("spec.role: not one of ControlPlane, Node, Bastion");
        }
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/bash\n")
                .append("# Slipway: ").append(role).append(" instance of InstanceGroup ")
                .append(group.getMetadata().getNamespace()).append('/').append(group.getMetadata().getName())
                .append(" in Cluster ").append(cluster.getMetadata().getName()).append(". Generated.\n")
                .append("set -euo pipefail\n");
        if (role == InstanceGroupRole.Bastion) {
            script.append(BASTION_SCRIPT);
        } else {
            script.append(kubernetes(cluster, group, role, context));
        }
        script.append("main\n");
        String userData = script.toString();
        int size = userData.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_USER_DATA_BYTES) {
            throw new IllegalArgumentException("the user data would be " + size + " bytes, EC2 takes at most "
                    + MAX_USER_DATA_BYTES + ": fewer or shorter spec.nodeLabels or spec.taints");
        }
        return userData;
    }

    /** The kubeadm settings of a Kubernetes group. */
    public static KubeadmConfig.Settings kubeadmSettings(Cluster cluster, InstanceGroup group, NodeBootstrapContext context) {
        ClusterSpec spec = cluster.getSpec();
        InstanceGroupSpec groupSpec = group.getSpec();
        URI api = apiServer(context.apiServerUrl());
        NetworkingSpec networking = spec.networking == null ? new NetworkingSpec() : spec.networking;
        String podSubnet = networking.selected() == NetworkingSpec.Cni.AMAZON_VPC ? null
                : spec.podCIDR != null ? spec.podCIDR : SpecDefaults.POD_CIDR;
        String serviceSubnet = spec.serviceClusterIPRange != null ? spec.serviceClusterIPRange
                : SpecDefaults.SERVICE_CLUSTER_IP_RANGE;
        return new KubeadmConfig.Settings(cluster.getMetadata().getName(), group.getMetadata().getName(),
                groupSpec.roleValue() == InstanceGroupRole.ControlPlane, "v" + version(spec).group(1),
                api.getHost(), api.getPort() < 0 ? 443 : api.getPort(), podSubnet, serviceSubnet,
                new TreeMap<>(groupSpec.nodeLabels == null ? Map.of() : groupSpec.nodeLabels),
                groupSpec.taints == null ? List.of() : groupSpec.taints);
    }

    private static String kubernetes(Cluster cluster, InstanceGroup group, InstanceGroupRole role,
                                     NodeBootstrapContext context) {
        Matcher version = version(cluster.getSpec());
        KubeadmConfig.Settings settings = kubeadmSettings(cluster, group, context);
        StringBuilder script = new StringBuilder();
        variable(script, "KUBERNETES_VERSION", version.group(1));
        variable(script, "KUBERNETES_MINOR", "v" + version.group(2) + "." + version.group(3));
        variable(script, "REGION", context.region());
        variable(script, "BUCKET", context.bucket());
        variable(script, "BOOTSTRAP_KEY", context.bootstrapObjectKey());
        if (settings.controlPlane()) {
            variable(script, "INIT_LOCK_KEY", context.initLockKey());
            variable(script, "API_HOST", settings.apiHost());
        }
        variable(script, "API_SERVER_URL", "https://" + settings.controlPlaneEndpoint());
        script.append(KUBERNETES_SCRIPT).append('\n')
                .append(settings.controlPlane() ? CONTROL_PLANE_SCRIPT : NODE_SCRIPT).append('\n');
        script.append("write_kubeadm_templates() {\n");
        if (settings.controlPlane()) {
            template(script, "init.yaml.in", KubeadmConfig.init(settings));
        }
        template(script, "join.yaml.in", KubeadmConfig.join(settings));
        script.append("}\n\n");
        return script.toString();
    }

    /**
     * A here-document that writes {@code content} to {@code $WORK/<file>}, gzipped and in base64: labels and
     * taints, repeated in the init and join documents, would not fit EC2's 16 KiB as they are.
     */
    private static void template(StringBuilder script, String file, String content) {
        script.append("  base64 --decode <<'").append(HEREDOC_END).append("' | gunzip >\"$WORK/").append(file).append("\"\n")
                .append(BASE64.encodeToString(gzip(content))).append('\n')
                .append(HEREDOC_END).append('\n');
    }

    /** Deterministic: java.util.zip writes no time or name into the header. */
    private static byte[] gzip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void variable(StringBuilder script, String name, String value) {
        script.append("readonly ").append(name).append('=').append(shellQuote(value)).append('\n');
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static Matcher version(ClusterSpec spec) {
        Matcher matcher = VERSION.matcher(spec.kubernetesVersion == null ? "" : spec.kubernetesVersion);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("spec.kubernetesVersion: not a version such as 1.32.4");
        }
        return matcher;
    }

    private static URI apiServer(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the API server URL is not a URL: " + url);
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the API server URL is not https://host[:port]: " + url);
        }
        return uri;
    }

    private static String resource(String name) {
        try (InputStream in = NodeBootstrap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
