package io.slipway.workload.addons;

/** The marks Slipway puts on what it applies to a workload cluster. */
public final class AddonLabels {
    /** Field manager of every server-side apply of an addon object. */
    public static final String FIELD_MANAGER = "slipway";
    /** Label: the addon an object belongs to; a prune deletes only objects carrying it with the addon's name. */
    public static final String ADDON = "slipway.io/addon";
    /** Label: the chart version of the addon that last applied the object. */
    public static final String VERSION = "slipway.io/addon-version";
    /** Label on the inventory ConfigMaps (the charts' own objects keep the managed-by their templates give). */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String SLIPWAY = "slipway";

    private AddonLabels() {
    }
}
