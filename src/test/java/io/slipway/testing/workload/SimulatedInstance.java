package io.slipway.testing.workload;

/**
 * A running EC2 instance of a cluster, as the simulated kubelet on it sees itself.
 *
 * @param group        the instance group, from the slipway.io/owner tag {@code instancegroup/<name>} (empty if none)
 * @param controlPlane whether it runs the control plane (from its role tags, see {@link ClusterInstances})
 * @param runningBy    on the simulator's clock, when the instance is known to have been running at the latest: its
 *                     kubelet's boot counts from then
 */
public record SimulatedInstance(String instanceId, String zone, String privateDnsName, String privateIp,
                                String instanceType, String group, boolean controlPlane, java.time.Instant runningBy) {

    /** The Node name a kubelet with the AWS cloud provider registers: the private DNS name. */
    public String nodeName() {
        return privateDnsName;
    }

    /** What the AWS cloud provider sets as spec.providerID (written here independently of the operator's parser). */
    public String providerId() {
        return "aws:///" + zone + "/" + instanceId;
    }
}
