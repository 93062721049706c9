package io.slipway.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.api.InstanceGroupRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Scoping of the rendered policies, evaluated as IAM would match actions and resources (conditions aside). */
class IamPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    /**
     * The only actions allowed on "*", each with why: IAM does not scope them to a resource (the service
     * authorization reference lists no resource type for them), so "*" is the narrowest scope there is.
     */
    private static final Map<String, String> ONLY_ANY_RESOURCE = Map.ofEntries(
            Map.entry("ec2:Describe*", "EC2 Describe* calls take no resource ARN"),
            Map.entry("elasticloadbalancing:Describe*", "ELB Describe* calls take no resource ARN"),
            Map.entry("autoscaling:Describe*", "Auto Scaling Describe* calls take no resource ARN"),
            Map.entry("ecr:GetAuthorizationToken", "the registry token is account-wide"));

    private static IamPolicies.Scope scope(String region, BootstrapStoreLayout store) {
        return new IamPolicies.Scope("demo", AwsPartition.of(region), region, ACCOUNT, store);
    }

    private static BootstrapStoreLayout ownBucket() {
        return BootstrapStoreLayout.ownBucket(AwsNames.of("prod", "demo"), ACCOUNT);
    }

    private static BootstrapStoreLayout stateStore() {
        return BootstrapStoreLayout.stateStore("company-state", AwsNames.of("prod", "demo"));
    }

    private static JsonNode render(InstanceGroupRole role, IamPolicies.Scope scope) throws Exception {
        return JSON.readTree(IamPolicies.forRole(role, scope).toJson());
    }

    @Test
    void eachRoleReadsOnlyItsOwnBootstrapFolder() throws Exception {
        for (BootstrapStoreLayout store : List.of(ownBucket(), stateStore())) {
            IamPolicies.Scope scope = scope("eu-west-1", store);
            for (InstanceGroupRole reader : InstanceGroupRole.values()) {
                JsonNode policy = render(reader, scope);
                for (InstanceGroupRole owner : InstanceGroupRole.values()) {
                    String object = "arn:aws:s3:::" + store.bucket() + "/" + store.objectKey(owner);
                    assertThat(allows(policy, "s3:GetObject", object))
                            .as("%s reads %s (%s)", reader, object, store).isEqualTo(reader == owner);
                }
                // nothing else in the bucket, not the bucket itself, no other bucket
                assertThat(allows(policy, "s3:GetObject", "arn:aws:s3:::" + store.bucket() + "/" + store.clusterPrefix() + "secret"))
                        .isFalse();
                assertThat(allows(policy, "s3:ListBucket", "arn:aws:s3:::" + store.bucket())).isFalse();
                assertThat(allows(policy, "s3:GetObject", "arn:aws:s3:::other-bucket/" + store.objectKey(reader))).isFalse();
                assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::" + store.bucket() + "/" + store.objectKey(reader))).isFalse();
            }
        }
    }

    @Test
    void onlyTheControlPlaneMayCreateTheInitLockAndOnlyThatKeyAndOnlyConditionally() throws Exception {
        for (BootstrapStoreLayout store : List.of(ownBucket(), stateStore())) {
            IamPolicies.Scope scope = scope("eu-west-1", store);
            String lock = "arn:aws:s3:::" + store.bucket() + "/" + store.initLockKey();
            assertThat(lock).as("outside the folder the operator's plans own").startsWith("arn:aws:s3:::" + store.bucket() + "/"
                    + store.clusterPrefix()).doesNotStartWith("arn:aws:s3:::" + store.bucket() + "/" + store.bootstrapFolder());
            assertThat(IamPolicies.initLockArn(scope)).isEqualTo(lock);
            for (InstanceGroupRole role : InstanceGroupRole.values()) {
                JsonNode policy = render(role, scope);
                assertThat(allows(policy, "s3:PutObject", lock)).as("%s puts the init lock (%s)", role, store)
                        .isEqualTo(role == InstanceGroupRole.ControlPlane);
                assertThat(allows(policy, "s3:DeleteObject", lock)).as("%s deletes the init lock", role).isFalse();
                assertThat(allows(policy, "s3:GetObject", lock)).as("%s reads the init lock", role)
                        .isEqualTo(role == InstanceGroupRole.ControlPlane);
                // no other key of the store, not even next to the lock
                assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::" + store.bucket() + "/"
                        + store.initLockKey() + ".other")).isFalse();
                assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::" + store.bucket() + "/"
                        + store.objectKey(InstanceGroupRole.ControlPlane))).isFalse();
            }
            JsonNode putStatement = statementAllowing(render(InstanceGroupRole.ControlPlane, scope), "s3:PutObject");
            assertThat(putStatement.at("/Condition/Null/s3:if-none-match")).as("only a create, never an overwrite")
                    .isEqualTo(JSON.readTree("[\"false\"]"));
        }
    }

    @Test
    void aNodeCannotReadTheControlPlanesBootstrapObjectsInAnotherClustersPrefixEither() throws Exception {
        BootstrapStoreLayout other = BootstrapStoreLayout.stateStore("company-state", AwsNames.of("prod", "other"));
        JsonNode node = render(InstanceGroupRole.Node, scope("eu-west-1", stateStore()));
        assertThat(allows(node, "s3:GetObject", "arn:aws:s3:::company-state/" + other.objectKey(InstanceGroupRole.Node))).isFalse();
    }

    @Test
    void nodesGetTheMinimumAndTheBastionOnlyItsBootstrap() throws Exception {
        IamPolicies.Scope scope = scope("eu-west-1", ownBucket());
        assertThat(actions(render(InstanceGroupRole.Node, scope))).containsExactlyInAnyOrder(
                "ec2:DescribeInstances", "ec2:DescribeRegions", "ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:DescribeRepositories",
                "ecr:GetDownloadUrlForLayer", "ecr:ListImages", "s3:GetObject");
        assertThat(actions(render(InstanceGroupRole.Bastion, scope))).containsExactly("s3:GetObject");
        JsonNode node = render(InstanceGroupRole.Node, scope);
        assertThat(allows(node, "ec2:CreateVolume", "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":volume/vol-1")).isFalse();
        assertThat(allows(node, "ec2:AuthorizeSecurityGroupIngress", "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":security-group/sg-1")).isFalse();
    }

    @Test
    void theControlPlaneGetsWhatTheCloudControllerManagerAndEbsCsiControllerCall() throws Exception {
        JsonNode cp = render(InstanceGroupRole.ControlPlane, scope("eu-west-1", ownBucket()));
        String ec2 = "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":";
        String elb = "arn:aws:elasticloadbalancing:eu-west-1:" + ACCOUNT + ":";
        assertThat(allows(cp, "ec2:CreateVolume", ec2 + "volume/vol-1")).isTrue();
        assertThat(allows(cp, "ec2:AttachVolume", ec2 + "instance/i-1")).isTrue();
        assertThat(allows(cp, "ec2:AttachVolume", ec2 + "volume/vol-1")).isTrue();
        assertThat(allows(cp, "ec2:DeleteVolume", ec2 + "volume/vol-1")).isTrue();
        assertThat(allows(cp, "ec2:CreateSecurityGroup", ec2 + "security-group/sg-1")).isTrue();
        assertThat(allows(cp, "ec2:AuthorizeSecurityGroupIngress", ec2 + "security-group/sg-1")).isTrue();
        assertThat(allows(cp, "ec2:CreateRoute", ec2 + "route-table/rtb-1")).isTrue();
        assertThat(allows(cp, "elasticloadbalancing:CreateLoadBalancer", elb + "loadbalancer/net/a/1")).isTrue();
        assertThat(allows(cp, "elasticloadbalancing:RegisterTargets", elb + "targetgroup/a/1")).isTrue();
        assertThat(allows(cp, "elasticloadbalancing:CreateListener", elb + "loadbalancer/net/a/1")).isTrue();
        assertThat(allows(cp, "ec2:DescribeInstances", "*")).isTrue();
        // nothing outside its region and account
        assertThat(allows(cp, "ec2:DeleteVolume", "arn:aws:ec2:us-east-1:" + ACCOUNT + ":volume/vol-1")).isFalse();
        assertThat(allows(cp, "ec2:DeleteVolume", "arn:aws:ec2:eu-west-1:210987654321:volume/vol-1")).isFalse();
        assertThat(allows(cp, "ec2:TerminateInstances", ec2 + "instance/i-1")).isFalse();
        assertThat(allows(cp, "iam:PassRole", "arn:aws:iam::" + ACCOUNT + ":role/x")).isFalse();
    }

    @Test
    void everyMutatingEc2AndElbActionIsConditionedOnTheClusterTag() throws Exception {
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            for (JsonNode statement : render(role, scope("eu-west-1", ownBucket())).get("Statement")) {
                List<String> writes = strings(statement.get("Action")).stream().filter(a -> !isRead(a))
                        .filter(a -> a.startsWith("ec2:") || a.startsWith("elasticloadbalancing:")).toList();
                if (writes.isEmpty()) {
                    continue;
                }
                if (strings(statement.get("Resource")).equals(List.of("arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/*"))) {
                    // CreateSecurityGroup's VPC side: a bring-your-own VPC has no cluster tag; the group side is conditioned
                    assertThat(writes).containsExactly("ec2:CreateSecurityGroup");
                    continue;
                }
                assertThat(statement.path("Condition").toString()).as("%s %s", role, statement)
                        .containsAnyOf("kubernetes.io/cluster/demo", "ec2:CreateAction", "elasticloadbalancing:CreateAction");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "cn-north-1", "us-gov-west-1"})
    void noWriteActionHasAnyResourceAndOnlyUnscopableActionsDo(String region) throws Exception {
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            for (JsonNode statement : render(role, scope(region, ownBucket())).get("Statement")) {
                List<String> resources = strings(statement.get("Resource"));
                if (!resources.contains("*")) {
                    continue;
                }
                assertThat(resources).as("%s: \"*\" is never mixed with ARNs", statement).containsExactly("*");
                for (String action : strings(statement.get("Action"))) {
                    assertThat(ONLY_ANY_RESOURCE.keySet().stream().anyMatch(p -> glob(p).matcher(action).matches()))
                            .as("%s %s on \"*\": not on the allow-list of unscopable actions", role, action).isTrue();
                    assertThat(isRead(action)).as("%s is a read", action).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "cn-north-1", "us-gov-west-1"})
    void everyArnUsesTheRegionsPartition(String region) throws Exception {
        String partition = AwsPartition.of(region);
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            JsonNode policy = render(role, scope(region, stateStore()));
            List<String> arns = new ArrayList<>();
            collectStrings(policy, arns);
            arns.removeIf(s -> !s.startsWith("arn:"));
            assertThat(arns).isNotEmpty().allSatisfy(arn -> assertThat(arn).startsWith("arn:" + partition + ":"));
            assertThat(arns).filteredOn(arn -> arn.startsWith("arn:" + partition + ":ec2:"))
                    .allSatisfy(arn -> assertThat(arn).startsWith("arn:" + partition + ":ec2:" + region + ":" + ACCOUNT + ":"));
        }
        JsonNode trust = JSON.readTree(IamPolicies.trust(partition).toJson());
        assertThat(trust.at("/Statement/0/Principal/Service/0").asText())
                .isEqualTo(region.startsWith("cn-") ? "ec2.amazonaws.com.cn" : "ec2.amazonaws.com");
        assertThat(trust.at("/Statement/0/Action/0").asText()).isEqualTo("sts:AssumeRole");
        assertThat(trust.at("/Statement/0/Effect").asText()).isEqualTo("Allow");
    }

    @Test
    void additionalStatementsAreWrappedAsGivenIntoAWholeDocument() throws Exception {
        String statements = "[{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"], \"Resource\": [\"arn:aws:s3:::bucket/*\"]}]";
        JsonNode document = JSON.readTree(PolicyDocument.wrapStatements(statements));
        assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(document.get("Statement")).isEqualTo(JSON.readTree(statements));
    }

    // a tiny evaluator: does any Allow statement match the action and the resource (conditions not evaluated,
    // which can only make it allow more)?
    private static boolean allows(JsonNode policy, String action, String resource) {
        for (JsonNode statement : policy.get("Statement")) {
            if (!"Allow".equals(statement.get("Effect").asText())) {
                continue;
            }
            boolean actionMatches = strings(statement.get("Action")).stream().anyMatch(a -> glob(a).matcher(action).matches());
            boolean resourceMatches = strings(statement.get("Resource")).stream().anyMatch(r -> glob(r).matcher(resource).matches());
            if (actionMatches && resourceMatches) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode statementAllowing(JsonNode policy, String action) {
        for (JsonNode statement : policy.get("Statement")) {
            if (strings(statement.get("Action")).contains(action)) {
                return statement;
            }
        }
        throw new AssertionError("no statement allows " + action);
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static boolean isRead(String action) {
        String verb = action.substring(action.indexOf(':') + 1);
        return verb.startsWith("Describe") || verb.startsWith("Get") || verb.startsWith("List")
                || verb.startsWith("BatchGet") || verb.startsWith("BatchCheck");
    }

    private static List<String> actions(JsonNode policy) {
        List<String> actions = new ArrayList<>();
        policy.get("Statement").forEach(s -> actions.addAll(strings(s.get("Action"))));
        return actions;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    private static void collectStrings(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, into));
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(into::add);
        }
    }
}
