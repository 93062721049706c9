package io.slipway.workload.addons;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** slipway.addons.* as the operator reads them. */
class AddonConfigTest {
    private static AddonSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AddonConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(AddonConfig.class).settings();
    }

    @Test
    void withoutSettingsChartsComeFromUpstreamAndAreCachedUnderTheTemporaryDirectory() {
        AddonSettings settings = settings(Map.of());
        assertThat(settings.repositoryOverride().resolve("https://helm.cilium.io/")).isEqualTo("https://helm.cilium.io/");
        assertThat(settings.cacheDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "slipway-addons"));
    }

    @Test
    void aRepositoryOverrideAndACacheDirectoryAreTakenAsGiven() {
        AddonSettings settings = settings(Map.of("slipway.addons.repository-override", "http://127.0.0.1:8879",
                "slipway.addons.cache-dir", "/var/cache/slipway"));
        assertThat(settings.repositoryOverride().resolve("https://kubernetes.github.io/cloud-provider-aws"))
                .isEqualTo("http://127.0.0.1:8879/");
        assertThat(settings.cacheDir()).isEqualTo(Path.of("/var/cache/slipway"));
    }
}
