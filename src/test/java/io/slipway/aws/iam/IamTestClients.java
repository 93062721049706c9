package io.slipway.aws.iam;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.aws.RateLimit;
import io.slipway.aws.RateLimits;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Kinds;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import io.slipway.testing.QuickRetry;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.Map;

/**
 * IAM clients on moto through the production client factory (retry, metrics, interceptors), rate limits opened
 * up, and an engine over the IAM kinds.
 */
final class IamTestClients implements AutoCloseable {
    private static final RateLimits UNTHROTTLED = new RateLimits(new RateLimit(10_000, 10_000),
            new RateLimit(10_000, 10_000), Map.of());

    private final AwsClientFactory factory;

    private IamTestClients(AwsSessionConfig config) {
        this.factory = new AwsClientFactory(config);
    }

    static IamTestClients of(MeterRegistry registry) {
        return new IamTestClients(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED).build());
    }

    /** With faults injected, and the SDK's retry with millisecond backoff (same retry conditions as production). */
    static IamTestClients withFaults(MeterRegistry registry, FaultInjector faults) {
        return new IamTestClients(faults.install(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED)
                .retryStrategy(() -> QuickRetry.standard(3))).build());
    }

    IamClient iam() {
        return factory.session(AwsCredentialSource.operatorDefault()).iam();
    }

    Engine engine() {
        return new Engine(Kinds.of(IamKinds.list(iam())), AwsKinds.classifier(), 2);
    }

    @Override
    public void close() {
        factory.close();
    }
}
