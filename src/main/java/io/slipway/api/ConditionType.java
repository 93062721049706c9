package io.slipway.api;

/** Condition types used on Cluster and InstanceGroup status. */
public final class ConditionType {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String SPEC_VALID = "SpecValid";
    public static final String CLUSTER_FOUND = "ClusterFound";
    public static final String NETWORK_READY = "NetworkReady";
    public static final String IAM_READY = "IAMReady";
    public static final String CREDENTIALS_READY = "CredentialsReady";
    public static final String API_ENDPOINT_READY = "APIEndpointReady";
    public static final String CONTROL_PLANE_READY = "ControlPlaneReady";
    /** The addons of the channel (CNI, cloud-controller-manager, CSI driver) are applied to the workload cluster. */
    public static final String ADDONS_READY = "AddonsReady";
    public static final String NODES_READY = "NodesReady";
    public static final String ROLLING_UPDATE = "RollingUpdate";
    /** Whether remediation may replace the group's unhealthy instances now (as Cluster API's MachineHealthCheck says it). */
    public static final String REMEDIATION_ALLOWED = "RemediationAllowed";
    /** The workload cluster passed validation (io.slipway.workload.ClusterValidator), as kops validate cluster. */
    public static final String CLUSTER_VALIDATED = "ClusterValidated";

    private ConditionType() {
    }
}
