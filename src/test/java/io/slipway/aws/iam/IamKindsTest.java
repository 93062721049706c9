package io.slipway.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.IamStatus;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.AwsNames;
import io.slipway.model.IamPolicies;
import io.slipway.model.IamStatusMapper;
import io.slipway.model.Owners;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.FaultInjector.Fault;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.slipway.aws.iam.IamFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The IAM kinds against moto, checked by boto3: create, converge, plan-only, drift, owner scopes, teardown. */
class IamKindsTest {
    private final IamFixture fixture = new IamFixture();
    private final URI endpoint = MotoServer.get().endpoint();
    private final SimpleMeterRegistry calls = new SimpleMeterRegistry();
    private IamTestClients clients;
    private IamTestClients consoleClients;
    private IamClient console;
    private Engine engine;

    @BeforeEach
    void start() {
        MotoServer.get().reset();
        clients = IamTestClients.of(calls);
        consoleClients = IamTestClients.of(new SimpleMeterRegistry());
        console = consoleClients.iam();
        console.createPolicy(r -> r.policyName("slipway-boundary").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        engine = clients.engine();
    }

    @AfterEach
    void stop() {
        clients.close();
        consoleClients.close();
    }

    private ApplyResult converge(DesiredGraph graph) {
        ApplyResult result = engine.apply(engine.plan(graph));
        assertThat(result.isComplete()).as("%s", result).isTrue();
        assertThat(engine.plan(graph).isConverged()).as("converged").isTrue();
        return result;
    }

    private static Map<String, Action> pending(Plan plan) {
        return plan.pending().stream().collect(Collectors.toMap(Change::logicalId, Change::action));
    }

    @Test
    void createsEachRoleAndProfileWithTagsBoundaryAndPoliciesAsBoto3SeesThem() {
        ApplyResult result = converge(fixture.graph());

        Boto3Iam iam = Boto3Iam.read(endpoint, fixture.path());
        assertThat(iam.roles()).hasSize(3);
        assertThat(iam.profiles()).hasSize(3);
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            String folder = io.slipway.model.BootstrapStoreLayout.folderName(role);
            IamRoleSpec spec = fixture.roleSpec(role);
            JsonNode live = iam.role(fixture.role(role));
            assertThat(live.get("path").asText()).isEqualTo("/slipway/prod/demo/cluster/");
            assertThat(live.get("tags")).isEqualTo(json("{\"slipway.io/cluster\":\"prod/demo\",\"slipway.io/owner\":\"cluster\","
                    + "\"slipway.io/resource\":\"iam/role/" + folder + "\",\"kubernetes.io/cluster/demo\":\"owned\","
                    + "\"team\":\"platform\",\"Name\":\"prod/demo/iam/role/" + folder + "\"}"));
            assertThat(live.get("boundary").asText()).isEqualTo(IamFixture.BOUNDARY);
            assertThat(live.get("trust")).isEqualTo(json(spec.trustPolicy()));
            assertThat(live.at("/trust/Statement/0/Principal/Service/0").asText()).isEqualTo("ec2.amazonaws.com");
            assertThat(live.get("policies").get(IamPolicies.POLICY_NAME)).isEqualTo(json(fixture.policy(role, IamPolicies.POLICY_NAME)));
            if (role == InstanceGroupRole.Node) {
                assertThat(live.get("policies").get(IamPolicies.ADDITIONAL_POLICY_NAME).get("Statement"))
                        .isEqualTo(json(IamFixture.NODE_EXTRA));
            } else {
                assertThat(live.get("policies").size()).isEqualTo(1);
            }

            JsonNode profile = iam.profile(fixture.names.instanceProfile(role));
            assertThat(profile.get("path").asText()).isEqualTo("/slipway/prod/demo/cluster/");
            assertThat(profile.get("roles")).isEqualTo(json("[\"" + fixture.role(role) + "\"]"));
            assertThat(profile.get("tags").get("slipway.io/resource").asText()).isEqualTo("iam/instanceprofile/" + folder);
            assertThat(profile.get("tags").get("slipway.io/cluster").asText()).isEqualTo(IamFixture.OWNER);
            assertThat(profile.get("tags").get("kubernetes.io/cluster/demo").asText()).isEqualTo("owned");
        }

        IamStatus status = IamStatusMapper.iam(result.resources());
        assertThat(status.roles).extracting(r -> r.role).containsExactly("ControlPlane", "Node", "Bastion");
        for (IamStatus.IamRoleStatus entry : status.roles) {
            assertThat(entry.roleARN).isEqualTo(iam.role(entry.roleName).get("arn").asText());
            assertThat(entry.instanceProfileARN).isEqualTo(iam.profile(entry.instanceProfileName).get("arn").asText());
        }
    }

    @Test
    void aPlanOnlyMakesNoWritesAndShowsEverything() {
        Plan plan = engine.plan(fixture.graph());

        assertThat(AwsCallCounter.mutating(calls)).isZero();
        // per role: the role, its inline policies (node: 2), the profile and the role in it
        assertThat(plan.summary().toCreate()).isEqualTo(13);
        assertThat(Boto3Iam.read(endpoint, fixture.path()).size()).isZero();
    }

    @Test
    void findCostsOneCallPerKindWhateverTheNumberOfRolesAndPolicies() {
        converge(fixture.graph());
        calls.clear();

        Plan plan = engine.plan(fixture.graph());

        assertThat(plan.isConverged()).as("%s", plan).isTrue();
        assertThat(AwsCallCounter.mutating(calls)).isZero();
        // roles and their inline policies share one GetAccountAuthorizationDetails; profiles and the roles in them
        // share one ListInstanceProfiles
        assertThat(AwsCallCounter.count(calls, "iam", "GetAccountAuthorizationDetails")).isEqualTo(1);
        assertThat(AwsCallCounter.count(calls, "iam", "ListInstanceProfiles")).isEqualTo(1);
        assertThat(AwsCallCounter.total(calls)).isEqualTo(2);
    }

    @Test
    void consoleChangesArePutBack() {
        DesiredGraph graph = fixture.graph();
        converge(graph);
        String cp = fixture.role(InstanceGroupRole.ControlPlane);
        String node = fixture.role(InstanceGroupRole.Node);
        String bastion = fixture.role(InstanceGroupRole.Bastion);
        // a statement added to Slipway's policy, an inline policy of its own, a wider trust, no boundary, a lost tag,
        // a profile without its role
        JsonNode widened = json(fixture.policy(InstanceGroupRole.Node, IamPolicies.POLICY_NAME)).deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) widened.get("Statement"))
                .add(json("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"));
        console.putRolePolicy(r -> r.roleName(node).policyName(IamPolicies.POLICY_NAME).policyDocument(widened.toString()));
        console.putRolePolicy(r -> r.roleName(cp).policyName("console-added")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"));
        console.updateAssumeRolePolicy(r -> r.roleName(bastion).policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        console.deleteRolePermissionsBoundary(r -> r.roleName(node));
        console.untagRole(r -> r.roleName(cp).tagKeys("team"));
        console.removeRoleFromInstanceProfile(r -> r.instanceProfileName(fixture.names.instanceProfile(InstanceGroupRole.Bastion))
                .roleName(bastion));
        calls.clear();

        Plan drift = engine.plan(graph);

        assertThat(AwsCallCounter.mutating(calls)).isZero();
        assertThat(pending(drift)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "iam/role/node", Action.UPDATE, "iam/rolepolicy/node", Action.UPDATE,
                "iam/rolepolicy/undesired:" + cp + "/console-added", Action.DELETE, "iam/role/control-plane", Action.UPDATE,
                "iam/role/bastion", Action.UPDATE, "iam/profilerole/bastion", Action.CREATE));
        assertThat(drift.pending().stream().flatMap(c -> c.fields().stream()).map(f -> f.field()).toList())
                .containsExactlyInAnyOrder("document", "permissionsBoundary", "tags.team", "trustPolicy");

        converge(graph);

        Boto3Iam iam = Boto3Iam.read(endpoint, fixture.path());
        assertThat(iam.role(node).get("policies").get(IamPolicies.POLICY_NAME))
                .isEqualTo(json(fixture.policy(InstanceGroupRole.Node, IamPolicies.POLICY_NAME)));
        assertThat(iam.role(node).get("boundary").asText()).isEqualTo(IamFixture.BOUNDARY);
        assertThat(iam.role(cp).get("policies").has("console-added")).isFalse();
        assertThat(iam.role(cp).get("tags").get("team").asText()).isEqualTo("platform");
        assertThat(iam.role(bastion).get("trust")).isEqualTo(json(fixture.roleSpec(InstanceGroupRole.Bastion).trustPolicy()));
        assertThat(iam.profile(fixture.names.instanceProfile(InstanceGroupRole.Bastion)).get("roles"))
                .isEqualTo(json("[\"" + bastion + "\"]"));
    }

    @Test
    void aRoleDeletedInTheConsoleIsRecreatedAndPutBackInItsProfile() {
        converge(fixture.graph());
        String node = fixture.role(InstanceGroupRole.Node);
        String profile = fixture.names.instanceProfile(InstanceGroupRole.Node);
        // what the console does to delete a role
        console.removeRoleFromInstanceProfile(r -> r.instanceProfileName(profile).roleName(node));
        console.listRolePolicies(r -> r.roleName(node)).policyNames()
                .forEach(p -> console.deleteRolePolicy(r -> r.roleName(node).policyName(p)));
        console.deleteRole(r -> r.roleName(node));

        Plan plan = engine.plan(fixture.graph());
        assertThat(pending(plan)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "iam/role/node", Action.CREATE, "iam/rolepolicy/node", Action.CREATE,
                "iam/rolepolicy/node/additional", Action.CREATE, "iam/profilerole/node", Action.CREATE));

        converge(fixture.graph());

        Boto3Iam iam = Boto3Iam.read(endpoint, fixture.path());
        assertThat(iam.roles()).hasSize(3);
        assertThat(iam.role(node).get("policies").size()).isEqualTo(2);
        assertThat(iam.role(node).get("tags").get("slipway.io/resource").asText()).isEqualTo("iam/role/node");
        assertThat(iam.profile(profile).get("roles")).isEqualTo(json("[\"" + node + "\"]"));
    }

    @Test
    void teardownLeavesNothingEvenWithPoliciesAddedInTheConsole() {
        converge(fixture.graph());
        String node = fixture.role(InstanceGroupRole.Node);
        console.attachRolePolicy(r -> r.roleName(node).policyArn(IamFixture.BOUNDARY));
        console.putRolePolicy(r -> r.roleName(node).policyName("console-added")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"));

        TeardownResult result = engine.deleteAllOwned(Owners.wholeCluster(fixture.cluster));

        assertThat(result.isComplete()).as("%s", result).isTrue();
        assertThat(Boto3Iam.read(endpoint, fixture.path()).size()).isZero();
        assertThat(engine.plan(DesiredGraph.empty(Owners.wholeCluster(fixture.cluster))).isConverged()).isTrue();
    }

    @Test
    void aPlanOfTheClusterLeavesAnotherScopesRoleAndWhatIsNotSlipwaysAlone() {
        converge(fixture.graph());
        Owner group = Owners.instanceGroup("prod", "demo", "gpu");
        DesiredGraph groupGraph = DesiredGraph.builder(group).managed("iam/role/gpu", new IamRoleSpec("gpu-prod-demo",
                fixture.path(), fixture.roleSpec(InstanceGroupRole.Node).trustPolicy(), null, Map.of())).build();
        converge(groupGraph);
        console.createRole(r -> r.roleName("made-by-hand").path(fixture.path()).assumeRolePolicyDocument(
                fixture.roleSpec(InstanceGroupRole.Node).trustPolicy()));

        Plan cluster = engine.plan(fixture.graph());
        assertThat(cluster.isConverged()).as("%s", cluster).isTrue();
        assertThat(engine.apply(cluster).isComplete()).isTrue();
        Boto3Iam iam = Boto3Iam.read(endpoint, fixture.path());
        assertThat(iam.role("gpu-prod-demo").get("tags").get("slipway.io/owner").asText()).isEqualTo("instancegroup/gpu");
        assertThat(iam.role("made-by-hand")).isNotNull();

        // the cluster's teardown sweeps every scope, still not what it did not make
        assertThat(engine.deleteAllOwned(Owners.wholeCluster(fixture.cluster)).isComplete()).isTrue();
        assertThat(Boto3Iam.read(endpoint, fixture.path()).roles()).extracting(r -> r.get("name").asText())
                .containsExactly("made-by-hand");
    }

    /** Profiles are owned by their path (their listing has no tags): the path's scope element keeps scopes apart. */
    @Test
    void aProfileOfAnotherScopeOrClusterIsNeverTakenForTheClustersAndOnlyTheClustersTeardownTakesItsScopes() {
        converge(fixture.graph());
        String groupPath = AwsNames.of("prod", "demo").iamClusterPath() + "instancegroup/gpu/";
        String otherClusterPath = AwsNames.of("prod", "demo2").iamPath();
        console.createInstanceProfile(r -> r.instanceProfileName("gpu-profile").path(groupPath));
        console.createInstanceProfile(r -> r.instanceProfileName("demo2-profile").path(otherClusterPath));

        Plan cluster = engine.plan(fixture.graph());
        assertThat(cluster.isConverged()).as("%s", cluster).isTrue();

        assertThat(engine.deleteAllOwned(Owners.wholeCluster(fixture.cluster)).isComplete()).isTrue();
        assertThat(console.listInstanceProfiles().instanceProfiles()).extracting(p -> p.instanceProfileName())
                .containsExactly("demo2-profile");
    }

    @Test
    void theFindPathIsTheModelsIamPath() {
        assertThat(IamPaths.ofOwner(Owners.cluster(fixture.cluster))).isEqualTo(AwsNames.of("prod", "demo").iamPath());
        assertThat(IamPaths.ofCluster(AwsNames.owner("prod", "demo"))).isEqualTo(AwsNames.of("prod", "demo").iamClusterPath());
    }

    @Test
    void aLostCreateResponseAdoptsWhatWasMadeInsteadOfFailing() {
        SimpleMeterRegistry faultyCalls = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(0);
        try (IamTestClients faulty = IamTestClients.withFaults(faultyCalls, faults)) {
            Engine withFaults = faulty.engine();
            DesiredGraph roleOnly = DesiredGraph.builder(fixture.graph().owner())
                    .add(fixture.graph().get("iam/role/node").orElseThrow()).build();
            Plan createRole = withFaults.plan(roleOnly);
            faults.failNext(Fault.LOST_RESPONSE);
            assertThat(withFaults.apply(createRole).isComplete()).isTrue();
            assertThat(faults.injected(Fault.LOST_RESPONSE, "CreateRole")).isEqualTo(1);

            DesiredGraph nodeOnly = fixture.graph(Set.of(InstanceGroupRole.Node));
            DesiredGraph roleAndProfile = DesiredGraph.builder(nodeOnly.owner()).add(nodeOnly.get("iam/role/node").orElseThrow())
                    .add(nodeOnly.get("iam/instanceprofile/node").orElseThrow()).build();
            Plan createProfile = withFaults.plan(roleAndProfile);
            faults.failNext(Fault.LOST_RESPONSE);
            assertThat(withFaults.apply(createProfile).isComplete()).isTrue();
            assertThat(faults.injected(Fault.LOST_RESPONSE, "CreateInstanceProfile")).isEqualTo(1);

            // the profile is still empty: the role in it is a resource of its own
            DesiredGraph withRoleInProfile = DesiredGraph.builder(nodeOnly.owner())
                    .add(nodeOnly.get("iam/role/node").orElseThrow()).add(nodeOnly.get("iam/instanceprofile/node").orElseThrow())
                    .add(nodeOnly.get("iam/profilerole/node").orElseThrow()).build();
            Plan addRole = withFaults.plan(withRoleInProfile);
            faults.failNext(Fault.LOST_RESPONSE);
            assertThat(withFaults.apply(addRole).isComplete()).isTrue();
            assertThat(faults.injected(Fault.LOST_RESPONSE, "AddRoleToInstanceProfile")).isEqualTo(1);
            assertThat(withFaults.plan(withRoleInProfile).isConverged()).isTrue();
        }
        Boto3Iam iam = Boto3Iam.read(endpoint, fixture.path());
        assertThat(iam.roles()).hasSize(1);
        assertThat(iam.profiles()).singleElement().satisfies(p ->
                assertThat(p.get("roles")).isEqualTo(json("[\"" + fixture.role(InstanceGroupRole.Node) + "\"]")));
    }
}
