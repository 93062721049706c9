package io.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.aws.AwsCallMetrics;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.testing.FaultInjector.Fault;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sts.model.StsException;

@ExtendWith(MotoExtension.class)
class FaultInjectorTest {

    private static AwsClientFactory factory(MotoServer moto, MeterRegistry registry, FaultInjector faults, int maxAttempts) {
        AwsSessionConfig.Builder config = moto.awsConfig(registry).retryStrategy(() -> QuickRetry.standard(maxAttempts));
        return new AwsClientFactory(faults.install(config).build());
    }

    private static long vpcsInMoto(AwsClientFactory clean) {
        return clean.session(AwsCredentialSource.operatorDefault()).ec2().describeVpcs().vpcs().stream().filter(v -> !v.isDefault()).count();
    }

    @Test
    void retriesThroughTwoThrottlesAndCountsThem(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(1).failNext(Fault.THROTTLING, Fault.THROTTLING);
        try (AwsClientFactory factory = factory(moto, registry, faults, 3)) {
            factory.session(AwsCredentialSource.operatorDefault()).ec2().describeVpcs();

            assertThat(faults.injected(Fault.THROTTLING)).isEqualTo(2);
            assertThat(AwsCallCounter.count(registry, "ec2", "DescribeVpcs", AwsCallMetrics.SUCCESS)).isEqualTo(1);
            assertThat(AwsCallCounter.total(registry)).isEqualTo(1);
            assertThat(AwsCallCounter.throttles(registry)).isEqualTo(2);
            assertThat(AwsCallCounter.retries(registry)).isEqualTo(2);
        }
    }

    @Test
    void surfacesThrottlingAndServerErrorsOnceRetriesAreSpent(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(1).failNext(
                Fault.THROTTLING, Fault.THROTTLING, Fault.THROTTLING,
                Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR,
                Fault.THROTTLING, Fault.THROTTLING, Fault.THROTTLING);
        try (AwsClientFactory factory = factory(moto, registry, faults, 3)) {
            Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();

            assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            });
            assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isGreaterThanOrEqualTo(500));
            assertThatThrownBy(() -> factory.session(AwsCredentialSource.operatorDefault()).sts().getCallerIdentity())
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.statusCode()).isEqualTo(400);
                    });

            assertThat(AwsCallCounter.count(registry, "ec2", "DescribeVpcs", AwsCallMetrics.THROTTLED)).isEqualTo(1);
            assertThat(AwsCallCounter.count(registry, "ec2", "CreateVpc", AwsCallMetrics.SERVER_ERROR)).isEqualTo(1);
            assertThat(AwsCallCounter.count(registry, "sts", "GetCallerIdentity", AwsCallMetrics.THROTTLED)).isEqualTo(1);
            assertThat(AwsCallCounter.throttles(registry)).isEqualTo(6);
            assertThat(AwsCallCounter.retries(registry)).isEqualTo(6);
            assertThat(vpcsInMoto(factory)).isZero();
        }
    }

    @Test
    void aLostResponseHidesACallThatTookEffect(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(1).failNext(Fault.LOST_RESPONSE);
        try (AwsClientFactory factory = factory(moto, registry, faults, 1);
             AwsClientFactory clean = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).build())) {
            Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();

            assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16")))
                    .isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(IOException.class);

            assertThat(AwsCallCounter.count(registry, "ec2", "CreateVpc", AwsCallMetrics.IO_ERROR)).isEqualTo(1);
            assertThat(clean.session(AwsCredentialSource.operatorDefault()).ec2().describeVpcs(r -> r.filters(f -> f.name("cidr").values("10.7.0.0/16"))).vpcs())
                    .hasSize(1);
        }
    }

    @Test
    void tenPercentFaultsAreRiddenOutByRetries(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(2026).rate(0.10);
        int creates = 20;
        int describes = 60;
        try (AwsClientFactory factory = factory(moto, registry, faults, 5);
             AwsClientFactory clean = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).build())) {
            Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
            for (int i = 0; i < creates; i++) {
                ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"));
                for (int j = 0; j < describes / creates; j++) {
                    ec2.describeVpcs();
                }
            }

            System.out.printf("faults at 10%%: %d injected (%d throttling, %d 5xx, %d lost, %d lost CreateVpc) over %d calls%n",
                    faults.injectedTotal(), faults.injected(Fault.THROTTLING), faults.injected(Fault.SERVER_ERROR),
                    faults.injected(Fault.LOST_RESPONSE), faults.injected(Fault.LOST_RESPONSE, "CreateVpc"), creates + describes);
            assertThat(faults.injectedTotal()).as("faults injected").isGreaterThan(0);
            assertThat(faults.injected(Fault.THROTTLING)).isGreaterThan(0);
            assertThat(faults.injected(Fault.SERVER_ERROR)).isGreaterThan(0);
            assertThat(faults.injected(Fault.LOST_RESPONSE, "CreateVpc")).isGreaterThan(0);
            assertThat(AwsCallCounter.outcome(registry, AwsCallMetrics.SUCCESS)).isEqualTo(creates + describes);
            assertThat(AwsCallCounter.total(registry)).isEqualTo(creates + describes);
            assertThat(AwsCallCounter.throttles(registry)).isEqualTo(faults.injected(Fault.THROTTLING));
            assertThat(AwsCallCounter.retries(registry)).isEqualTo(faults.injectedTotal());
            // The SDK retries a CreateVpc whose response was lost: moto then holds one VPC more per lost create.
            assertThat(vpcsInMoto(clean)).isEqualTo(creates + faults.injected(Fault.LOST_RESPONSE, "CreateVpc"));
        }
    }

    @Test
    void crashesBeforeTheMutatingCallAfterK(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        FaultInjector faults = new FaultInjector(1).crashAfterMutatingCalls(2);
        try (AwsClientFactory factory = factory(moto, registry, faults, 3);
             AwsClientFactory clean = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry()).build())) {
            Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
            ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"));
            ec2.describeVpcs();
            ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16"));

            assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16"))).isInstanceOf(SimulatedCrash.class);
            assertThatThrownBy(ec2::describeVpcs).isInstanceOf(SimulatedCrash.class);
            assertThat(faults.crashed()).isTrue();
            assertThat(faults.mutatingCalls()).isEqualTo(2);
            assertThat(vpcsInMoto(clean)).isEqualTo(2);
        }
    }
}
