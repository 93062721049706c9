package io.slipway.workload.addons;

import java.nio.file.Path;

/** Where the addons' charts come from and where they are cached. */
public record AddonSettings(RepositoryOverride repositoryOverride, Path cacheDir) {

    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "slipway-addons");
    }

    public static AddonSettings defaults() {
        return new AddonSettings(RepositoryOverride.none(), defaultCacheDir());
    }
}
