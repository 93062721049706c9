package io.slipway.crd;

import io.slipway.crd.CrdValidationRules.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slipway.crd.GeneratedCrds.CLUSTERS;
import static io.slipway.crd.GeneratedCrds.INSTANCE_GROUPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the generated CRDs: each compiles, obeys the API server's
 * placement rules, and the important ones accept and refuse the right objects. The Fabric8 mock API does not enforce
 * CRD schemas, so this is where the CRD layer of validation is exercised.
 */
class CrdCelRulesTest {
    private static final CelRuleEvaluator CEL = new CelRuleEvaluator();

    static List<Rule> rules() {
        return CrdValidationRules.all();
    }

    @Test
    void bothCrdsCarryRules() {
        assertThat(rules()).extracting(Rule::crd).contains(CLUSTERS, INSTANCE_GROUPS);
        assertThat(rules()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void compilesAsBooleanExpression(Rule rule) {
        assertThatCode(() -> CEL.compile(rule.expression())).as(rule.toString()).doesNotThrowAnyException();
    }

    /** The API server refuses a CRD whose transition rule sits below an array it cannot correlate. */
    @ParameterizedTest
    @MethodSource("rules")
    void transitionRulesSitOnCorrelatableNodes(Rule rule) {
        if (rule.isTransitionRule()) {
            assertThat(rule.uncorrelatableAncestor())
                    .as("oldSelf cannot be used below the atomic list %s: %s", rule.uncorrelatableAncestor(), rule)
                    .isNull();
        }
    }

    /**
     * The API server estimates each rule's worst-case cost from maxItems/maxProperties (else from the 3 MB request
     * size) and refuses the CRD when it is too high: a rule that iterates a list or map needs it bounded.
     */
    @ParameterizedTest
    @MethodSource("rules")
    void iteratedCollectionsAreBounded(Rule rule) {
        Matcher onSelf = Pattern.compile("(?<![.\\w])self\\.(all|exists|exists_one|map|filter)\\(").matcher(rule.expression());
        if (onSelf.find()) {
            assertThat(rule.schema().has("maxItems") || rule.schema().has("maxProperties"))
                    .as("%s iterates an unbounded collection: add @Size(max = ...)", rule).isTrue();
        }
        Matcher onChild = Pattern.compile("(?<![.\\w])self\\.(\\w+)\\.(all|exists|exists_one|map|filter)\\(").matcher(rule.expression());
        while (onChild.find()) {
            var child = rule.schema().path("properties").path(onChild.group(1));
            assertThat(child.has("maxItems") || child.has("maxProperties"))
                    .as("%s iterates the unbounded collection %s: add @Size(max = ...)", rule, onChild.group(1)).isTrue();
        }
    }

    @Test
    void immutableFieldsHaveTransitionRules() {
        assertThat(CrdValidationRules.find(INSTANCE_GROUPS, "spec.clusterName", "clusterName is immutable").expression())
                .isEqualTo("self == oldSelf");
        for (String message : List.of("region is immutable", "networkCIDR is immutable", "networkID is immutable", "subnet id is immutable")) {
            Rule rule = CrdValidationRules.find(CLUSTERS, ".", message);
            assertThat(rule.isTransitionRule()).as(message).isTrue();
            assertThat(rule.expression()).as(message).startsWith("!has(oldSelf.status) || !has(oldSelf.status.applied) || ");
        }
    }

    @Nested
    class Immutability {
        /** A Cluster with that spec, as stored once the operator applied it, or before ({@code applied} false). */
        private static String cluster(String spec, boolean applied) {
            return "{spec: " + spec + (applied ? ", status: {applied: {region: eu-west-1}}}" : ", status: {phase: Invalid}}");
        }

        private static String subnets(String list) {
            return "{subnets: " + list + "}";
        }

        private static boolean update(String rule, String spec, String oldSpec) {
            return CEL.eval(CrdValidationRules.find(CLUSTERS, ".", rule), cluster(spec, true), cluster(oldSpec, true));
        }

        @Test
        void region() {
            assertThat(update("region is immutable", "{region: eu-west-1}", "{region: eu-west-1}")).isTrue();
            assertThat(update("region is immutable", "{region: eu-west-2}", "{region: eu-west-1}")).isFalse();
        }

        @Test
        void nothingIsHeldBeforeTheOperatorAppliedTheCluster() {
            for (String message : List.of("region is immutable", "networkCIDR is immutable", "networkID is immutable", "subnet id is immutable")) {
                Rule rule = CrdValidationRules.find(CLUSTERS, ".", message);
                String before = "{region: eu-west-1, networkCIDR: 10.0.0.0/16, networkID: vpc-0123456789abcdef0, subnets: [{name: a, id: subnet-0123456789abcdef0}]}";
                String after = "{region: eu-west-2, networkCIDR: 10.1.0.0/16, subnets: [{name: a, cidr: 10.1.0.0/24}]}";
                assertThat(CEL.eval(rule, cluster(after, false), cluster(before, false))).as(message + ", status without applied").isTrue();
                assertThat(CEL.eval(rule, "{spec: " + after + "}", "{spec: " + before + "}")).as(message + ", no status").isTrue();
                assertThat(CEL.eval(rule, cluster(after, true), cluster(before, true))).as(message + ", applied").isFalse();
            }
        }

        @Test
        void clusterName() {
            Rule rule = CrdValidationRules.find(INSTANCE_GROUPS, "spec.clusterName", "clusterName is immutable");
            assertThat(CEL.eval(rule, "prod", "prod")).isTrue();
            assertThat(CEL.eval(rule, "staging", "prod")).isFalse();
        }

        @Test
        void networkCIDR() {
            String rule = "networkCIDR is immutable";
            assertThat(update(rule, "{networkCIDR: 10.0.0.0/16}", "{networkCIDR: 10.0.0.0/16}")).isTrue();
            assertThat(update(rule, "{networkCIDR: 10.1.0.0/16}", "{networkCIDR: 10.0.0.0/16}")).isFalse();
            assertThat(update(rule, "{networkID: vpc-0123456789abcdef0}", "{networkCIDR: 10.0.0.0/16}"))
                    .as("removed").isFalse();
            assertThat(update(rule, "{networkID: vpc-0123456789abcdef0, networkCIDR: 10.0.0.0/16}",
                    "{networkID: vpc-0123456789abcdef0}")).as("stating the CIDR of a bring-your-own VPC later").isTrue();
        }

        @Test
        void networkID() {
            String rule = "networkID is immutable";
            String vpcA = "{networkID: vpc-0123456789abcdef0}";
            assertThat(update(rule, vpcA, vpcA)).isTrue();
            assertThat(update(rule, "{networkID: vpc-0fffffffffffffff0}", vpcA)).as("changed").isFalse();
            assertThat(update(rule, "{networkCIDR: 10.0.0.0/16}", vpcA)).as("removed").isFalse();
            assertThat(update(rule, vpcA, "{networkCIDR: 10.0.0.0/16}")).as("added").isFalse();
            assertThat(update(rule, "{networkCIDR: 10.0.0.0/16}", "{networkCIDR: 10.0.0.0/16}")).as("never set").isTrue();
        }

        @Test
        void subnetIds() {
            String rule = "subnet id is immutable";
            String old = "[{name: a, id: subnet-0123456789abcdef0}, {name: b, cidr: 10.0.1.0/24}]";
            assertThat(update(rule, subnets(old), subnets(old))).isTrue();
            assertThat(update(rule, subnets("[{name: b, cidr: 10.0.1.0/24}, {name: a, id: subnet-0123456789abcdef0}]"), subnets(old)))
                    .as("reordered").isTrue();
            assertThat(update(rule, subnets(old.replace("]", ", {name: c, id: subnet-0aaaaaaaaaaaaaaa0}]")), subnets(old)))
                    .as("a new subnet with an id").isTrue();
            assertThat(update(rule, subnets("[{name: a, id: subnet-0123456789abcdef0}]"), subnets(old))).as("a subnet removed").isTrue();
            assertThat(update(rule, subnets(old.replace("subnet-0123456789abcdef0", "subnet-0fffffffffffffff0")), subnets(old)))
                    .as("id changed").isFalse();
            assertThat(update(rule, subnets("[{name: a, cidr: 10.0.0.0/24}, {name: b, cidr: 10.0.1.0/24}]"), subnets(old)))
                    .as("id removed").isFalse();
            assertThat(update(rule, subnets(old.replace("cidr: 10.0.1.0/24", "id: subnet-0bbbbbbbbbbbbbbb0")), subnets(old)))
                    .as("id added to a subnet Slipway created").isFalse();
        }
    }

    @Nested
    class InstanceGroupRules {
        private static final String IG = "{clusterName: prod, role: %s, machineType: m6i.large, image: ami-0123456789abcdef0, minSize: %d, maxSize: %d}";

        @ParameterizedTest
        @CsvSource({"1,3,true", "3,3,true", "0,0,true", "4,3,false", "1,0,false"})
        void minSizeAtMostMaxSize(int min, int max, boolean valid) {
            Rule rule = CrdValidationRules.find(INSTANCE_GROUPS, "spec", "minSize must not exceed maxSize");
            assertThat(CEL.eval(rule, IG.formatted("Node", min, max))).isEqualTo(valid);
        }

        @ParameterizedTest
        @CsvSource({"ControlPlane,3,true", "ControlPlane,1,true", "ControlPlane,2,false", "Node,2,true", "Bastion,0,true"})
        void controlPlaneHasAnOddSize(String role, int min, boolean valid) {
            Rule rule = CrdValidationRules.find(INSTANCE_GROUPS, "spec", "a control plane needs an odd number");
            assertThat(CEL.eval(rule, IG.formatted(role, min, 5))).isEqualTo(valid);
        }

        @Test
        void maxPriceExcludesMixedInstancesPolicy() {
            Rule rule = CrdValidationRules.find(INSTANCE_GROUPS, "spec", "maxPrice and mixedInstancesPolicy");
            String base = IG.formatted("Node", 1, 3);
            assertThat(CEL.eval(rule, base.replace("}", ", maxPrice: '0.1'}"))).isTrue();
            assertThat(CEL.eval(rule, base.replace("}", ", mixedInstancesPolicy: {instances: [m6i.large]}}"))).isTrue();
            assertThat(CEL.eval(rule, base.replace("}", ", maxPrice: '0.1', mixedInstancesPolicy: {instances: [m6i.large]}}")))
                    .isFalse();
        }

        @Test
        void nodeLabelsAvoidReservedPrefixes() {
            Rule rule = CrdValidationRules.find(INSTANCE_GROUPS, "spec.nodeLabels", "nodeLabels may not use");
            assertThat(CEL.eval(rule, "{team: web, example.com/tier: front}")).isTrue();
            assertThat(CEL.eval(rule, "{node-role.kubernetes.io/worker: ''}")).isFalse();
            assertThat(CEL.eval(rule, "{kubernetes.io/hostname: x}")).isFalse();
            assertThat(CEL.eval(rule, "{k8s.io/x: y}")).isFalse();
        }

        @Test
        void rootVolumeOptionsMatchTheType() {
            Rule iops = CrdValidationRules.find(INSTANCE_GROUPS, "spec.rootVolume", "iops applies");
            Rule throughput = CrdValidationRules.find(INSTANCE_GROUPS, "spec.rootVolume", "throughput applies");
            Rule kms = CrdValidationRules.find(INSTANCE_GROUPS, "spec.rootVolume", "kmsKeyId needs encrypted");
            // the API server applies defaults (type gp3, encrypted true) before it validates
            assertThat(CEL.eval(iops, "{type: gp3, iops: 3000}")).isTrue();
            assertThat(CEL.eval(iops, "{type: gp2, iops: 3000}")).isFalse();
            assertThat(CEL.eval(throughput, "{type: gp3, throughput: 250}")).isTrue();
            assertThat(CEL.eval(throughput, "{type: io2, throughput: 250}")).isFalse();
            assertThat(CEL.eval(kms, "{type: gp3, encrypted: true, kmsKeyId: alias/ebs}")).isTrue();
            assertThat(CEL.eval(kms, "{type: gp3, encrypted: false, kmsKeyId: alias/ebs}")).isFalse();
        }
    }

    @Nested
    class RollingUpdate {
        @ParameterizedTest(name = "{0} maxSurge={1} maxUnavailable={2} -> {3}")
        @CsvSource(delimiter = '|', value = {
                "clusters|0|0|false", "clusters|'0%'|'0%'|false", "clusters|0|'0%'|false", "clusters|'0%'|0|false",
                "clusters|'0'|0|false",
                "clusters|1|0|true", "clusters|0|1|true", "clusters|'25%'|'0%'|true", "clusters|'0%'|'10%'|true",
                "instancegroups|0|0|false", "instancegroups|'0%'|0|false", "instancegroups|2|0|true"})
        void maxSurgeAndMaxUnavailableNotBothZero(String crd, String surge, String unavailable, boolean valid) {
            String file = crd + ".slipway.io-v1.yml";
            Rule rule = CrdValidationRules.find(file, "spec.rollingUpdate", "maxSurge and maxUnavailable cannot both be 0");
            assertThat(CEL.eval(rule, "{maxSurge: " + surge + ", maxUnavailable: " + unavailable + "}")).isEqualTo(valid);
        }

        @Test
        void oneOfThemAloneIsFine() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec.rollingUpdate", "maxSurge and maxUnavailable cannot both be 0");
            assertThat(CEL.eval(rule, "{maxSurge: 0}")).isTrue();
            assertThat(CEL.eval(rule, "{maxUnavailable: '0%'}")).isTrue();
            assertThat(CEL.eval(rule, "{drainTimeout: 5m}")).isTrue();
        }
    }

    @Nested
    class Remediation {
        @ParameterizedTest(name = "{0} maxUnhealthy={1} -> {2}")
        @CsvSource(delimiter = '|', value = {
                "clusters|2|true", "clusters|0|true", "clusters|'40%'|true", "clusters|'0%'|true", "clusters|'100%'|true",
                "clusters|'5%'|true", "clusters|-1|false", "clusters|\"40\"|false", "clusters|'101%'|false", "clusters|'040%'|false",
                "clusters|'half'|false", "instancegroups|1|true", "instancegroups|'60%'|true", "instancegroups|'200%'|false"})
        void maxUnhealthyIsACountOrAPercentage(String crd, String value, boolean valid) {
            Rule rule = CrdValidationRules.find(crd + ".slipway.io-v1.yml", "spec.remediation.maxUnhealthy", "maxUnhealthy must be");
            assertThat(CEL.eval(rule, value)).isEqualTo(valid);
        }
    }

    @Nested
    class ClusterRules {
        @Test
        void atMostOneCni() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec.networking", "set at most one of");
            assertThat(CEL.eval(rule, "{}")).isTrue();
            assertThat(CEL.eval(rule, "{cilium: {}}")).isTrue();
            assertThat(CEL.eval(rule, "{amazonvpc: {version: v1.19.0}}")).isTrue();
            assertThat(CEL.eval(rule, "{cilium: {}, calico: {}}")).isFalse();
            assertThat(CEL.eval(rule, "{cni: {}, amazonvpc: {}}")).isFalse();
            assertThat(CEL.eval(rule, "{cilium: {}, calico: {}, amazonvpc: {}, cni: {}}")).isFalse();
        }

        @Test
        void identityIsRoleOrSecret() {
            Rule either = CrdValidationRules.find(CLUSTERS, "spec.identity", "set either roleARN or secretRef");
            Rule externalId = CrdValidationRules.find(CLUSTERS, "spec.identity", "externalID needs roleARN");
            String role = "roleARN: arn:aws:iam::123456789012:role/slipway";
            assertThat(CEL.eval(either, "{" + role + "}")).isTrue();
            assertThat(CEL.eval(either, "{secretRef: {name: aws}}")).isTrue();
            assertThat(CEL.eval(either, "{" + role + ", secretRef: {name: aws}}")).isFalse();
            assertThat(CEL.eval(externalId, "{" + role + ", externalID: x}")).isTrue();
            assertThat(CEL.eval(externalId, "{secretRef: {name: aws}, externalID: x}")).isFalse();
            assertThat(CEL.eval(externalId, "{}")).isTrue();
        }

        @Test
        void subnetNamesAreUnique() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec.subnets", "subnet names must be unique");
            assertThat(CEL.eval(rule, "[{name: a}, {name: b}, {name: c}]")).isTrue();
            assertThat(CEL.eval(rule, "[{name: a}, {name: b}, {name: a}]")).isFalse();
        }

        @Test
        void aSubnetNeedsCidrOrId() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec.subnets[*]", "a subnet needs cidr, or id");
            assertThat(CEL.eval(rule, "{name: a, zone: eu-west-1a, type: Public, cidr: 10.0.0.0/24}")).isTrue();
            assertThat(CEL.eval(rule, "{name: a, zone: eu-west-1a, type: Public, id: subnet-0123456789abcdef0}")).isTrue();
            assertThat(CEL.eval(rule, "{name: a, zone: eu-west-1a, type: Public}")).isFalse();
        }

        @Test
        void networkCidrOrNetworkId() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec", "networkCIDR is required unless networkID");
            assertThat(CEL.eval(rule, "{networkCIDR: 10.0.0.0/16}")).isTrue();
            assertThat(CEL.eval(rule, "{networkID: vpc-0123456789abcdef0}")).isTrue();
            assertThat(CEL.eval(rule, "{region: eu-west-1}")).isFalse();
        }

        @Test
        void privateTopologyNeedsPrivateAndUtilitySubnets() {
            Rule needsPrivate = CrdValidationRules.find(CLUSTERS, "spec", "private node topology needs at least one Private");
            Rule needsUtility = CrdValidationRules.find(CLUSTERS, "spec", "private node topology needs Utility");
            String both = "{topology: {controlPlane: private, nodes: private}, subnets: [{name: p, type: Private}, {name: u, type: Utility}]}";
            String privateOnly = "{topology: {controlPlane: private, nodes: private}, subnets: [{name: p, type: Private}]}";
            String utilityOnly = "{topology: {controlPlane: public, nodes: private}, subnets: [{name: u, type: Utility}, {name: x, type: Public}]}";
            String publicNodes = "{topology: {controlPlane: public, nodes: public}, subnets: [{name: x, type: Public}]}";
            String noTopology = "{subnets: [{name: x, type: Public}]}";
            assertThat(CEL.eval(needsPrivate, both)).isTrue();
            assertThat(CEL.eval(needsUtility, both)).isTrue();
            assertThat(CEL.eval(needsUtility, privateOnly)).isFalse();
            assertThat(CEL.eval(needsPrivate, privateOnly)).isTrue();
            assertThat(CEL.eval(needsPrivate, utilityOnly)).isFalse();
            assertThat(CEL.eval(needsPrivate, publicNodes)).isTrue();
            assertThat(CEL.eval(needsUtility, publicNodes)).isTrue();
            assertThat(CEL.eval(needsPrivate, noTopology)).isTrue();
        }

        @Test
        void additionalPoliciesKeysAreRoles() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec.iam.additionalPolicies", "additionalPolicies keys");
            assertThat(CEL.eval(rule, "{controlPlane: '[]', node: '[]'}")).isTrue();
            assertThat(CEL.eval(rule, "{master: '[]'}")).isFalse();
        }
    }

    /** The name rules at the root of both CRDs, and InstanceGroup's clusterName, agree with the operator's check. */
    @Nested
    class Names {
        private static final List<String> SAMPLES = List.of("acc", "prod-eu-1", "a", "0", "p".repeat(63), "p".repeat(64),
                "my.cluster", "Prod", "-prod", "prod-", "prod_1", "a/b", "");

        @Test
        void clusterNameRuleSitsAtTheRootAndAgreesWithTheOperator() {
            checkNameRule(CLUSTERS, "a Cluster's name");
        }

        @Test
        void instanceGroupNameRuleSitsAtTheRootAndAgreesWithTheOperator() {
            checkNameRule(INSTANCE_GROUPS, "an InstanceGroup's name");
        }

        private void checkNameRule(String crd, String message) {
            Rule rule = CrdValidationRules.find(crd, ".", message);
            for (String name : SAMPLES) {
                String self = "{metadata: {name: '" + name + "'}}";
                boolean operatorAccepts = crd.equals(CLUSTERS)
                        ? io.slipway.validation.ClusterSpecValidator.validateName(name).isEmpty()
                        : io.slipway.validation.InstanceGroupSpecValidator.validateName(name).isEmpty();
                assertThat(CEL.eval(rule, self)).as("%s %s", crd, name).isEqualTo(operatorAccepts);
            }
            assertThat(CEL.eval(rule, "{metadata: {name: acc}}")).isTrue();
            assertThat(CEL.eval(rule, "{metadata: {name: my.cluster}}")).isFalse();
            assertThat(CEL.eval(rule, "{metadata: {name: " + "p".repeat(64) + "}}")).isFalse();
        }

        @Test
        void clusterNameOfAnInstanceGroupHasTheClusterNameRule() {
            var schema = GeneratedCrds.tree(INSTANCE_GROUPS).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/clusterName");
            assertThat(schema.path("pattern").asText()).isEqualTo(io.slipway.api.NameRules.DNS_LABEL);
            assertThat(schema.path("maxLength").asInt()).isEqualTo(io.slipway.api.NameRules.MAX_LENGTH);
        }
    }
}
