package io.slipway.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Turns the SDK's per-call metrics into Slipway's counters. The SDK publishes one collection per API call
 * (synchronously, before the call returns), with one child per attempt that carries the attempt's error type.
 *
 * <ul>
 *   <li>{@code slipway.aws.api.calls{service,operation,outcome}}: one count per API call, after its retries;
 *       outcome is success, or the class of the last attempt's error: throttled, server_error, io_error,
 *       client_error (4xx, and failures before any attempt was sent, e.g. credentials).</li>
 *   <li>{@code slipway.aws.api.throttles{service,operation}}: every attempt that was throttled.</li>
 *   <li>{@code slipway.aws.api.retries{service,operation}}: every attempt after the first.</li>
 * </ul>
 * Prometheus shows them as {@code slipway_aws_api_calls_total} etc.
 */
public final class AwsCallMetrics implements MetricPublisher {

    public static final String CALLS = "slipway.aws.api.calls";
    public static final String THROTTLES = "slipway.aws.api.throttles";
    public static final String RETRIES = "slipway.aws.api.retries";

    public static final String SUCCESS = "success";
    public static final String THROTTLED = "throttled";
    public static final String CLIENT_ERROR = "client_error";
    public static final String SERVER_ERROR = "server_error";
    public static final String IO_ERROR = "io_error";

    private static final String ATTEMPT = "ApiCallAttempt";

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void publish(MetricCollection call) {
        String service = AwsOperations.serviceTag(first(call.metricValues(CoreMetric.SERVICE_ID), "unknown"));
        String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
        List<MetricCollection> attempts = call.children().stream().filter(c -> ATTEMPT.equals(c.name())).toList();

        long throttles = attempts.stream().filter(a -> "Throttling".equals(errorType(a))).count();
        long retries = Math.max(0, attempts.size() - 1);
        boolean success = Boolean.TRUE.equals(first(call.metricValues(CoreMetric.API_CALL_SUCCESSFUL), false));
        String outcome = success ? SUCCESS : failureOutcome(attempts.isEmpty() ? null : attempts.get(attempts.size() - 1));

        Counter.builder(CALLS).description("AWS API calls by final outcome (retries counted apart)")
                .tag("service", service).tag("operation", operation).tag("outcome", outcome)
                .register(registry).increment();
        // Registered even at zero so that dashboards and tests see the series once an operation was called.
        Counter.builder(THROTTLES).description("AWS API call attempts answered with a throttling error")
                .tag("service", service).tag("operation", operation).register(registry).increment(throttles);
        Counter.builder(RETRIES).description("AWS API call attempts after the first (SDK retries)")
                .tag("service", service).tag("operation", operation).register(registry).increment(retries);
    }

    private static String errorType(MetricCollection attempt) {
        return first(attempt.metricValues(CoreMetric.ERROR_TYPE), null);
    }

    /** The SDK's error type says "ServerError" for any error answer of the service; the status tells 4xx from 5xx. */
    private static String failureOutcome(MetricCollection lastAttempt) {
        if (lastAttempt == null) {
            return CLIENT_ERROR;
        }
        return switch (String.valueOf(errorType(lastAttempt))) {
            case "Throttling" -> THROTTLED;
            case "IO", "ConfiguredTimeout" -> IO_ERROR;
            case "ServerError" -> first(lastAttempt.metricValues(HttpMetric.HTTP_STATUS_CODE), 0) >= 500 ? SERVER_ERROR : CLIENT_ERROR;
            default -> CLIENT_ERROR;
        };
    }

    private static <T> T first(List<T> values, T otherwise) {
        return values.isEmpty() ? otherwise : values.get(0);
    }

    @Override
    public void close() {
    }
}
