package io.slipway.validation;

import io.slipway.api.WireEnums;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.AwsIdentity;
import io.slipway.api.BastionSpec;
import io.slipway.api.ClusterSpec;
import io.slipway.api.RemediationSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.CniOptions;
import io.slipway.api.Exposure;
import io.slipway.api.NatGatewayMode;
import io.slipway.api.RollingUpdateSpec;
import io.slipway.api.SecretReference;
import io.slipway.api.SubnetType;
import io.slipway.api.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slipway.validation.Fixtures.expect;
import static io.slipway.validation.Fixtures.expectOnly;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterSpecValidatorTest {

    private static List<FieldError> validate(ClusterSpec spec) {
        return ClusterSpecValidator.validate(spec);
    }

    @Test
    void fullSpecIsValid() {
        assertThat(validate(Fixtures.cluster())).isEmpty();
    }

    @Test
    void nullSpecIsOneError() {
        expectOnly(validate(null), "spec", "required");
    }

    @Test
    void missingKubernetesVersion() {
        ClusterSpec s = Fixtures.cluster();
        s.kubernetesVersion = null;
        expectOnly(validate(s), "spec.kubernetesVersion", "required");
    }

    @Test
    void malformedKubernetesVersion() {
        ClusterSpec s = Fixtures.cluster();
        s.kubernetesVersion = "1.31";
        expectOnly(validate(s), "spec.kubernetesVersion", "must be a version like 1.31.4 (got \"1.31\")");
    }

    @Test
    void kubernetesVersionBelowRange() {
        ClusterSpec s = Fixtures.cluster();
        s.kubernetesVersion = "1.28.9";
        expectOnly(validate(s), "spec.kubernetesVersion", "Kubernetes 1.28.9 is not supported: Slipway supports versions >= 1.29.0 and < 1.34.0");
    }

    @Test
    void kubernetesVersionAtExclusiveUpperBound() {
        ClusterSpec s = Fixtures.cluster();
        s.kubernetesVersion = "1.34.0";
        expectOnly(validate(s), "spec.kubernetesVersion", "not supported");
    }

    @Test
    void unknownRegionSuggestsTheClosest() {
        ClusterSpec s = Fixtures.cluster();
        s.region = "eu-westt-1";
        List<FieldError> errors = validate(s);
        expect(errors, "spec.region", "unknown AWS region \"eu-westt-1\"; did you mean \"eu-west-1\"?");
        expect(errors, "spec.region", "Known regions: us-east-1");
        // zones are not compared with a region that does not exist: one error, not one per subnet
        assertThat(errors).extracting(FieldError::path).containsOnly("spec.region");
    }

    @Test
    void zoneGivenAsRegionFailsThePattern() {
        ClusterSpec s = Fixtures.cluster();
        s.region = "eu-west-1a";
        expect(validate(s), "spec.region", "must be an AWS region like eu-west-1 (got \"eu-west-1a\")");
    }

    @Test
    void roleArnAndSecretRefTogether() {
        ClusterSpec s = Fixtures.cluster();
        s.identity.secretRef = new SecretReference();
        s.identity.secretRef.name = "aws-keys";
        expectOnly(validate(s), "spec.identity", "set either roleARN or secretRef, not both");
    }

    @Test
    void externalIdWithoutRole() {
        ClusterSpec s = Fixtures.cluster();
        s.identity = new AwsIdentity();
        s.identity.externalID = "abc123";
        expectOnly(validate(s), "spec.identity.externalID", "externalID needs roleARN");
    }

    @Test
    void roleArnMalformedAndInWrongPartition() {
        ClusterSpec s = Fixtures.cluster();
        s.identity.roleARN = "arn:aws:iam::12345:role/x";
        expectOnly(validate(s), "spec.identity.roleARN", "must be an IAM role ARN");
        s.identity.roleARN = "arn:aws-cn:iam::123456789012:role/x";
        expectOnly(validate(s), "spec.identity.roleARN", "partition aws-cn but region eu-west-1 is in partition aws");
    }

    @Test
    void cloudLabelsBreakingAwsTagRules() {
        ClusterSpec s = Fixtures.cluster();
        s.cloudLabels.put("aws:createdBy", "me");
        s.cloudLabels.put("kubernetes.io/cluster/other", "owned");
        s.cloudLabels.put("slipway.io/cluster", "x");
        s.cloudLabels.put("k".repeat(129), "v");
        s.cloudLabels.put("note", "v".repeat(257));
        s.cloudLabels.put("bad#key", "v");
        List<FieldError> errors = validate(s);
        assertThat(errors).hasSize(6);
        expect(errors, "spec.cloudLabels[aws:createdBy]", "reserved by AWS");
        expect(errors, "spec.cloudLabels[kubernetes.io/cluster/other]", "set by Slipway");
        expect(errors, "spec.cloudLabels[slipway.io/cluster]", "reserved for Slipway");
        expect(errors, "spec.cloudLabels[" + "k".repeat(129) + "]", "at most 128");
        expect(errors, "spec.cloudLabels[note]", "at most 256");
        expect(errors, "spec.cloudLabels[bad#key]", "only letters, digits");
    }

    @Test
    void neitherNetworkCidrNorNetworkId() {
        ClusterSpec s = Fixtures.cluster();
        s.networkCIDR = null;
        expectOnly(validate(s), "spec.networkCIDR", "networkCIDR is required unless networkID names an existing VPC");
    }

    @Test
    void networkCidrWithHostBits() {
        ClusterSpec s = Fixtures.cluster();
        s.networkCIDR = "10.20.0.1/16";
        expectOnly(validate(s), "spec.networkCIDR", "has host bits set; the network address is 10.20.0.0/16");
    }

    @Test
    void networkCidrTooLargeForAws() {
        ClusterSpec s = Fixtures.cluster();
        s.networkCIDR = "10.16.0.0/12";
        expectOnly(validate(s), "spec.networkCIDR", "AWS allows a VPC between /16 and /28");
    }

    @Test
    void networkCidrOctetOutOfRange() {
        ClusterSpec s = Fixtures.cluster();
        s.networkCIDR = "10.300.0.0/16";
        List<FieldError> errors = validate(s);
        expect(errors, "spec.networkCIDR", "octet 300 is out of range 0-255");
        assertThat(errors).extracting(FieldError::path).containsOnly("spec.networkCIDR");
    }

    @Test
    void subnetOutsideTheNetwork() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(1).cidr = "10.21.32.0/19";
        expectOnly(validate(s), "spec.subnets[1].cidr", "10.21.32.0/19 is not inside networkCIDR 10.20.0.0/16");
    }

    @Test
    void overlappingSubnets() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(4).cidr = "10.20.96.0/23";
        expectOnly(validate(s), "spec.subnets[4].cidr", "overlaps spec.subnets[3] (utility-a, 10.20.96.0/22)");
    }

    @Test
    void subnetTooSmallForAws() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(3).cidr = "10.20.96.0/29";
        expectOnly(validate(s), "spec.subnets[3].cidr", "between /16 and /28");
    }

    @Test
    void duplicateSubnetNames() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(1).name = "private-a";
        expectOnly(validate(s), "spec.subnets[1].name", "subnet names must be unique: \"private-a\" is also the name of spec.subnets[0]");
    }

    @Test
    void zoneOutsideTheRegion() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(2).zone = "us-east-1c";
        List<FieldError> errors = validate(s);
        expect(errors, "spec.subnets[2].zone", "zone us-east-1c is not in region eu-west-1");
    }

    @Test
    void subnetWithNeitherCidrNorId() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(0).cidr = null;
        expectOnly(validate(s), "spec.subnets[0].cidr", "a subnet needs cidr, or id of an existing subnet");
    }

    @Test
    void existingSubnetIdWithoutNetworkId() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(0).id = "subnet-0123456789abcdef0";
        expectOnly(validate(s), "spec.subnets[0].id", "needs networkID");
    }

    @Test
    void subnetTypeMissing() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(5).type = null;
        expect(validate(s), "spec.subnets[5].type", "required: one of Public, Private, Utility");
    }

    @Test
    void noSubnetsAtAll() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.clear();
        expect(validate(s), "spec.subnets", "required");
    }

    @Test
    void egressOnAUtilitySubnet() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(3).egress = "External";
        expectOnly(validate(s), "spec.subnets[3].egress", "egress applies to Private subnets only");
    }

    @Test
    void existingNatGatewayAsEgressNeedsAnExistingVpc() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.get(0).egress = "nat-0123456789abcdef0";
        expectOnly(validate(s), "spec.subnets[0].egress", "can only be in an existing VPC: set networkID");
    }

    @Test
    void noNatAndNoEgressForPrivateSubnets() {
        ClusterSpec s = Fixtures.cluster();
        s.natGateways = WireEnums.wireName(NatGatewayMode.None);
        List<FieldError> errors = validate(s);
        assertThat(errors).extracting(FieldError::path)
                .containsExactly("spec.subnets[0].egress", "spec.subnets[1].egress", "spec.subnets[2].egress");
        expect(errors, "spec.subnets[1].egress", "private subnets need egress");
    }

    @Test
    void privateTopologyWithoutUtilitySubnets() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.removeIf(sub -> sub.subnetType() == SubnetType.Utility);
        List<FieldError> errors = validate(s);
        expect(errors, "spec.subnets", "private node topology needs Utility subnets for load balancers and NAT");
        expect(errors, "spec.topology.bastion", "a bastion needs a Utility or Public subnet");
    }

    @Test
    void privateTopologyWithoutPrivateSubnets() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.forEach(sub -> sub.type = sub.subnetType() == SubnetType.Private ? "Public" : sub.type);
        expectOnly(validate(s), "spec.subnets", "private node topology needs at least one Private subnet");
    }

    @Test
    void privateZoneWithoutUtilitySubnet() {
        ClusterSpec s = Fixtures.cluster();
        s.subnets.remove(5); // utility-c
        expectOnly(validate(s), "spec.subnets[2].zone", "needs a Utility subnet in every zone with a Private subnet");
    }

    @Test
    void publicTopologyWithoutPublicSubnets() {
        ClusterSpec s = Fixtures.cluster();
        s.topology.nodes = WireEnums.wireName(Exposure.PUBLIC);
        expectOnly(validate(s), "spec.subnets", "public node topology needs at least one Public subnet; add one, or set topology.nodes: private");
    }

    @Test
    void podCidrOverlapsTheNetwork() {
        ClusterSpec s = Fixtures.cluster();
        s.podCIDR = "10.20.128.0/17";
        expectOnly(validate(s), "spec.podCIDR", "podCIDR 10.20.128.0/17 overlaps networkCIDR 10.20.0.0/16");
    }

    @Test
    void defaultPodCidrOverlapsTheNetwork() {
        ClusterSpec s = Fixtures.cluster();
        s.podCIDR = null;
        s.networkCIDR = "100.96.0.0/16";
        String[] cidrs = {"100.96.0.0/19", "100.96.32.0/19", "100.96.64.0/19", "100.96.96.0/22", "100.96.100.0/22", "100.96.104.0/22"};
        for (int i = 0; i < cidrs.length; i++) {
            s.subnets.get(i).cidr = cidrs[i];
        }
        expectOnly(validate(s), "spec.podCIDR", "the default podCIDR 100.96.0.0/11 overlaps networkCIDR 100.96.0.0/16; set podCIDR");
    }

    @Test
    void serviceRangeOverlapsPods() {
        ClusterSpec s = Fixtures.cluster();
        s.serviceClusterIPRange = "100.100.0.0/16";
        expectOnly(validate(s), "spec.serviceClusterIPRange", "serviceClusterIPRange 100.100.0.0/16 overlaps podCIDR 100.96.0.0/11");
    }

    @Test
    void serviceRangeTooLarge() {
        ClusterSpec s = Fixtures.cluster();
        s.serviceClusterIPRange = "172.0.0.0/8";
        expectOnly(validate(s), "spec.serviceClusterIPRange", "larger than /12");
    }

    @Test
    void podCidrInTheLinkLocalRange() {
        ClusterSpec s = Fixtures.cluster();
        s.podCIDR = "169.254.0.0/16";
        expectOnly(validate(s), "spec.podCIDR", "reserved range 169.254.0.0/16");
    }

    @Test
    void accessListsHoldCidrs() {
        ClusterSpec s = Fixtures.cluster();
        s.kubernetesApiAccess = List.of("203.0.113.0/24", "0.0.0.0", "203.0.113.0/24");
        s.sshAccess = List.of("203.0.113.5/24");
        List<FieldError> errors = validate(s);
        assertThat(errors).hasSize(3);
        expect(errors, "spec.kubernetesApiAccess[1]", "has no prefix length");
        expect(errors, "spec.kubernetesApiAccess[2]", "listed twice");
        expect(errors, "spec.sshAccess[0]", "has host bits set; the network address is 203.0.113.0/24");
    }

    @Test
    void twoCnis() {
        ClusterSpec s = Fixtures.cluster();
        s.networking.calico = new CniOptions();
        expectOnly(validate(s), "spec.networking", "set at most one of cilium, calico, amazonvpc, cni");
    }

    @Test
    void cniVersionNotAVersion() {
        ClusterSpec s = Fixtures.cluster();
        s.networking.cilium.version = "latest";
        expectOnly(validate(s), "spec.networking.cilium.version", "must be a release version");
    }

    @Test
    void additionalPolicyForAnUnknownRole() {
        ClusterSpec s = Fixtures.cluster();
        s.iam.additionalPolicies.put("nodes", "[]");
        expectOnly(validate(s), "spec.iam.additionalPolicies[nodes]", "additionalPolicies keys are controlPlane, node and bastion");
    }

    @Test
    void additionalPoliciesThatAreNotStatementArrays() {
        ClusterSpec s = Fixtures.cluster();
        s.iam.additionalPolicies.put("node", "[{\"Effect\": \"Allow\", \"Action\": [\"s3:*\"]");
        s.iam.additionalPolicies.put("controlPlane", "{\"Version\": \"2012-10-17\", \"Statement\": []}");
        s.iam.additionalPolicies.put("bastion", "[{\"Action\": \"ec2:Describe*\", \"Resource\": \"*\"}]");
        List<FieldError> errors = validate(s);
        assertThat(errors).hasSize(3);
        expect(errors, "spec.iam.additionalPolicies[node]", "not valid JSON");
        expect(errors, "spec.iam.additionalPolicies[controlPlane]", "must be a JSON array of IAM policy statements");
        expect(errors, "spec.iam.additionalPolicies[bastion]", "statement 1: Effect must be Allow or Deny");
    }

    @Test
    void permissionsBoundaryInAnotherPartition() {
        ClusterSpec s = Fixtures.cluster();
        s.iam.permissionsBoundary = "arn:aws-us-gov:iam::123456789012:policy/b";
        expectOnly(validate(s), "spec.iam.permissionsBoundary", "partition aws-us-gov");
    }

    @Test
    void surgeAndUnavailableBothZero() {
        ClusterSpec s = Fixtures.cluster();
        s.rollingUpdate.maxSurge = new IntOrString("0%");
        s.rollingUpdate.maxUnavailable = new IntOrString(0);
        expectOnly(validate(s), "spec.rollingUpdate.maxSurge", "maxSurge and maxUnavailable cannot both be 0");
    }

    @Test
    void surgeZeroWithDefaultUnavailable() {
        ClusterSpec s = Fixtures.cluster();
        s.rollingUpdate.maxSurge = new IntOrString(0);
        s.rollingUpdate.maxUnavailable = null;
        expectOnly(validate(s), "spec.rollingUpdate.maxSurge", "cannot both be 0 (maxUnavailable is 0 by default)");
    }

    @Test
    void surgeAndUnavailableForms() {
        ClusterSpec s = Fixtures.cluster();
        s.rollingUpdate.maxSurge = new IntOrString("150%");
        s.rollingUpdate.maxUnavailable = new IntOrString("3");
        List<FieldError> errors = validate(s);
        assertThat(errors).hasSize(2);
        expect(errors, "spec.rollingUpdate.maxSurge", "between 0% and 100%");
        expect(errors, "spec.rollingUpdate.maxUnavailable", "a percentage like 25% (got \"3\")");
    }

    @Test
    void remediationSettings() {
        ClusterSpec s = Fixtures.cluster();
        s.remediation = new RemediationSpec();
        s.remediation.enabled = true;
        s.remediation.unhealthyAfter = "10m";
        s.remediation.maxUnhealthy = new IntOrString("100%");
        assertThat(validate(s)).isEmpty();
        s.remediation.maxUnhealthy = new IntOrString(3);
        assertThat(validate(s)).isEmpty();
    }

    @Test
    void remediationMaxUnhealthyForms() {
        ClusterSpec s = Fixtures.cluster();
        s.remediation = new RemediationSpec();
        s.remediation.maxUnhealthy = new IntOrString("40");
        expectOnly(validate(s), "spec.remediation.maxUnhealthy",
                "maxUnhealthy must be a count like 2 or a percentage from 0% to 100% (got \"40\")");
        s.remediation.maxUnhealthy = new IntOrString("140%");
        expectOnly(validate(s), "spec.remediation.maxUnhealthy", "from 0% to 100% (got \"140%\")");
        s.remediation.maxUnhealthy = new IntOrString(-1);
        expectOnly(validate(s), "spec.remediation.maxUnhealthy", "(got -1)");
    }

    @Test
    void remediationUnhealthyAfterMustBeAPositiveGoDuration() {
        ClusterSpec s = Fixtures.cluster();
        s.remediation = new RemediationSpec();
        s.remediation.unhealthyAfter = "5";
        expectOnly(validate(s), "spec.remediation.unhealthyAfter", "must be a duration with units ms, s, m or h");
        s.remediation.unhealthyAfter = "0m";
        expectOnly(validate(s), "spec.remediation.unhealthyAfter", "must be longer than 0, e.g. 5m");
    }

    @Test
    void timeoutsMustBePositiveGoDurations() {
        ClusterSpec s = Fixtures.cluster();
        s.rollingUpdate.drainTimeout = "15";
        s.rollingUpdate.validationTimeout = "0s";
        List<FieldError> errors = validate(s);
        assertThat(errors).hasSize(2);
        expect(errors, "spec.rollingUpdate.drainTimeout", "must be a duration with units ms, s, m or h");
        expect(errors, "spec.rollingUpdate.validationTimeout", "must be longer than 0");
    }

    @Test
    void dnsNamesOutsideTheZone() {
        ClusterSpec s = Fixtures.cluster();
        s.api.publicName = "api.other.org";
        s.topology.bastion.bastionPublicName = "bastion.other.org";
        List<FieldError> errors = validate(s);
        assertThat(errors).hasSize(2);
        expect(errors, "spec.api.publicName", "api.other.org is not in dnsZone prod.example.com");
        expect(errors, "spec.topology.bastion.bastionPublicName", "is not in dnsZone");
    }

    @Test
    void uppercaseDnsZone() {
        ClusterSpec s = Fixtures.cluster();
        s.dnsZone = "Prod.Example.com";
        expectOnly(validate(s), "spec.dnsZone", "must be a lowercase DNS name like example.com");
    }

    @Test
    void bastionNameWithoutDnsZone() {
        ClusterSpec s = Fixtures.cluster();
        s.dnsZone = null;
        expectOnly(validate(s), "spec.topology.bastion.bastionPublicName", "bastionPublicName needs dnsZone");
    }

    @Test
    void bastionIdleTimeoutBelowMinimum() {
        ClusterSpec s = Fixtures.cluster();
        s.topology.bastion = new BastionSpec();
        s.topology.bastion.idleTimeoutSeconds = 30;
        expectOnly(validate(s), "spec.topology.bastion.idleTimeoutSeconds", "must be at least 60 (got 30)");
    }

    @Test
    void duplicateExistingSubnetIds() {
        ClusterSpec s = Fixtures.cluster();
        s.networkID = "vpc-0123456789abcdef0";
        s.subnets.get(0).id = "subnet-0123456789abcdef0";
        s.subnets.get(1).id = "subnet-0123456789abcdef0";
        expectOnly(validate(s), "spec.subnets[1].id", "subnet subnet-0123456789abcdef0 is already used by spec.subnets[0]");
    }

    @Test
    void singleNatWithoutAPlaceForIt() {
        ClusterSpec s = Fixtures.cluster();
        s.topology = new TopologySpec(); // public control plane and nodes
        s.subnets.removeIf(sub -> sub.subnetType() == SubnetType.Utility);
        ClusterSubnet pub = new ClusterSubnet();
        pub.name = "public-a";
        pub.zone = "eu-west-1a";
        pub.cidr = "10.20.96.0/22";
        pub.type = WireEnums.wireName(SubnetType.Public);
        s.subnets.add(pub);
        assertThat(validate(s)).extracting(FieldError::path).containsExactly("spec.subnets[1].zone", "spec.subnets[2].zone");
        expect(validate(s), "spec.subnets[1].zone", "natGateways PerZone puts a NAT gateway into a Utility or Public subnet");
        s.natGateways = WireEnums.wireName(NatGatewayMode.Single);
        assertThat(validate(s)).isEmpty();
    }

    @Test
    void sshKeyNameTooLong() {
        ClusterSpec s = Fixtures.cluster();
        s.sshKeyName = "k".repeat(256);
        expectOnly(validate(s), "spec.sshKeyName", "1 to 255 printable ASCII characters");
    }

    @Test
    void clusterNames() {
        assertThat(ClusterSpecValidator.validateName("prod-eu-1")).isEmpty();
        expectOnly(ClusterSpecValidator.validateName("prod.example.com"), "metadata.name", "must be a lowercase DNS label");
        expectOnly(ClusterSpecValidator.validateName("p".repeat(64)), "metadata.name", "at most 63 characters");
        assertThat(ClusterSpecValidator.validateName("p".repeat(63))).isEmpty();
        for (String bad : new String[]{"-prod", "prod-", "Prod", "prod_1", "", "a/b"}) {
            expectOnly(ClusterSpecValidator.validateName(bad), "metadata.name", "must be a lowercase DNS label");
        }
        expectOnly(ClusterSpecValidator.validateName(null), "metadata.name", "(got none)");
    }

    @Test
    void instanceGroupNamesFollowTheSameRule() {
        assertThat(InstanceGroupSpecValidator.validateName("nodes-eu-west-1a")).isEmpty();
        assertThat(InstanceGroupSpecValidator.validateName("n".repeat(63))).isEmpty();
        expectOnly(InstanceGroupSpecValidator.validateName("nodes.eu-west-1a"), "metadata.name", "an InstanceGroup's name must be a lowercase DNS label");
        expectOnly(InstanceGroupSpecValidator.validateName("n".repeat(64)), "metadata.name", "64 characters");
    }

    @Test
    void requiredFieldsSayWhatIsWanted() {
        ClusterSpec s = Fixtures.cluster();
        s.region = null;
        expect(validate(s), "spec.region", "required (AWS region of the cluster, e.g. eu-west-1. Immutable once the operator has applied it (status.applied))");
    }

    @Test
    void everyErrorIsReportedTogether() {
        ClusterSpec s = Fixtures.cluster();
        s.kubernetesVersion = "1.20.0";
        s.region = "eu-mars-1";
        s.subnets.get(1).cidr = "192.168.0.0/24";
        s.rollingUpdate = new RollingUpdateSpec();
        s.rollingUpdate.maxSurge = new IntOrString(-1);
        s.sshAccess = List.of("everywhere");
        s.kubernetesApiAccess = List.of("203.0.113.9");
        List<FieldError> errors = validate(s);
        assertThat(errors).extracting(FieldError::path).contains(
                "spec.kubernetesVersion", "spec.region", "spec.subnets[1].cidr", "spec.rollingUpdate.maxSurge", "spec.sshAccess[0]", "spec.kubernetesApiAccess[0]");
        expect(errors, "spec.sshAccess[0]", "\"everywhere\" is not an IPv4 CIDR");
        expect(errors, "spec.kubernetesApiAccess[0]", "write it as a CIDR like 203.0.113.9/32");
        String summary = FieldError.summarize(errors);
        assertThat(summary).startsWith(errors.size() + " errors: ").contains("spec.region: unknown AWS region \"eu-mars-1\"");
    }
}
