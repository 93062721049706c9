package io.slipway.workload.addons;

import io.slipway.api.AddonStatus;

import java.util.List;

/** status.addons from an {@link AddonsResult}. Pure. */
public final class AddonStatuses {
    private AddonStatuses() {
    }

    public static List<AddonStatus> of(AddonsResult result) {
        return result.addons().stream().map(AddonStatuses::of).toList();
    }

    private static AddonStatus of(AddonResult result) {
        AddonStatus status = new AddonStatus();
        status.name = result.name();
        status.chart = result.chart();
        status.version = result.version();
        status.applied = result.applied();
        status.message = result.message();
        return status;
    }
}
