package io.slipway.aws;

import java.util.HashMap;
import java.util.Map;

/**
 * Client-side rate limits per operation class: reads, mutations, and single operations with a limit of their
 * own (e.g. RunInstances). Each service of each session gets its own buckets of these shapes.
 */
public record RateLimits(RateLimit read, RateLimit mutate, Map<String, RateLimit> operations) {

    public static final String READ = "read";
    public static final String MUTATE = "mutate";

    public RateLimits {
        operations = Map.copyOf(operations);
    }

    /** CAPA's EC2 defaults: describes 20/s burst 100, RunInstances 2/s burst 5, other mutations 5/s burst 10. */
    public static RateLimits capaDefaults() {
        return new RateLimits(new RateLimit(20, 100), new RateLimit(5, 10), Map.of("RunInstances", new RateLimit(2, 5)));
    }

    /** The bucket an operation draws from: its own name if it has its own limit, else "read" or "mutate". */
    public String classOf(String operation) {
        if (operations.containsKey(operation)) {
            return operation;
        }
        return AwsOperations.isRead(operation) ? READ : MUTATE;
    }

    public RateLimit limitOf(String operationClass) {
        return switch (operationClass) {
            case READ -> read;
            case MUTATE -> mutate;
            default -> operations.get(operationClass);
        };
    }

    public RateLimits withOperation(String operation, RateLimit limit) {
        Map<String, RateLimit> copy = new HashMap<>(operations);
        copy.put(operation, limit);
        return new RateLimits(read, mutate, copy);
    }
}
