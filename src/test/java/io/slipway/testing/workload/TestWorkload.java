package io.slipway.testing.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.workload.EndpointOverrides;
import io.slipway.workload.WorkloadConnector;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Clock;
import java.time.Duration;

/**
 * A test's own workload cluster in a management cluster: its Cluster in {@link #NAMESPACE} with the credentials the
 * operator would make (kubeconfig server {@code https://api.<name>.example.com:443}), simulated kubelets for its
 * instances in moto (not served until {@link #serve()}; the test closes {@link #simulator}), and a launcher of
 * instances tagged as its groups' auto scaling groups would tag them. The name comes from the test's display name,
 * so that the tests sharing a management cluster never meet.
 */
public final class TestWorkload {
    public static final String NAMESPACE = "default";

    public final String name;
    public final Cluster cluster;
    public final Ec2Client ec2;
    public final WorkloadSimulator simulator;
    public final TestInstances instances;
    private final KubernetesClient management;

    private TestWorkload(ManagementCluster management, String name, Ec2Client ec2, Duration readyAfter, Clock clock) {
        this.name = name;
        this.management = management.client;
        this.ec2 = ec2;
        this.cluster = management.clusterWithCredentials(NAMESPACE, name, "https://api." + name + ".example.com:443");
        this.simulator = new WorkloadSimulator(management.client, ec2, readyAfter, clock);
        this.instances = new TestInstances(ec2, NAMESPACE, name);
    }

    /** @param readyAfter how long a simulated kubelet takes from its instance running to its Node Ready */
    public static TestWorkload create(ManagementCluster management, TestInfo test, AwsClientFactory aws, Duration readyAfter,
                                      Clock clock) {
        String name = "w" + Integer.toHexString(test.getDisplayName().hashCode() & 0xfffffff);
        Ec2Client ec2 = aws.session(AwsCredentialSource.operatorDefault(), "us-east-1").ec2();
        return new TestWorkload(management, name, ec2, readyAfter, clock);
    }

    /** Its simulated Kubernetes API, served from now on, on a free port of 127.0.0.1. */
    public SimulatedCluster serve() {
        return simulator.serve(NAMESPACE, name, 0).orElseThrow();
    }

    /** The operator's connector, reaching the workload APIs served so far through the endpoint override. */
    public WorkloadConnector connector() {
        return new WorkloadConnector(management, EndpointOverrides.parse(simulator.endpointOverrides()));
    }
}
