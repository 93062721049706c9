package io.slipway.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slipway.aws.*}: the operator's AWS settings.
 * <pre>
 * slipway.aws.region=us-east-1                    # for clusters that name none, and for the operator's own calls
 * slipway.aws.endpoint-override=http://127.0.0.1:5000   # moto / local environment only
 * slipway.aws.max-attempts=3
 * slipway.aws.rate-limits.read.rate=20            # per second, per service, credentials and region
 * slipway.aws.rate-limits.read.burst=100
 * slipway.aws.rate-limits.mutate.rate=5
 * slipway.aws.rate-limits.mutate.burst=10
 * slipway.aws.rate-limits.operations.RunInstances.rate=2
 * slipway.aws.rate-limits.operations.RunInstances.burst=5
 * </pre>
 */
@ConfigMapping(prefix = "slipway.aws")
public interface AwsConfig {

    @WithDefault("us-east-1")
    String region();

    Optional<URI> endpointOverride();

    @WithDefault("3")
    int maxAttempts();

    RateLimitsConfig rateLimits();

    interface RateLimitsConfig {
        Read read();

        Mutate mutate();

        /** Operations with a bucket of their own, by SDK operation name; RunInstances 2/s burst 5 unless set. */
        Map<String, Limit> operations();

        interface Read {
            @WithDefault("20")
            double rate();

            @WithDefault("100")
            int burst();
        }

        interface Mutate {
            @WithDefault("5")
            double rate();

            @WithDefault("10")
            int burst();
        }

        interface Limit {
            double rate();

            int burst();
        }
    }

    /** The plain rate limits these settings describe: CAPA's defaults, overridden where set. */
    default RateLimits toRateLimits() {
        RateLimits limits = new RateLimits(
                new RateLimit(rateLimits().read().rate(), rateLimits().read().burst()),
                new RateLimit(rateLimits().mutate().rate(), rateLimits().mutate().burst()),
                RateLimits.capaDefaults().operations());
        for (Map.Entry<String, RateLimitsConfig.Limit> e : rateLimits().operations().entrySet()) {
            limits = limits.withOperation(e.getKey(), new RateLimit(e.getValue().rate(), e.getValue().burst()));
        }
        return limits;
    }
}
