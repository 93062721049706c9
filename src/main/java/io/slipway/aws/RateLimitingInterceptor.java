package io.slipway.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Holds every attempt (first tries and retries alike, as AWS counts them) until its operation class's
 * token bucket gives a permit. One instance per client, so buckets are per (credentials, region, service,
 * operation class).
 *
 * <p>Meters: {@code slipway.aws.ratelimit.permits{service,class}} counts permits handed out,
 * {@code slipway.aws.ratelimit.waits{service,class}} times the attempts that had to wait.
 */
public final class RateLimitingInterceptor implements ExecutionInterceptor {

    private final RateLimits limits;
    private final TokenBucket.Clock clock;
    private final MeterRegistry registry;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimitingInterceptor(RateLimits limits, TokenBucket.Clock clock, MeterRegistry registry) {
        this.limits = limits;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = AwsOperations.serviceTag(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operationClass = limits.classOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        TokenBucket bucket = buckets.computeIfAbsent(operationClass, c -> new TokenBucket(limits.limitOf(c), clock));
        long waited;
        try {
            waited = bucket.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for an AWS rate-limit permit").cause(e).build();
        }
        Counter.builder("slipway.aws.ratelimit.permits").description("AWS call attempts let through the client-side rate limits")
                .tag("service", service).tag("class", operationClass).register(registry).increment();
        if (waited > 0) {
            Timer.builder("slipway.aws.ratelimit.waits").description("AWS call attempts held back by the client-side rate limits")
                    .tag("service", service).tag("class", operationClass).register(registry).record(Duration.ofNanos(waited));
        }
    }
}
