package io.slipway.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsConfigTest {

    private static AwsConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AwsConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(AwsConfig.class);
    }

    @Test
    void defaultsAreUsEast1AndCapaLimits() {
        AwsConfig config = load(Map.of());

        AwsSessionConfig session = AwsClientFactoryProducer.sessionConfig(config, new SimpleMeterRegistry());

        assertThat(session.defaultRegion().id()).isEqualTo("us-east-1");
        assertThat(session.endpointOverride()).isEmpty();
        assertThat(session.rateLimits()).isEqualTo(RateLimits.capaDefaults());
    }

    @Test
    void overridesRegionEndpointAndLimits() {
        AwsConfig config = load(Map.of(
                "slipway.aws.region", "eu-west-1",
                "slipway.aws.endpoint-override", "http://127.0.0.1:5000",
                "slipway.aws.rate-limits.read.rate", "50",
                "slipway.aws.rate-limits.mutate.burst", "20",
                "slipway.aws.rate-limits.operations.RunInstances.rate", "1",
                "slipway.aws.rate-limits.operations.RunInstances.burst", "2",
                "slipway.aws.rate-limits.operations.CreateNatGateway.rate", "0.5",
                "slipway.aws.rate-limits.operations.CreateNatGateway.burst", "1"));

        AwsSessionConfig session = AwsClientFactoryProducer.sessionConfig(config, new SimpleMeterRegistry());

        assertThat(session.defaultRegion().id()).isEqualTo("eu-west-1");
        assertThat(session.endpointOverride()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(session.rateLimits().read()).isEqualTo(new RateLimit(50, 100));
        assertThat(session.rateLimits().mutate()).isEqualTo(new RateLimit(5, 20));
        assertThat(session.rateLimits().operations()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "RunInstances", new RateLimit(1, 2),
                "CreateNatGateway", new RateLimit(0.5, 1)));
    }
}
