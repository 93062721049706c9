package io.slipway.workload.addons;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where charts are fetched from instead of their upstream repositories (a mirror, or a repository on 127.0.0.1 in
 * tests and hack/local.sh). The setting is either one URL, used for every repository, or comma-separated
 * {@code upstream=local} pairs; repositories it does not name stay upstream.
 */
public final class RepositoryOverride {
    private static final RepositoryOverride NONE = new RepositoryOverride(null, Map.of());

    private final String all;
    private final Map<String, String> byUpstream;

    private RepositoryOverride(String all, Map<String, String> byUpstream) {
        this.all = all;
        this.byUpstream = Map.copyOf(byUpstream);
    }

    public static RepositoryOverride none() {
        return NONE;
    }

    /** Every repository is served from {@code url}. */
    public static RepositoryOverride all(String url) {
        return new RepositoryOverride(normalize(url), Map.of());
    }

    /** Parses the setting {@code slipway.addons.repository-override}; blank means none. */
    public static RepositoryOverride parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        if (!setting.contains("=")) {
            return all(setting.trim());
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            if (pair.isBlank()) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("slipway.addons.repository-override: expected a URL or "
                        + "upstream=local pairs, got \"" + pair.trim() + "\"");
            }
            pairs.put(normalize(pair.substring(0, eq).trim()), normalize(pair.substring(eq + 1).trim()));
        }
        return new RepositoryOverride(null, pairs);
    }

    public static RepositoryOverride parse(Optional<String> setting) {
        return parse(setting.orElse(null));
    }

    /** The repository to fetch from for an upstream repository URL, always ending in a slash. */
    public String resolve(String upstream) {
        String key = normalize(upstream);
        if (all != null) {
            return all;
        }
        return byUpstream.getOrDefault(key, key);
    }

    private static String normalize(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
