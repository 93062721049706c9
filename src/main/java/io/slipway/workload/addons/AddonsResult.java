package io.slipway.workload.addons;

import java.util.List;
import java.util.Optional;

/** What {@link AddonInstaller#apply} did for each addon of a cluster, in channel order. */
public record AddonsResult(List<AddonResult> addons) {
    public AddonsResult {
        addons = List.copyOf(addons);
    }

    /** True when every addon was applied. */
    public boolean allApplied() {
        return addons.stream().allMatch(AddonResult::applied);
    }

    public Optional<AddonResult> addon(String name) {
        return addons.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
