package io.slipway.model;

import io.slipway.api.InstanceGroupRole;
import io.slipway.api.NameRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every AWS name fits its service's limits and character rules at the shortest, usual and longest legal names, and
 * no two (namespace, name[, group]) share one.
 */
class AwsNamesTest {
    private static final String LONGEST_NAMESPACE = "ns-" + "a".repeat(NameRules.MAX_LENGTH - 3);
    private static final String LONGEST_CLUSTER = "c".repeat(NameRules.MAX_LENGTH - 1) + "1";
    private static final String LONGEST_GROUP = "nodes-" + "g".repeat(NameRules.MAX_LENGTH - 6);
    private static final String ACCOUNT = "123456789012";

    /** Names AWS accepts, per service (from the services' API references). */
    private static final String LOAD_BALANCER = "^(?!internal-)[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$";
    private static final String IAM_NAME = "^[\\w+=,.@-]+$";
    private static final String IAM_PATH = "^/([\\x21-\\x7E]*/)?$";
    private static final String BUCKET = "^(?!xn--)(?!sthree-)(?!.*-s3alias$)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
    private static final String LAUNCH_TEMPLATE = "^[a-zA-Z0-9().\\-/_]{3,128}$";
    private static final String SECURITY_GROUP = "^(?!sg-)[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]+$";
    private static final String PRINTABLE = "^[\\x20-\\x7E]+$";

    static List<String[]> identities() {
        return List.of(
                new String[]{"a", "b", "g"},
                new String[]{"default", "acc", "nodes-a"},
                new String[]{"internal-tools", "internal", "internal"},
                new String[]{LONGEST_NAMESPACE, LONGEST_CLUSTER, LONGEST_GROUP});
    }

    @ParameterizedTest
    @MethodSource("identities")
    void everyNameFitsItsService(String namespace, String cluster, String group) {
        AwsNames names = AwsNames.of(namespace, cluster);
        fits(names.apiLoadBalancer(), AwsNames.LOAD_BALANCER_MAX, LOAD_BALANCER);
        fits(names.apiTargetGroup(), AwsNames.TARGET_GROUP_MAX, LOAD_BALANCER);
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            fits(names.iamRole(role), AwsNames.IAM_ROLE_MAX, IAM_NAME);
            fits(names.instanceProfile(role), AwsNames.INSTANCE_PROFILE_MAX, IAM_NAME);
        }
        fits(names.iamPath(), AwsNames.IAM_PATH_MAX, IAM_PATH);
        fits(names.bootstrapBucket(ACCOUNT), AwsNames.S3_BUCKET_MAX, BUCKET);
        assertThat(names.bootstrapBucket(ACCOUNT)).hasSizeGreaterThanOrEqualTo(3).doesNotMatch("^\\d+\\.\\d+\\.\\d+\\.\\d+$");
        fits(names.launchTemplate(group), AwsNames.LAUNCH_TEMPLATE_MAX, LAUNCH_TEMPLATE);
        fits(names.autoScalingGroup(group), AwsNames.AUTO_SCALING_GROUP_MAX, PRINTABLE);
        for (SecurityGroupRole role : SecurityGroupRole.values()) {
            fits(names.securityGroup(role), AwsNames.SECURITY_GROUP_MAX, SECURITY_GROUP);
        }
        fits(names.roleSessionName(), AwsNames.ROLE_SESSION_NAME_MAX, IAM_NAME);
        assertThat(names.roleSessionName()).hasSizeGreaterThanOrEqualTo(2);
        fits(names.clusterTagKey(), AwsNames.TAG_KEY_MAX, PRINTABLE);
        String longestLogicalId = "subnet/" + "s".repeat(NameRules.MAX_LENGTH);
        fits(names.nameTag(longestLogicalId), AwsNames.NAME_TAG_MAX, PRINTABLE);
        fits(names.nameTag("instancegroup/" + LONGEST_GROUP + "/launchtemplate"), AwsNames.NAME_TAG_MAX, PRINTABLE);
    }

    @Test
    void usualNamesReadAsNamespaceClusterAndPurposeAndAreStable() {
        AwsNames names = AwsNames.of("default", "acc");
        String hash = "0735b2c5"; // SHA-256("default/acc"): changing it would rename every resource of every cluster
        assertThat(names.owner()).isEqualTo("default/acc");
        assertThat(names.clusterTagKey()).isEqualTo("kubernetes.io/cluster/acc");
        assertThat(names.nameTag("subnet/private-eu-west-1a")).isEqualTo("default/acc/subnet/private-eu-west-1a");
        assertThat(names.apiLoadBalancer()).isEqualTo("api-default-acc-" + hash);
        assertThat(names.iamRole(InstanceGroupRole.ControlPlane)).isEqualTo("control-plane-default-acc-" + hash);
        assertThat(names.iamRole(InstanceGroupRole.Node)).isEqualTo("nodes-default-acc-" + hash);
        assertThat(names.instanceProfile(InstanceGroupRole.Bastion)).isEqualTo(names.iamRole(InstanceGroupRole.Bastion));
        assertThat(names.iamPath()).isEqualTo("/slipway/default/acc/cluster/");
        assertThat(names.iamClusterPath()).isEqualTo("/slipway/default/acc/");
        assertThat(names.securityGroup(SecurityGroupRole.NODES)).isEqualTo("slipway-nodes-default-acc-" + hash);
        assertThat(names.launchTemplate("nodes-a")).isEqualTo("default-acc-nodes-a-3bcf8730");
        assertThat(names.autoScalingGroup("nodes-a")).isEqualTo("default-acc-nodes-a-3bcf8730");
        assertThat(names.bootstrapBucket(ACCOUNT)).startsWith("slipway-default-acc-").isNotEqualTo(names.bootstrapBucket("210987654321"));
        assertThat(names.roleSessionName()).isEqualTo("slipway.default.acc");
        assertThat(AwsNames.of("default", "acc").apiLoadBalancer()).isEqualTo(names.apiLoadBalancer());
    }

    /**
     * Pairs that a plain join would confuse ({@code team-a/prod} and {@code team/a-prod}), and long names that agree
     * in everything a shortened name keeps.
     */
    @Test
    void differentClustersNeverShareAName() {
        List<String[]> clusters = new ArrayList<>(List.of(
                new String[]{"team-a", "prod"}, new String[]{"team", "a-prod"}, new String[]{"default", "acc"},
                new String[]{"other", "acc"}, new String[]{"acc", "default"},
                new String[]{LONGEST_NAMESPACE, LONGEST_CLUSTER},
                new String[]{LONGEST_NAMESPACE, LONGEST_CLUSTER.substring(0, NameRules.MAX_LENGTH - 1) + "2"},
                new String[]{LONGEST_NAMESPACE.substring(0, NameRules.MAX_LENGTH - 1) + "b", LONGEST_CLUSTER}));
        Map<String, Function<AwsNames, String>> kinds = new LinkedHashMap<>();
        kinds.put("load balancer", AwsNames::apiLoadBalancer);
        kinds.put("target group", AwsNames::apiTargetGroup);
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            kinds.put("IAM role " + role, n -> n.iamRole(role));
        }
        kinds.put("bucket", n -> n.bootstrapBucket(ACCOUNT));
        kinds.put("IAM path", AwsNames::iamPath);
        kinds.put("security group", n -> n.securityGroup(SecurityGroupRole.CONTROL_PLANE));
        kinds.put("launch template", n -> n.launchTemplate(LONGEST_GROUP));
        kinds.put("auto scaling group", n -> n.autoScalingGroup(LONGEST_GROUP));
        kinds.put("session name", AwsNames::roleSessionName);
        kinds.put("owner", AwsNames::owner);
        kinds.put("Name tag", n -> n.nameTag("vpc"));
        kinds.forEach((kind, name) -> {
            Map<String, String> seen = new HashMap<>();
            for (String[] c : clusters) {
                String value = name.apply(AwsNames.of(c[0], c[1]));
                String before = seen.put(value, c[0] + "/" + c[1]);
                assertThat(before).as("%s %s is given to both %s and %s/%s", kind, value, before, c[0], c[1]).isNull();
            }
        });
    }

    @Test
    void instanceGroupsOfOneClusterNeverShareAName() {
        AwsNames names = AwsNames.of(LONGEST_NAMESPACE, LONGEST_CLUSTER);
        String other = LONGEST_GROUP.substring(0, NameRules.MAX_LENGTH - 1) + "x";
        assertThat(names.launchTemplate(LONGEST_GROUP)).isNotEqualTo(names.launchTemplate(other));
        assertThat(names.autoScalingGroup(LONGEST_GROUP)).isNotEqualTo(names.autoScalingGroup(other));
        assertThat(AwsNames.of("default", "acc").launchTemplate("a-b")).isNotEqualTo(AwsNames.of("default", "acc-a").launchTemplate("b"));
    }

    @Test
    void theNamesOfOneClusterDifferByPurpose() {
        AwsNames names = AwsNames.of(LONGEST_NAMESPACE, LONGEST_CLUSTER);
        assertThat(List.of(InstanceGroupRole.values()).stream().map(names::iamRole).distinct()).hasSize(InstanceGroupRole.values().length);
        assertThat(List.of(SecurityGroupRole.values()).stream().map(names::securityGroup).distinct()).hasSize(SecurityGroupRole.values().length);
    }

    @Test
    void refusesNamesOutsideTheRule() {
        assertThatThrownBy(() -> AwsNames.of("default", "my.cluster")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AwsNames.of("default", "c".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AwsNames.of("default", "acc").launchTemplate("Nodes")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A Cluster named before the rule (refused now) must still be found by its owner tag and deleted. */
    @Test
    void ownerAndSessionNameAcceptNamesFromBeforeTheRule() {
        assertThat(AwsNames.owner("default", "my.cluster")).isEqualTo("default/my.cluster");
        assertThat(AwsNames.roleSessionName("default", "My_Cluster:" + "x".repeat(80)))
                .hasSizeLessThanOrEqualTo(AwsNames.ROLE_SESSION_NAME_MAX).matches(IAM_NAME);
    }

    private static void fits(String name, int max, String regex) {
        assertThat(name).as(name).hasSizeLessThanOrEqualTo(max).matches(regex);
    }
}
