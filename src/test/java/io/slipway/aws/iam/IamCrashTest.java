package io.slipway.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsCallCounter;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static io.slipway.aws.iam.IamFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash at every step: for k = 1..N (N = mutating calls a clean create of the three roles and profiles needs), the
 * process "dies" after k mutating calls; a fresh engine on a fresh client then converges with exactly one role and
 * one profile per instance-group role, each profile holding its role and each role its policies, seen by boto3.
 */
class IamCrashTest {

    @Test
    void aFreshEngineConvergesAfterACrashAtEveryStep() {
        MotoServer moto = MotoServer.get();
        URI endpoint = moto.endpoint();
        IamFixture fixture = new IamFixture();
        DesiredGraph graph = fixture.graph();

        moto.reset();
        SimpleMeterRegistry cleanRun = new SimpleMeterRegistry();
        try (IamTestClients clients = IamTestClients.of(cleanRun)) {
            Engine engine = clients.engine();
            assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        }
        int n = (int) AwsCallCounter.mutating(cleanRun);
        // one call per resource: CreateRole x3, PutRolePolicy x4, CreateInstanceProfile x3, AddRoleToInstanceProfile x3
        assertThat(n).isEqualTo(13);

        List<String> matrix = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            moto.reset();
            try (IamTestClients console = IamTestClients.of(new SimpleMeterRegistry())) {
                console.iam().createPolicy(r -> r.policyName("slipway-boundary").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
            }
            FaultInjector crash = new FaultInjector(k).crashAfterMutatingCalls(k);
            try (IamTestClients clients = IamTestClients.withFaults(new SimpleMeterRegistry(), crash)) {
                Engine dying = clients.engine();
                dying.apply(dying.plan(graph));
            }
            assertThat(crash.crashed()).as("k=%d crashed", k).isEqualTo(k < n);

            SimpleMeterRegistry resumeCalls = new SimpleMeterRegistry();
            try (IamTestClients clients = IamTestClients.of(resumeCalls)) {
                Engine fresh = clients.engine();
                Plan resume = fresh.plan(graph);
                ApplyResult result = fresh.apply(resume);
                assertThat(result.isComplete()).as("k=%d: %s", k, result).isTrue();
                assertThat(fresh.plan(graph).isConverged()).as("k=%d converged", k).isTrue();

                Boto3Iam iam = Boto3Iam.read(endpoint, fixture.path());
                assertThat(iam.roles()).as("k=%d roles", k).hasSize(3);
                assertThat(iam.profiles()).as("k=%d profiles", k).hasSize(3);
                for (InstanceGroupRole role : InstanceGroupRole.values()) {
                    JsonNode profile = iam.profile(fixture.names.instanceProfile(role));
                    assertThat(profile.get("roles")).as("k=%d %s profile", k, role).isEqualTo(json("[\"" + fixture.role(role) + "\"]"));
                    assertThat(iam.role(fixture.role(role)).get("policies").size()).as("k=%d %s policies", k, role)
                            .isEqualTo((int) fixture.policyCount(role));
                }
                matrix.add(String.format("k=%2d  crashed=%-5s  resumed with %2d changes (%2d mutating calls)  converged=yes  duplicates=0",
                        k, crash.crashed(), resume.pending().size(), AwsCallCounter.mutating(resumeCalls)));
            }
        }
        System.out.println("Crash matrix, IAM roles and instance profiles, N=" + n + " mutating calls:");
        matrix.forEach(System.out::println);
    }
}
