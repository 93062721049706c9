package io.slipway.testing.workload;

/**
 * A running EC2 instance of a cluster, as the simulated kubelet on it sees itself.
 *
 * @param group        the instance group, from the slipway.io/owner tag {@code instancegroup/<name>} (empty if none)
 * @param controlPlane whether it runs the control plane (from its role tags, see {@link ClusterInstances})
 */
public record SimulatedInstance(String instanceId, String zone, String privateDnsName, String privateIp,
                                String instanceType, String group, boolean controlPlane) {

    /** The Node name a kubelet with the AWS cloud provider registers: the private DNS name. */
    public String nodeName() {
        return privateDnsName;
    }

    /** What the AWS cloud provider sets as spec.providerID (written here independently of the operator's parser). */
    public String providerId() {
        return "aws:///" + zone + "/" + instanceId;
    }
}
