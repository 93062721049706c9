package io.slipway.workload.addons;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Operator settings of the workload cluster's addons: {@code slipway.addons.*} (env SLIPWAY_ADDONS_...). */
@ConfigMapping(prefix = "slipway.addons")
public interface AddonConfig {
    /**
     * Where to fetch the charts instead of their upstream repositories: one URL for all of them (a mirror, or a
     * repository on 127.0.0.1 in tests and hack/local.sh), or comma-separated {@code upstream=local} pairs.
     */
    Optional<String> repositoryOverride();

    /** Where fetched chart archives are kept; default {@code <java.io.tmpdir>/slipway-addons}. */
    Optional<String> cacheDir();

    default AddonSettings settings() {
        return new AddonSettings(RepositoryOverride.parse(repositoryOverride()),
                cacheDir().filter(dir -> !dir.isBlank()).map(Path::of).orElse(AddonSettings.defaultCacheDir()));
    }
}
