package io.slipway.bootstrap;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.NetworkingSpec;
import io.slipway.api.CniOptions;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Specs, contexts and script surgery for the user-data tests. */
final class NodeBootstraps {
    static final String NAMESPACE = "prod";
    static final String CLUSTER = "demo";
    static final String API_URL = "https://api.demo.example.com:443";
    static final BootstrapStoreLayout STORE = BootstrapStoreLayout.ownBucket(AwsNames.of(NAMESPACE, CLUSTER), "123456789012");

    private NodeBootstraps() {
    }

    static Cluster cluster() {
        Cluster cluster = new Cluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(CLUSTER).build());
        ClusterSpec spec = new ClusterSpec();
        spec.kubernetesVersion = "v1.32.4";
        spec.region = "us-east-1";
        spec.networkCIDR = "10.0.0.0/16";
        spec.podCIDR = "100.96.0.0/11";
        spec.serviceClusterIPRange = "100.64.0.0/13";
        spec.networking = new NetworkingSpec();
        spec.networking.cilium = new CniOptions();
        cluster.setSpec(spec);
        return cluster;
    }

    static InstanceGroup group(String name, InstanceGroupRole role, Map<String, String> labels, List<String> taints) {
        InstanceGroup group = new InstanceGroup();
        group.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
        InstanceGroupSpec spec = new InstanceGroupSpec();
        spec.clusterName = CLUSTER;
        spec.role = role.name();
        spec.machineType = "m6i.large";
        spec.image = "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*";
        spec.minSize = 1;
        spec.maxSize = 3;
        spec.nodeLabels = new LinkedHashMap<>(labels);
        spec.taints = new ArrayList<>(taints);
        group.setSpec(spec);
        return group;
    }

    /** A group at the edge of what a spec holds: 64 labels with domain-prefixed keys, and 24 taints. */
    static InstanceGroup largeGroup(InstanceGroupRole role) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < 64; i++) {
            labels.put("workloads.platform.example.com/capability-" + i, "enabled-for-team-" + i);
        }
        List<String> taints = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            taints.add("dedicated.example.com/workload-" + i + "=batch-" + i + ":" + (i % 2 == 0 ? "NoSchedule" : "PreferNoSchedule"));
        }
        return group("large-" + role.name().toLowerCase(), role, labels, taints);
    }

    static NodeBootstrapContext context(InstanceGroupRole role) {
        return new NodeBootstrapContext(API_URL, "us-east-1", STORE.bucket(), STORE.objectKey(role), STORE.initLockKey());
    }

    static String userData(InstanceGroup group) {
        return NodeBootstrap.userData(cluster(), group, context(group.getSpec().roleValue()));
    }

    /** The definition of shell function {@code name} in {@code script}, from its first line to its closing brace. */
    static String function(String script, String name) {
        Matcher matcher = Pattern.compile("(?ms)^" + Pattern.quote(name) + "\\(\\) \\{\\n.*?^\\}\\n").matcher(script);
        if (!matcher.find()) {
            throw new AssertionError("no function " + name + " in the script");
        }
        return matcher.group();
    }

    /** What the script writes to {@code $WORK/<file>}: its here-document, decoded from base64 and gunzipped. */
    static String template(String script, String file) {
        Matcher matcher = Pattern.compile("(?ms)^  base64 --decode <<'" + NodeBootstrap.HEREDOC_END + "' \\| gunzip >\"\\$WORK/"
                + Pattern.quote(file) + "\"\\n(.*?)^" + NodeBootstrap.HEREDOC_END + "\\n").matcher(script);
        if (!matcher.find()) {
            throw new AssertionError("no template " + file + " in the script");
        }
        try (var gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getMimeDecoder().decode(matcher.group(1))))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
