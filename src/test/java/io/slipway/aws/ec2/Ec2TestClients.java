package io.slipway.aws.ec2;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.aws.RateLimit;
import io.slipway.aws.RateLimits;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import io.slipway.testing.QuickRetry;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.Map;

/**
 * EC2 clients on moto through the production client factory (retry, metrics, interceptors), with rate limits
 * opened up: these tests check what the engine does, not how fast AWS lets it.
 */
final class Ec2TestClients implements AutoCloseable {
    private static final RateLimits UNTHROTTLED = new RateLimits(new RateLimit(10_000, 10_000),
            new RateLimit(10_000, 10_000), Map.of());

    private final AwsClientFactory factory;

    private Ec2TestClients(AwsSessionConfig config) {
        this.factory = new AwsClientFactory(config);
    }

    static Ec2TestClients of(MeterRegistry registry) {
        return new Ec2TestClients(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED).build());
    }

    /** With faults injected, and the SDK's retry with millisecond backoff (same retry conditions as production). */
    static Ec2TestClients withFaults(MeterRegistry registry, FaultInjector faults) {
        return new Ec2TestClients(faults.install(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED)
                .retryStrategy(() -> QuickRetry.standard(3))).build());
    }

    Ec2Client ec2() {
        return factory.session(AwsCredentialSource.operatorDefault()).ec2();
    }

    @Override
    public void close() {
        factory.close();
    }
}
