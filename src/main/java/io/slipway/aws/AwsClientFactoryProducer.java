package io.slipway.aws;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's one {@link AwsClientFactory}, counting in the app's registry, closed on shutdown. */
@Singleton
public class AwsClientFactoryProducer {

    @Produces
    @ApplicationScoped
    AwsClientFactory awsClientFactory(AwsConfig config, MeterRegistry registry) {
        return new AwsClientFactory(sessionConfig(config, registry));
    }

    void close(@Disposes AwsClientFactory factory) {
        factory.close();
    }

    static AwsSessionConfig sessionConfig(AwsConfig config, MeterRegistry registry) {
        AwsSessionConfig.Builder builder = AwsSessionConfig.builder(registry)
                .defaultRegion(config.region())
                .maxAttempts(config.maxAttempts())
                .rateLimits(config.toRateLimits());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
