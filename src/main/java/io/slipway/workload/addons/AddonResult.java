package io.slipway.workload.addons;

/**
 * The outcome of applying one addon: its chart and pinned version, whether every object was applied (and what its
 * previous version dropped removed), and a message saying what was done or why not.
 */
public record AddonResult(String name, String chart, String version, boolean applied, String message) {

    static AddonResult applied(ChannelAddon addon, int objects, int pruned) {
        String message = objects + " objects applied" + (pruned > 0 ? ", " + pruned + " of an older version removed" : "");
        return new AddonResult(addon.name(), addon.chartReference(), addon.version(), true, message);
    }

    static AddonResult failed(ChannelAddon addon, String message) {
        return new AddonResult(addon.name(), addon.chartReference(), addon.version(), false, message);
    }
}
