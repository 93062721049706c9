package io.slipway.workload;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the operator reaches a workload cluster's API instead of the kubeconfig's server: the setting
 * {@code slipway.workload.endpoint-override} (env {@code SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE}), a comma-separated list
 * of {@code <namespace>/<cluster>=https://host:port}. For the local environment and tests, where the API's DNS name
 * does not resolve; TLS is verified against the kubeconfig's CA as usual, so the server's certificate must name the
 * override's host.
 */
public final class EndpointOverrides {
    private final Map<String, URI> byCluster;

    private EndpointOverrides(Map<String, URI> byCluster) {
        this.byCluster = Map.copyOf(byCluster);
    }

    public static EndpointOverrides none() {
        return new EndpointOverrides(Map.of());
    }

    public static EndpointOverrides of(Map<String, String> byCluster) {
        Map<String, URI> parsed = new TreeMap<>();
        byCluster.forEach((cluster, url) -> parsed.put(checkedKey(cluster), checkedUrl(cluster, url)));
        return new EndpointOverrides(parsed);
    }

    /** Parses the setting's value; empty or blank gives none. */
    public static EndpointOverrides parse(String setting) {
        Map<String, String> entries = new TreeMap<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("slipway.workload.endpoint-override: \"" + entry.trim()
                            + "\" is not <namespace>/<cluster>=https://host:port");
                }
                entries.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return of(entries);
    }

    public Optional<URI> endpoint(String namespace, String cluster) {
        return Optional.ofNullable(byCluster.get(namespace + "/" + cluster));
    }

    private static String checkedKey(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("slipway.workload.endpoint-override: \"" + key + "\" is not <namespace>/<cluster>");
        }
        return key;
    }

    private static URI checkedUrl(String key, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("slipway.workload.endpoint-override: " + key + ": \"" + url + "\" is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("slipway.workload.endpoint-override: " + key + ": \"" + url
                    + "\" must be https://host:port (TLS stays on)");
        }
        return uri;
    }
}
