package io.slipway.workload;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.slipway.api.ClusterValidationStatus;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsClientFactory;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.ManagementCluster;
import io.slipway.testing.workload.SimulatedCluster;
import io.slipway.testing.workload.TestInstances;
import io.slipway.testing.workload.TestWorkload;
import io.slipway.testing.workload.WorkloadSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation of a cluster whose instances run in moto and whose kubelets are simulated: the production connector and
 * validator, reaching the simulated API over TLS through the endpoint override.
 */
@ExtendWith(MotoExtension.class)
class ClusterValidatorTest {
    private static final String NS = "default";
    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    private final ClusterValidator validator = new ClusterValidator(10);
    private WorkloadSimulator simulator;
    private WorkloadConnector connector;
    private SimulatedCluster workload;
    private TestInstances instances;
    private String name;
    private final List<Instance> controlPlane = new ArrayList<>();
    private final List<Instance> nodes = new ArrayList<>();

    /** Three control-plane groups of one across the zones and a node group of two, all registered and Ready. */
    @BeforeEach
    void runningCluster(TestInfo test, AwsClientFactory aws) {
        TestWorkload running = TestWorkload.create(management, test, aws, Duration.ZERO, Clock.systemUTC());
        name = running.name;
        simulator = running.simulator;
        workload = running.serve();
        connector = running.connector();
        instances = running.instances;
        for (String zone : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
            controlPlane.add(instances.launch("control-plane-" + zone, true, zone));
        }
        nodes.add(instances.launch("nodes", false, "us-east-1a"));
        nodes.add(instances.launch("nodes", false, "us-east-1b"));
        simulator.syncNow();
    }

    @AfterEach
    void stop() {
        connector.close();
        simulator.close();
    }

    private List<ExpectedGroup> groups() {
        List<ExpectedGroup> groups = new ArrayList<>();
        for (Instance i : controlPlane) {
            String zone = i.placement().availabilityZone();
            groups.add(new ExpectedGroup("control-plane-" + zone, InstanceGroupRole.ControlPlane, 1, List.of(expected(i))));
        }
        groups.add(new ExpectedGroup("nodes", InstanceGroupRole.Node, nodes.size(), nodes.stream().map(ClusterValidatorTest::expected).toList()));
        return groups;
    }

    private static ExpectedInstance expected(Instance instance) {
        return new ExpectedInstance(instance.instanceId(), instance.placement().availabilityZone());
    }

    private ValidationResult validate(List<ExpectedGroup> groups) {
        return validator.validate(connector.connect(NS, name), groups);
    }

    @Test
    void aClusterWithEveryNodeReadyAndItsControlPlaneRunningIsValid() {
        ValidationResult result = validate(groups());

        assertThat(result.failures()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.reason()).isEqualTo("Validated");
        assertThat(result.message()).isEqualTo("the cluster is valid");
        ClusterValidationStatus status = result.toStatus(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(status.valid).isTrue();
        assertThat(status.validatedAt).isEqualTo("2026-11-30T16:00:00Z");
        assertThat(status.failures).isEmpty();
    }

    @Test
    void aNodeThatIsNotReadyFailsValidation() {
        String node = nodes.get(1).privateDnsName();
        workload.makeNodeNotReady(node);
        simulator.syncNow();

        ValidationResult result = validate(groups());

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).isEqualTo("ValidationFailed");
        assertThat(result.failures()).containsExactly(new ValidationFailure("Node", node,
                "node " + node + " (instance " + nodes.get(1).instanceId() + ", group nodes) is not Ready"));

        workload.makeNodeReady(node);
        simulator.syncNow();
        assertThat(validate(groups()).valid()).isTrue();
    }

    @Test
    void anInstanceWithoutANodeFailsValidation() {
        Instance booting = instances.launch("nodes", false, "us-east-1c");
        List<ExpectedGroup> groups = new ArrayList<>(groups().subList(0, 3));
        groups.add(new ExpectedGroup("nodes", InstanceGroupRole.Node, 3,
                List.of(expected(nodes.get(0)), expected(nodes.get(1)), expected(booting))));

        ValidationResult result = validate(groups);

        assertThat(result.failures()).containsExactly(new ValidationFailure("Instance", booting.instanceId(),
                "instance " + booting.instanceId() + " of group nodes has not joined the cluster (no Node with its providerID)"));
        simulator.syncNow();
        assertThat(validate(groups).valid()).as("once its kubelet registers").isTrue();
    }

    @Test
    void aGroupBelowItsTargetSizeFailsValidation() {
        List<ExpectedGroup> groups = new ArrayList<>(groups().subList(0, 3));
        groups.add(new ExpectedGroup("nodes", InstanceGroupRole.Node, 3, nodes.stream().map(ClusterValidatorTest::expected).toList()));

        assertThat(validate(groups).failures()).containsExactly(
                new ValidationFailure("InstanceGroup", "nodes", "instance group nodes has 2 of 3 instances"));
    }

    @Test
    void aStoppedControlPlaneStaticPodFailsValidation() {
        String node = controlPlane.get(2).privateDnsName();
        workload.stopStaticPod("etcd", node);
        simulator.syncNow();

        assertThat(validate(groups()).failures()).containsExactly(new ValidationFailure("Pod", "kube-system/etcd-" + node,
                "control-plane pod etcd is not running on node " + node));
    }

    @Test
    void aControlPlaneNodeThatIsNotReadyHasItsStaticPodsNotReadyToo() {
        String node = controlPlane.get(0).privateDnsName();
        workload.makeNodeNotReady(node);
        simulator.syncNow();

        ValidationResult result = validate(groups());

        assertThat(result.failures()).extracting(ValidationFailure::name).containsExactly(node,
                "kube-system/kube-apiserver-" + node, "kube-system/kube-controller-manager-" + node,
                "kube-system/kube-scheduler-" + node, "kube-system/etcd-" + node);
        assertThat(result.failures().get(4).message()).isEqualTo("control-plane pod kube-system/etcd-" + node
                + " is not Ready (phase Running)");
    }

    @Test
    void instancesBeingRemediatedAreNotHeldAgainstTheCluster() {
        String worker = nodes.get(1).privateDnsName();
        String master = controlPlane.get(0).privateDnsName();
        workload.makeNodeNotReady(worker);
        workload.makeNodeNotReady(master);
        workload.client().pods().inNamespace("kube-system").resource(new PodBuilder()
                .withNewMetadata().withName("cilium-abcde").endMetadata()
                .withNewSpec().withNodeName(worker).withPriorityClassName("system-node-critical")
                .addNewContainer().withName("cilium").withImage("quay.io/cilium/cilium:v1.16.5").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        simulator.syncNow();
        assertThat(validate(groups()).failures()).extracting(ValidationFailure::name).contains(worker, master, "kube-system/cilium-abcde");

        ValidationResult ignoring = validator.validate(connector.connect(NS, name), groups(),
                java.util.Set.of(nodes.get(1).instanceId(), controlPlane.get(0).instanceId()));

        assertThat(ignoring.failures()).as("neither the nodes nor the pods on them").isEmpty();
        assertThat(ignoring.valid()).isTrue();
        assertThat(validator.validate(connector.connect(NS, name), groups(), java.util.Set.of(nodes.get(1).instanceId())).failures())
                .extracting(ValidationFailure::name).contains(master).doesNotContain(worker, "kube-system/cilium-abcde");
    }

    @Test
    void aCriticalKubeSystemPodThatIsNotReadyFailsValidation() {
        workload.client().pods().inNamespace("kube-system").resource(new PodBuilder()
                .withNewMetadata().withName("coredns-5d78c9869d-abcde").endMetadata()
                .withNewSpec().withPriorityClassName("system-cluster-critical")
                .addNewContainer().withName("coredns").withImage("registry.k8s.io/coredns/coredns:v1.11.3").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).create();
        workload.client().pods().inNamespace("kube-system").resource(new PodBuilder()
                .withNewMetadata().withName("not-critical").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).create();

        assertThat(validate(groups()).failures()).containsExactly(new ValidationFailure("Pod", "kube-system/coredns-5d78c9869d-abcde",
                "system-cluster-critical pod kube-system/coredns-5d78c9869d-abcde is not Ready (phase Pending)"));
    }

    @Test
    void bastionsAreNotExpectedToBeNodes() {
        List<ExpectedGroup> groups = new ArrayList<>(groups());
        groups.add(new ExpectedGroup("bastions", InstanceGroupRole.Bastion, 1, List.of(new ExpectedInstance("i-0bastion", "us-east-1a"))));

        assertThat(validate(groups).valid()).isTrue();
    }

    @Test
    void failuresAreCappedAndTheRestCounted() {
        List<ExpectedInstance> missing = IntStream.rangeClosed(1, 13)
                .mapToObj(n -> new ExpectedInstance("i-missing" + n, "us-east-1a")).toList();

        ValidationResult result = validate(List.of(new ExpectedGroup("nodes", InstanceGroupRole.Node, 13, missing)));

        assertThat(result.failures()).hasSize(10);
        assertThat(result.omitted()).isEqualTo(3);
        assertThat(result.message()).startsWith("instance i-missing1 of group nodes has not joined the cluster")
                .endsWith("; and 3 more");
        ClusterValidationStatus status = result.toStatus(Instant.EPOCH);
        assertThat(status.failures).hasSize(11);
        assertThat(status.failures.get(10).message).isEqualTo("and 3 more");
        assertThat(status.failures.get(0).kind).isEqualTo("Instance");
        assertThat(status.failures.get(0).name).isEqualTo("i-missing1");
    }

    @Test
    void anUnreachableApiIsReportedAsSuch() {
        workload.close();

        ValidationResult result = validate(groups());

        assertThat(result.reason()).isEqualTo("APIUnreachable");
        assertThat(result.message()).isEqualTo("the cluster's API cannot be reached: connection refused");
        assertThat(result.toStatus(Instant.EPOCH).valid).isFalse();
    }

    @Test
    void workloadNodesGivesTheNodeNameReadinessAndNotReadySincePerInstance() {
        Instant before = Instant.now();
        workload.makeNodeNotReady(nodes.get(0).privateDnsName());
        simulator.syncNow();
        Instant after = Instant.now();
        List<String> ids = List.of(nodes.get(0).instanceId(), nodes.get(1).instanceId(), "i-notregistered");

        Map<String, InstanceNode> byInstance = new WorkloadNodes().byInstance(connector.connect(NS, name), ids).orElseThrow();

        assertThat(byInstance).containsOnlyKeys(nodes.get(0).instanceId(), nodes.get(1).instanceId());
        InstanceNode notReady = byInstance.get(nodes.get(0).instanceId());
        assertThat(notReady.nodeName()).isEqualTo(nodes.get(0).privateDnsName());
        assertThat(notReady.ready()).isFalse();
        assertThat(notReady.notReadySince()).as("the Ready condition's last transition, when the kubelet went NotReady")
                .isBetween(before, after);
        assertThat(byInstance.get(nodes.get(1).instanceId())).isEqualTo(new InstanceNode(nodes.get(1).privateDnsName(), true, null));
        assertThat(new WorkloadNodes().byInstance(WorkloadConnection.unavailable(NS + "/" + name, "no Secret"), ids)).isEmpty();
    }
}
