package io.slipway.model;

/** The logical ids of an InstanceGroup's own resources (unique within its owner scope). */
public final class InstanceGroupIds {
    public static final String LAUNCH_TEMPLATE = "launchtemplate";
    public static final String AUTO_SCALING_GROUP = "autoscalinggroup";

    private InstanceGroupIds() {
    }
}
