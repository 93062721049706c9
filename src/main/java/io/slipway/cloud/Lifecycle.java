package io.slipway.cloud;

/** Who owns a resource's life. */
public enum Lifecycle {
    /** Slipway creates, updates and deletes it; it carries the cluster's ownership tag. */
    MANAGED,
    /** Bring-your-own: must exist and match the spec; never modified or deleted. A mismatch is an error. */
    SHARED,
    /**
     * Made and kept by another scope of the same cluster (an instance group reading the cluster's subnets): found
     * under that scope's owner, only read (its cloud id and outputs resolve references), never created, changed or
     * deleted. Missing, it is a plan error: the graph needs it to exist first.
     */
    EXTERNAL
}
