package io.slipway.model;

/** The security groups of a cluster. */
public enum SecurityGroupRole {
    CONTROL_PLANE("controlplane", "controlPlane", "control-plane instances"),
    NODES("nodes", "nodes", "worker nodes"),
    API_LOAD_BALANCER("apilb", "apiLoadBalancer", "Kubernetes API load balancer"),
    BASTION("bastion", "bastion", "bastion hosts");

    private final String id;
    private final String statusKey;
    private final String description;

    SecurityGroupRole(String id, String statusKey, String description) {
        this.id = id;
        this.statusKey = statusKey;
        this.description = description;
    }

    /** Short name used in logical ids and group names. */
    public String id() {
        return id;
    }

    /** Key in {@code status.network.securityGroups}. */
    public String statusKey() {
        return statusKey;
    }

    public String description() {
        return description;
    }
}
