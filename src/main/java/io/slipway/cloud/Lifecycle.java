package io.slipway.cloud;

/** Who owns a resource's life. */
public enum Lifecycle {
    /** Slipway creates, updates and deletes it; it carries the cluster's ownership tag. */
    MANAGED,
    /** Bring-your-own: must exist and match the spec; never modified or deleted. A mismatch is an error. */
    SHARED
}
