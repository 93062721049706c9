package io.slipway.workload.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.slipway.api.Cluster;
import io.slipway.api.SpecDefaults;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Helm values of an addon for one cluster: the channel's values with each {@code ${cluster.*}} placeholder in a
 * string replaced by the cluster's value. Pure.
 */
public final class ClusterValues {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z.]+)}");

    private final Map<String, String> variables;

    private ClusterValues(Map<String, String> variables) {
        this.variables = variables;
    }

    public static ClusterValues of(Cluster cluster) {
        String podCidr = cluster.getSpec().podCIDR == null || cluster.getSpec().podCIDR.isBlank()
                ? SpecDefaults.POD_CIDR : cluster.getSpec().podCIDR;
        String version = cluster.getSpec().kubernetesVersion == null ? "" : cluster.getSpec().kubernetesVersion;
        return new ClusterValues(Map.of(
                "cluster.name", cluster.getMetadata().getName(),
                "cluster.region", cluster.getSpec().region == null ? "" : cluster.getSpec().region,
                "cluster.podCIDR", podCidr,
                "cluster.kubernetesVersion", version.startsWith("v") ? version.substring(1) : version));
    }

    /** The names a channel may use, without {@code ${}}. */
    public static java.util.Set<String> placeholders() {
        return java.util.Set.of("cluster.name", "cluster.region", "cluster.podCIDR", "cluster.kubernetesVersion");
    }

    /** A copy of {@code values} with every placeholder replaced; an unknown placeholder is an error. */
    public JsonNode render(JsonNode values) {
        if (values.isTextual()) {
            return TextNode.valueOf(substitute(values.asText()));
        }
        if (values.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            values.fields().forEachRemaining(e -> copy.set(e.getKey(), render(e.getValue())));
            return copy;
        }
        if (values.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            values.forEach(v -> copy.add(render(v)));
            return copy;
        }
        return values.deepCopy();
    }

    private String substitute(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "} in addon values; known: "
                        + placeholders());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
