package io.slipway.aws;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** Plain settings of an {@link AwsClientFactory}; build with {@link #builder(MeterRegistry)}. */
public final class AwsSessionConfig {

    private final Region defaultRegion;
    private final Optional<URI> endpointOverride;
    private final AwsCredentialsProvider operatorCredentials;
    private final RateLimits rateLimits;
    private final TokenBucket.Clock rateLimitClock;
    private final Supplier<RetryStrategy> retryStrategy;
    private final Duration assumeRoleDuration;
    private final List<ExecutionInterceptor> interceptors;
    private final UnaryOperator<SdkHttpClient> httpClientDecorator;
    private final MeterRegistry meterRegistry;

    private AwsSessionConfig(Builder b) {
        this.defaultRegion = b.defaultRegion;
        this.endpointOverride = Optional.ofNullable(b.endpointOverride);
        this.operatorCredentials = b.operatorCredentials != null ? b.operatorCredentials : DefaultCredentialsProvider.builder().build();
        this.rateLimits = b.rateLimits;
        this.rateLimitClock = b.rateLimitClock;
        int maxAttempts = b.maxAttempts;
        this.retryStrategy = b.retryStrategy != null ? b.retryStrategy : () -> adaptiveRetry(maxAttempts);
        this.assumeRoleDuration = b.assumeRoleDuration;
        this.interceptors = List.copyOf(b.interceptors);
        this.httpClientDecorator = b.httpClientDecorator;
        this.meterRegistry = b.meterRegistry;
    }

    /** The SDK's adaptive retry (retry quota plus a client-side rate that backs off on throttling). */
    public static RetryStrategy adaptiveRetry(int maxAttempts) {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
    }

    public static Builder builder(MeterRegistry meterRegistry) {
        return new Builder(meterRegistry);
    }

    public Region defaultRegion() {
        return defaultRegion;
    }

    public Optional<URI> endpointOverride() {
        return endpointOverride;
    }

    public AwsCredentialsProvider operatorCredentials() {
        return operatorCredentials;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public TokenBucket.Clock rateLimitClock() {
        return rateLimitClock;
    }

    /** A new strategy for each client: retry strategies keep per-client state (quota, measured rate). */
    public RetryStrategy newRetryStrategy() {
        return retryStrategy.get();
    }

    public Duration assumeRoleDuration() {
        return assumeRoleDuration;
    }

    public List<ExecutionInterceptor> interceptors() {
        return interceptors;
    }

    public UnaryOperator<SdkHttpClient> httpClientDecorator() {
        return httpClientDecorator;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    public static final class Builder {
        private Region defaultRegion = Region.US_EAST_1;
        private URI endpointOverride;
        private AwsCredentialsProvider operatorCredentials;
        private RateLimits rateLimits = RateLimits.capaDefaults();
        private TokenBucket.Clock rateLimitClock = TokenBucket.Clock.SYSTEM;
        private int maxAttempts = 3;
        private Supplier<RetryStrategy> retryStrategy;
        private Duration assumeRoleDuration = Duration.ofHours(1);
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private UnaryOperator<SdkHttpClient> httpClientDecorator = UnaryOperator.identity();
        private final MeterRegistry meterRegistry;

        private Builder(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        }

        public Builder defaultRegion(String region) {
            this.defaultRegion = Region.of(region);
            return this;
        }

        /** Where every client sends its calls instead of AWS (moto in tests and the local environment). */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint;
            return this;
        }

        /** The operator's own credentials; default: the SDK's default chain. The factory closes it. */
        public Builder operatorCredentials(AwsCredentialsProvider provider) {
            this.operatorCredentials = provider;
            return this;
        }

        public Builder rateLimits(RateLimits limits) {
            this.rateLimits = Objects.requireNonNull(limits);
            return this;
        }

        /** For tests: a virtual clock makes rate-limit waits instant and countable. */
        public Builder rateLimitClock(TokenBucket.Clock clock) {
            this.rateLimitClock = Objects.requireNonNull(clock);
            return this;
        }

        /** Attempts per call of the default adaptive retry (SDK default 3); 1 turns retries off. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Replaces the adaptive retry altogether (tests: short backoff). Called once per client. */
        public Builder retryStrategy(Supplier<RetryStrategy> strategy) {
            this.retryStrategy = strategy;
            return this;
        }

        public Builder assumeRoleDuration(Duration duration) {
            this.assumeRoleDuration = Objects.requireNonNull(duration);
            return this;
        }

        /** Extra interceptors on every client, after Slipway's own. */
        public Builder addInterceptor(ExecutionInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor));
            return this;
        }

        /** Wraps the one shared HTTP client (tests: fault injection). */
        public Builder httpClientDecorator(UnaryOperator<SdkHttpClient> decorator) {
            this.httpClientDecorator = Objects.requireNonNull(decorator);
            return this;
        }

        public AwsSessionConfig build() {
            return new AwsSessionConfig(this);
        }
    }
}
