package io.slipway.workload.addons;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's one {@link AddonInstaller}: the shipped channel, with the {@code slipway.addons.*} settings. */
@Singleton
public class AddonInstallerProducer {

    @Produces
    @Singleton
    AddonInstaller addonInstaller(AddonConfig config) {
        return new AddonInstaller(config.settings());
    }
}
