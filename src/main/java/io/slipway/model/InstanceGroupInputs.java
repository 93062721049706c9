package io.slipway.model;

import java.util.Objects;

/**
 * What an InstanceGroup's desired graph needs besides the specs, found by the controller before modelling: the image
 * {@code spec.image} resolved to (its id, root device and that device's size, the root volume's default) and the
 * instances' user data.
 */
public record InstanceGroupInputs(String imageId, String rootDeviceName, Integer imageRootVolumeSize, String userData) {
    public InstanceGroupInputs {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(rootDeviceName, "rootDeviceName");
        userData = userData == null ? "" : userData;
    }

    /** Never the user data itself: it may be long, and logs are no place for it. */
    @Override
    public String toString() {
        return "InstanceGroupInputs[imageId=" + imageId + ", rootDeviceName=" + rootDeviceName + ", imageRootVolumeSize="
                + imageRootVolumeSize + ", userData="
                + userData.length() + " characters]";
    }
}
