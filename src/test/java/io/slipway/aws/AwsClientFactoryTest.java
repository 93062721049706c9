package io.slipway.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

@ExtendWith(MotoExtension.class)
class AwsClientFactoryTest {

    /** Records what the SDK sends: requests and signed HTTP requests. */
    static final class Recorder implements ExecutionInterceptor {
        final List<Object> requests = new CopyOnWriteArrayList<>();
        final List<SdkHttpRequest> httpRequests = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request());
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            httpRequests.add(context.httpRequest());
        }
    }

    @Test
    void givesWorkingEc2AndStsClientsForMoto(AwsClientFactory factory) {
        AwsSession aws = factory.session(AwsCredentialSource.operatorDefault());

        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();

        assertThat(aws.ec2().describeVpcs(r -> r.vpcIds(vpc)).vpcs()).singleElement()
                .satisfies(v -> assertThat(v.cidrBlock()).isEqualTo("10.1.0.0/16"));
        assertThat(aws.sts().getCallerIdentity().account()).isEqualTo(MotoServer.ACCOUNT);
        assertThat(aws.region().id()).isEqualTo("us-east-1");
        assertThat(aws.ec2().serviceClientConfiguration().overrideConfiguration().retryStrategy())
                .get().isInstanceOf(AdaptiveRetryStrategy.class)
                .satisfies(r -> assertThat(r.maxAttempts()).isEqualTo(3));
    }

    @Test
    void countsCallsByServiceOperationAndOutcome(AwsClientFactory factory, MeterRegistry registry) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16"));
        ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16"));
        ec2.describeVpcs();
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-doesnotexist")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        factory.session(AwsCredentialSource.operatorDefault()).sts().getCallerIdentity();

        assertThat(AwsCallCounter.count(registry, "ec2", "CreateVpc")).isEqualTo(2);
        assertThat(AwsCallCounter.count(registry, "ec2", "CreateVpc", AwsCallMetrics.SUCCESS)).isEqualTo(2);
        assertThat(AwsCallCounter.count(registry, "ec2", "DescribeVpcs", AwsCallMetrics.SUCCESS)).isEqualTo(1);
        assertThat(AwsCallCounter.count(registry, "ec2", "DescribeVpcs", AwsCallMetrics.CLIENT_ERROR)).isEqualTo(1);
        assertThat(AwsCallCounter.count(registry, "sts", "GetCallerIdentity")).isEqualTo(1);
        assertThat(AwsCallCounter.total(registry)).isEqualTo(5);
        assertThat(AwsCallCounter.mutating(registry)).isEqualTo(2);
        assertThat(AwsCallCounter.retries(registry)).isZero();
        assertThat(AwsCallCounter.throttles(registry)).isZero();
    }

    @Test
    void assumesRoleWithExternalIdAndClusterSessionName(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        Recorder recorder = new Recorder();
        String role = "arn:aws:iam::111111111111:role/slipway-deployer";
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(registry).addInterceptor(recorder).build())) {
            AwsCredentialSource source = AwsCredentialSource.assumeRole(role, "ext-4711",
                    io.slipway.model.AwsNames.of("team-a", "prod").roleSessionName());

            GetCallerIdentityResponse me = factory.session(source).sts().getCallerIdentity();

            assertThat(me.account()).isEqualTo("111111111111");
            assertThat(me.arn()).endsWith(":assumed-role/slipway-deployer/slipway.team-a.prod");
            assertThat(recorder.requests).filteredOn(AssumeRoleRequest.class::isInstance)
                    .singleElement()
                    .satisfies(r -> {
                        AssumeRoleRequest assume = (AssumeRoleRequest) r;
                        assertThat(assume.roleArn()).isEqualTo(role);
                        assertThat(assume.externalId()).isEqualTo("ext-4711");
                        assertThat(assume.roleSessionName()).isEqualTo("slipway.team-a.prod");
                    });
            // The assumed credentials are cached: a second call does not assume again.
            factory.session(source).ec2().describeVpcs();
            assertThat(AwsCallCounter.count(registry, "sts", "AssumeRole")).isEqualTo(1);
        }
    }

    @Test
    void usesStaticKeysWithAndWithoutSessionToken(MotoServer moto) {
        Recorder recorder = new Recorder();
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).addInterceptor(recorder).build())) {
            factory.session(AwsCredentialSource.staticKeys("AKIDSLIPWAYSTATIC1", "secret-1", null)).ec2().describeVpcs();
            factory.session(AwsCredentialSource.staticKeys("AKIDSLIPWAYSTATIC2", "secret-2", "token-2")).ec2().describeVpcs();

            assertThat(recorder.httpRequests).hasSize(2);
            SdkHttpRequest first = recorder.httpRequests.get(0);
            SdkHttpRequest second = recorder.httpRequests.get(1);
            assertThat(first.firstMatchingHeader("Authorization")).get().asString().contains("Credential=AKIDSLIPWAYSTATIC1/");
            assertThat(first.firstMatchingHeader("X-Amz-Security-Token")).isEmpty();
            assertThat(second.firstMatchingHeader("Authorization")).get().asString().contains("Credential=AKIDSLIPWAYSTATIC2/");
            assertThat(second.firstMatchingHeader("X-Amz-Security-Token")).contains("token-2");
        }
    }

    @Test
    void cachesClientsPerCredentialsAndRegionAndClosesThem(MotoServer moto) {
        AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).build());
        AwsCredentialSource keys = AwsCredentialSource.staticKeys("AKIDCACHE", "s", null);

        AwsSession session = factory.session(keys, "us-east-1");
        Ec2Client ec2 = session.ec2();

        assertThat(factory.session(AwsCredentialSource.staticKeys("AKIDCACHE", "s", null), "us-east-1")).isSameAs(session);
        assertThat(factory.session(keys)).isSameAs(session);
        assertThat(session.ec2()).isSameAs(ec2);
        assertThat(factory.session(keys, "eu-west-1")).isNotSameAs(session);
        assertThat(factory.session(keys, "eu-west-1").region().id()).isEqualTo("eu-west-1");
        assertThat(factory.session(AwsCredentialSource.staticKeys("AKIDCACHE", "other", null), "us-east-1")).isNotSameAs(session);
        assertThat(factory.session(AwsCredentialSource.operatorDefault(), "us-east-1")).isNotSameAs(session);
        ec2.describeVpcs();

        // Closing an SDK client that shares the HTTP client releases its own resources only; the closed
        // session refuses to hand it out again, and closing the factory shuts the shared pool.
        factory.invalidate(keys);
        assertThat(factory.session(keys)).isNotSameAs(session);
        assertThatThrownBy(session::ec2).isInstanceOf(IllegalStateException.class);

        Ec2Client fresh = factory.session(keys).ec2();
        fresh.describeVpcs();
        factory.close();
        assertThatThrownBy(fresh::describeVpcs).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> factory.session(keys)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void iamEnforcementRefusesUnknownKeysUntilSwitchedOff(MotoServer moto, AwsClientFactory factory, MeterRegistry registry) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        moto.enforceIam(true);
        try {
            assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.statusCode()).isBetween(400, 499));
        } finally {
            moto.enforceIam(false);
        }
        ec2.describeVpcs();
        assertThat(AwsCallCounter.count(registry, "ec2", "DescribeVpcs", AwsCallMetrics.CLIENT_ERROR)).isEqualTo(1);
        assertThat(AwsCallCounter.count(registry, "ec2", "DescribeVpcs", AwsCallMetrics.SUCCESS)).isEqualTo(1);
    }
}
