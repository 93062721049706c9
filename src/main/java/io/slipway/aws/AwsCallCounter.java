package io.slipway.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Predicate;

/** Reads the AWS call counters of {@link AwsCallMetrics} from a registry (tests, benchmarks, status). */
public final class AwsCallCounter {

    private AwsCallCounter() {
    }

    /** All API calls, any outcome. */
    public static long total(MeterRegistry registry) {
        return calls(registry, c -> true);
    }

    /** API calls of operations that are not reads (see {@link AwsOperations#isMutating}). */
    public static long mutating(MeterRegistry registry) {
        return calls(registry, c -> AwsOperations.isMutating(c.getId().getTag("operation")));
    }

    /** API calls of {@code operation}, any outcome. {@code service} as tagged: ec2, sts, autoscaling... */
    public static long count(MeterRegistry registry, String service, String operation) {
        return sum(registry.find(AwsCallMetrics.CALLS).tag("service", service).tag("operation", operation).counters());
    }

    public static long count(MeterRegistry registry, String service, String operation, String outcome) {
        return sum(registry.find(AwsCallMetrics.CALLS).tag("service", service).tag("operation", operation)
                .tag("outcome", outcome).counters());
    }

    /** API calls with this outcome, all operations. */
    public static long outcome(MeterRegistry registry, String outcome) {
        return sum(registry.find(AwsCallMetrics.CALLS).tag("outcome", outcome).counters());
    }

    public static long throttles(MeterRegistry registry) {
        return sum(registry.find(AwsCallMetrics.THROTTLES).counters());
    }

    public static long retries(MeterRegistry registry) {
        return sum(registry.find(AwsCallMetrics.RETRIES).counters());
    }

    private static long calls(MeterRegistry registry, Predicate<Counter> which) {
        return sum(registry.find(AwsCallMetrics.CALLS).counters().stream().filter(which).toList());
    }

    private static long sum(Iterable<Counter> counters) {
        double total = 0;
        for (Counter c : counters) {
            total += c.count();
        }
        return Math.round(total);
    }
}
