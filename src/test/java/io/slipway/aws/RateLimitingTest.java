package io.slipway.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoImages;
import io.slipway.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;

@ExtendWith(MotoExtension.class)
class RateLimitingTest {

    private static long waits(MeterRegistry registry, String service, String operationClass) {
        Timer timer = registry.find("slipway.aws.ratelimit.waits").tag("service", service).tag("class", operationClass).timer();
        return timer == null ? 0 : timer.count();
    }

    private static double permits(MeterRegistry registry, String service, String operationClass) {
        return registry.find("slipway.aws.ratelimit.permits").tag("service", service).tag("class", operationClass).counter().count();
    }

    @Test
    void mutationsWaitForTokensWhileReadsFlow(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        VirtualClock clock = new VirtualClock();
        RateLimits limits = new RateLimits(new RateLimit(20, 100), new RateLimit(1, 2), Map.of());
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(registry).rateLimits(limits).rateLimitClock(clock).build())) {
            Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();

            for (int i = 0; i < 5; i++) {
                ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"));
                ec2.describeVpcs();
            }

            assertThat(permits(registry, "ec2", RateLimits.MUTATE)).isEqualTo(5);
            assertThat(permits(registry, "ec2", RateLimits.READ)).isEqualTo(5);
            assertThat(waits(registry, "ec2", RateLimits.MUTATE)).isEqualTo(3);
            assertThat(waits(registry, "ec2", RateLimits.READ)).isZero();
            assertThat(clock.sleeps).hasSize(3).allSatisfy(nanos -> assertThat(nanos).isEqualTo(1_000_000_000L));
            assertThat(AwsCallCounter.count(registry, "ec2", "CreateVpc", AwsCallMetrics.SUCCESS)).isEqualTo(5);
        }
    }

    @Test
    void runInstancesHasABucketOfItsOwnPerSessionAndService(MotoServer moto) {
        MeterRegistry registry = new SimpleMeterRegistry();
        VirtualClock clock = new VirtualClock();
        try (AwsClientFactory factory = new AwsClientFactory(moto.awsConfig(registry).rateLimitClock(clock).build())) {
            Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
            String ami = MotoImages.any(ec2);

            for (int i = 0; i < 7; i++) {
                ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1));
            }
            // CAPA default: burst 5, then 2/s. Other mutations and other credentials are not held back by it.
            assertThat(waits(registry, "ec2", "RunInstances")).isEqualTo(2);
            assertThat(clock.sleeps).containsExactly(500_000_000L, 500_000_000L);
            ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"));
            factory.session(AwsCredentialSource.staticKeys("AKIDOTHER", "s", null)).ec2()
                    .runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1));
            assertThat(waits(registry, "ec2", "RunInstances")).isEqualTo(2);
            assertThat(waits(registry, "ec2", RateLimits.MUTATE)).isZero();
        }
    }
}
