package io.slipway.validation;

import io.slipway.api.WireEnums;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.RemediationSpec;
import io.slipway.api.InstanceMetadataOptions;
import io.slipway.api.MixedInstancesPolicySpec;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.api.RootVolumeSpec;
import io.slipway.api.RootVolumeSpec.VolumeType;
import io.slipway.api.SubnetType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.validation.Fixtures.expect;
import static io.slipway.validation.Fixtures.expectOnly;
import static org.assertj.core.api.Assertions.assertThat;

class InstanceGroupSpecValidatorTest {

    private static List<FieldError> validate(InstanceGroupSpec ig) {
        return InstanceGroupSpecValidator.validate(ig, Fixtures.cluster());
    }

    @Test
    void fixturesAreValid() {
        assertThat(validate(Fixtures.controlPlane())).isEmpty();
        assertThat(validate(Fixtures.nodes())).isEmpty();
        assertThat(validate(Fixtures.bastion())).isEmpty();
    }

    @Test
    void allRequiredFieldsMissing() {
        List<FieldError> errors = InstanceGroupSpecValidator.validate(new InstanceGroupSpec(), null);
        assertThat(errors).extracting(FieldError::path).containsExactlyInAnyOrder(
                "spec.clusterName", "spec.role", "spec.machineType", "spec.image", "spec.minSize", "spec.maxSize");
        expect(errors, "spec.role", "required: one of ControlPlane, Node, Bastion");
    }

    @Test
    void minSizeAboveMaxSize() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.minSize = 13;
        expectOnly(validate(ig), "spec.minSize", "minSize must not exceed maxSize (minSize 13, maxSize 12)");
    }

    @Test
    void controlPlaneWithEvenMembers() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.minSize = 2;
        ig.maxSize = 2;
        expectOnly(validate(ig), "spec.minSize", "a control plane needs an odd number of members for etcd quorum (got 2");
    }

    @Test
    void controlPlaneThatAutoscales() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.maxSize = 5;
        expectOnly(validate(ig), "spec.maxSize", "a control plane does not autoscale");
    }

    @Test
    void sizeAboveBound() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.maxSize = 1001;
        expectOnly(validate(ig), "spec.maxSize", "must be at most 1000 (got 1001)");
    }

    @Test
    void negativeMinSize() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.minSize = -1;
        expectOnly(validate(ig), "spec.minSize", "must be at least 0 (got -1)");
    }

    @Test
    void machineTypeWithoutFamily() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.machineType = "large";
        expectOnly(validate(ig), "spec.machineType", "must be an EC2 instance type like m6i.large (got \"large\")");
    }

    @Test
    void imageThatIsNeitherAmiNorOwnerFilter() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.image = "ubuntu-24.04";
        expectOnly(validate(ig), "spec.image", "must be an AMI id");
    }

    @Test
    void clusterNameNotADnsLabel() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.clusterName = "Prod";
        expectOnly(validate(ig), "spec.clusterName", "must be a lowercase DNS label");
    }

    @Test
    void subnetThatTheClusterDoesNotHave() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.subnets.set(1, "private-bb");
        expectOnly(validate(ig), "spec.subnets[1]", "subnet \"private-bb\" is not a subnet of the Cluster; did you mean \"private-b\"?");
    }

    @Test
    void clusterChecksAreSkippedWithoutTheCluster() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.subnets.set(1, "private-bb");
        assertThat(InstanceGroupSpecValidator.validate(ig, null)).isEmpty();
    }

    @Test
    void nodesInAUtilitySubnet() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.subnets = new ArrayList<>(List.of("private-a", "utility-b"));
        expectOnly(validate(ig), "spec.subnets[1]", "Utility subnets hold load balancers, NAT gateways and bastions");
    }

    @Test
    void bastionInAPrivateSubnet() {
        InstanceGroupSpec ig = Fixtures.bastion();
        ig.subnets = new ArrayList<>(List.of("private-a"));
        expectOnly(validate(ig), "spec.subnets[0]", "bastion instances need a public address");
    }

    @Test
    void defaultSubnetsThatDoNotExist() {
        ClusterSpec cluster = Fixtures.cluster();
        cluster.subnets.forEach(s -> s.type = s.subnetType() == SubnetType.Utility ? "Private" : s.type);
        InstanceGroupSpec ig = Fixtures.bastion();
        ig.subnets = new ArrayList<>();
        expectOnly(InstanceGroupSpecValidator.validate(ig, cluster), "spec.subnets", "a bastion needs Utility or Public subnets");
    }

    @Test
    void duplicateSubnets() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.subnets = new ArrayList<>(List.of("private-a", "private-a"));
        expectOnly(validate(ig), "spec.subnets[1]", "listed twice");
    }

    @Test
    void iopsOnAGp2Volume() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.rootVolume.type = WireEnums.wireName(VolumeType.gp2);
        expectOnly(validate(ig), "spec.rootVolume.iops", "iops applies to gp3, io1 and io2 volumes (type is gp2)");
    }

    @Test
    void throughputOnAnIo2Volume() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.rootVolume.throughput = 500;
        expectOnly(validate(ig), "spec.rootVolume.throughput", "throughput applies to gp3 volumes (type is io2)");
    }

    @Test
    void kmsKeyOnAnUnencryptedVolume() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.rootVolume.encrypted = false;
        expectOnly(validate(ig), "spec.rootVolume.kmsKeyId", "kmsKeyId needs encrypted: true");
    }

    @Test
    void kmsKeyFromAnotherRegion() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.rootVolume.kmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        expectOnly(validate(ig), "spec.rootVolume.kmsKeyId", "the KMS key is in region us-east-1 but the Cluster is in eu-west-1");
    }

    @Test
    void throughputVolumeCannotBoot() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.rootVolume = new RootVolumeSpec();
        ig.rootVolume.type = WireEnums.wireName(VolumeType.st1);
        ig.rootVolume.size = 500;
        expectOnly(validate(ig), "spec.rootVolume.type", "st1 volumes cannot be boot volumes");
    }

    @Test
    void provisionedIopsVolumeWithoutIops() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.rootVolume.type = WireEnums.wireName(VolumeType.io1);
        ig.rootVolume.iops = null;
        expectOnly(validate(ig), "spec.rootVolume.iops", "io1 volumes need iops");
    }

    @Test
    void iopsAboveWhatTheSizeAllows() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.rootVolume.type = WireEnums.wireName(VolumeType.io1);
        ig.rootVolume.iops = 10000;
        ig.rootVolume.size = 100;
        expectOnly(validate(ig), "spec.rootVolume.iops", "io1 allows at most 50 IOPS per GiB: 10000 IOPS need a size of at least 200 GiB");
    }

    @Test
    void gp3BelowBaselineIops() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.rootVolume.iops = 2000;
        ig.rootVolume.throughput = null;
        expectOnly(validate(ig), "spec.rootVolume.iops", "gp3 volumes have at least 3000 IOPS");
    }

    @Test
    void gp3ThroughputAboveWhatIopsAllow() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.rootVolume.iops = null;
        ig.rootVolume.throughput = 1000;
        expectOnly(validate(ig), "spec.rootVolume.throughput", "1000 MiB/s needs iops of at least 4000 (iops is 3000 by default)");
    }

    @Test
    void rootVolumeTooSmall() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.rootVolume.size = 4;
        expectOnly(validate(ig), "spec.rootVolume.size", "must be at least 8 (got 4)");
    }

    @Test
    void reservedAndMalformedNodeLabels() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.nodeLabels.put("node-role.kubernetes.io/worker", "");
        ig.nodeLabels.put("my label", "x");
        ig.nodeLabels.put("tier", "back end");
        List<FieldError> errors = validate(ig);
        assertThat(errors).hasSize(3);
        expect(errors, "spec.nodeLabels[node-role.kubernetes.io/worker]",
                "nodeLabels may not use the kubernetes.io/ or k8s.io/ prefixes that the kubelet reserves");
        expect(errors, "spec.nodeLabels[my label]", "label key name \"my label\"");
        expect(errors, "spec.nodeLabels[tier]", "label value \"back end\"");
    }

    @Test
    void taintsWithoutEffectAndDuplicated() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.taints = new ArrayList<>(List.of("dedicated=gpu", "gpu=true:NoSchedule", "gpu=false:NoSchedule"));
        List<FieldError> errors = validate(ig);
        assertThat(errors).extracting(FieldError::path).containsExactly("spec.taints[0]", "spec.taints[2]");
        expect(errors, "spec.taints[0]", "must be key[=value]:Effect");
        expect(errors, "spec.taints[2]", "taint gpu with effect NoSchedule is already set by spec.taints[1]");
    }

    @Test
    void maxPriceWithMixedInstancesPolicy() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.maxPrice = "0.2";
        expectOnly(validate(ig), "spec.maxPrice", "maxPrice and mixedInstancesPolicy cannot be combined");
    }

    @Test
    void zeroMaxPrice() {
        InstanceGroupSpec ig = Fixtures.bastion();
        ig.maxPrice = "0";
        expectOnly(validate(ig), "spec.maxPrice", "greater than 0");
    }

    @Test
    void mixedInstancesPolicyProblems() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.mixedInstancesPolicy = new MixedInstancesPolicySpec();
        ig.mixedInstancesPolicy.onDemandBase = 20;
        ig.mixedInstancesPolicy.onDemandAboveBase = 150;
        List<FieldError> errors = validate(ig);
        assertThat(errors).hasSize(3);
        expect(errors, "spec.mixedInstancesPolicy.instances", "required: list at least one instance type (e.g. the machineType, m6i.xlarge)");
        expect(errors, "spec.mixedInstancesPolicy.onDemandBase", "onDemandBase 20 exceeds maxSize 12");
        expect(errors, "spec.mixedInstancesPolicy.onDemandAboveBase", "must be at most 100 (got 150)");
    }

    @Test
    void instanceMetadataHopLimitOutOfRange() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.instanceMetadata = new InstanceMetadataOptions();
        ig.instanceMetadata.httpPutResponseHopLimit = 65;
        expectOnly(validate(ig), "spec.instanceMetadata.httpPutResponseHopLimit", "must be at most 64 (got 65)");
    }

    @Test
    void remediationOnAGroupIsChecked() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.remediation = new RemediationSpec();
        ig.remediation.maxUnhealthy = new IntOrString("half");
        ig.remediation.unhealthyAfter = "-5m";
        List<FieldError> errors = InstanceGroupSpecValidator.validate(ig, Fixtures.cluster());
        assertThat(errors).extracting(FieldError::path).containsExactlyInAnyOrder("spec.remediation.maxUnhealthy", "spec.remediation.unhealthyAfter");
        expect(errors, "spec.remediation.maxUnhealthy", "a percentage from 0% to 100% (got \"half\")");
        ig.remediation.maxUnhealthy = new IntOrString(1);
        ig.remediation.unhealthyAfter = "90s";
        assertThat(InstanceGroupSpecValidator.validate(ig, Fixtures.cluster())).isEmpty();
    }

    @Test
    void rollingUpdateThatInheritsAZero() {
        ClusterSpec cluster = Fixtures.cluster(); // maxUnavailable: 0
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.rollingUpdate = new RollingUpdateSpec();
        ig.rollingUpdate.maxSurge = new IntOrString("0%");
        expectOnly(InstanceGroupSpecValidator.validate(ig, cluster), "spec.rollingUpdate.maxSurge",
                "maxSurge and maxUnavailable cannot both be 0 (maxUnavailable is 0 in the Cluster's rollingUpdate)");
    }

    @Test
    void tooManyTagsWithTheClusters() {
        ClusterSpec cluster = Fixtures.cluster();
        for (int i = 0; i < 30; i++) {
            cluster.cloudLabels.put("c" + i, "x");
        }
        InstanceGroupSpec ig = Fixtures.nodes();
        for (int i = 0; i < 10; i++) {
            ig.cloudLabels.put("i" + i, "x");
        }
        assertThat(InstanceGroupSpecValidator.validate(ig, null)).isEmpty();
        expectOnly(InstanceGroupSpecValidator.validate(ig, cluster), "spec.cloudLabels", "would carry 43 user tags; at most 40 fit");
    }

    @Test
    void securityGroupIdMalformed() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.additionalSecurityGroups = new ArrayList<>(List.of("sg-123"));
        expectOnly(validate(ig), "spec.additionalSecurityGroups[0]", "must be a security group id");
    }

    @Test
    void armInstanceTypeWithAnAmd64Image() {
        InstanceGroupSpec ig = Fixtures.controlPlane(); // image filter names amd64
        ig.machineType = "m7g.large";
        expectOnly(validate(ig), "spec.image", "the image is for amd64 but m7g.large is an arm64 instance type");
    }

    @Test
    void mixedInstanceTypesOfTwoArchitectures() {
        InstanceGroupSpec ig = Fixtures.nodes();
        ig.mixedInstancesPolicy.instances = new ArrayList<>(List.of("m6i.xlarge", "m6g.xlarge", "c6gn.xlarge", "t3.xlarge"));
        List<FieldError> errors = validate(ig);
        assertThat(errors).extracting(FieldError::path)
                .containsExactly("spec.mixedInstancesPolicy.instances[1]", "spec.mixedInstancesPolicy.instances[2]");
        expect(errors, "spec.mixedInstancesPolicy.instances[1]", "m6g.xlarge is arm64 but machineType m6i.xlarge is amd64");
    }

    @Test
    void architectureOfInstanceTypesAndImages() {
        for (String arm : List.of("m7g.large", "c6gn.2xlarge", "t4g.micro", "im4gn.large", "x2gd.xlarge", "a1.medium", "g5g.xlarge", "r8g.large")) {
            assertThat(CpuArchitecture.ofInstanceType(arm)).as(arm).isEqualTo(CpuArchitecture.ARM64);
        }
        for (String x86 : List.of("m6i.large", "g5.xlarge", "t3.micro", "c7a.large", "inf2.xlarge", "p5.48xlarge", "m5dn.large", "x2iedn.xlarge")) {
            assertThat(CpuArchitecture.ofInstanceType(x86)).as(x86).isEqualTo(CpuArchitecture.X86_64);
        }
        assertThat(CpuArchitecture.ofImage("ami-0123456789abcdef0")).isNull();
        assertThat(CpuArchitecture.ofImage("137112412989/al2023-ami-2023.*-kernel-6.1-arm64")).isEqualTo(CpuArchitecture.ARM64);
        assertThat(CpuArchitecture.ofImage("136693071363/debian-12-amd64-*")).isEqualTo(CpuArchitecture.X86_64);
    }

    @Test
    void everyErrorIsReportedTogether() {
        InstanceGroupSpec ig = Fixtures.controlPlane();
        ig.role = WireEnums.wireName(InstanceGroupRole.ControlPlane);
        ig.minSize = 4;
        ig.maxSize = 3;
        ig.machineType = "M6I.LARGE";
        ig.subnets = new ArrayList<>(List.of("utility-a", "nowhere"));
        ig.rootVolume.type = WireEnums.wireName(VolumeType.sc1);
        List<FieldError> errors = validate(ig);
        assertThat(errors).extracting(FieldError::path).contains(
                "spec.minSize", "spec.machineType", "spec.subnets[0]", "spec.subnets[1]", "spec.rootVolume.type", "spec.rootVolume.iops");
        assertThat(errors.stream().filter(e -> e.path().equals("spec.minSize"))).hasSize(2); // above maxSize, and even
    }
}
