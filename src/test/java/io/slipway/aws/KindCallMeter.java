package io.slipway.aws;

import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.Kinds;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import io.slipway.cloud.ResourceSpec;
import io.slipway.testing.CallCounts;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Benchmarks: which resource kind made which AWS call. Kinds wrapped by {@link #wrap} name themselves (and the phase:
 * find, create, update, delete) on the calling thread while they run; the {@link #interceptor()}, installed in the
 * session's clients, counts each API call (retries not counted again) under that name. Calls made outside a kind
 * count under "-".
 */
public final class KindCallMeter {
    /** One count's key. */
    public record Key(String kind, String phase, String operation) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return (kind + "|" + phase + "|" + operation).compareTo(o.kind + "|" + o.phase + "|" + o.operation);
        }
    }

    private final ThreadLocal<String[]> current = new ThreadLocal<>();
    private final ThreadLocal<long[]> callsOnThread = ThreadLocal.withInitial(() -> new long[1]);
    private final Map<Key, Long> counts = new ConcurrentHashMap<>();
    /** Calls made by create, per kind, and the number of creates: the cost of one create. */
    private final Map<String, long[]> creates = new ConcurrentHashMap<>();

    public ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String[] who = current.get();
                callsOnThread.get()[0]++;
                String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                counts.merge(new Key(who == null ? "-" : who[0], who == null ? "-" : who[1], operation), 1L, Long::sum);
            }
        };
    }

    public Kinds wrap(Kinds kinds) {
        return Kinds.of(kinds.inFindOrder().stream().<ResourceKind<?, ?>>map(this::wrap).toList());
    }

    /** A copy of the counts so far. */
    public Map<Key, Long> snapshot() {
        return new TreeMap<>(counts);
    }

    /** Mean API calls (reads and writes) of one create of {@code kind}; 1 when it was never created. */
    public double callsPerCreate(String kind) {
        long[] c = creates.get(kind);
        return c == null || c[1] == 0 ? 1 : (double) c[0] / c[1];
    }

    public static Map<Key, Long> minus(Map<Key, Long> after, Map<Key, Long> before) {
        return CallCounts.minus(after, before);
    }

    private <S extends ResourceSpec, L> ResourceKind<S, L> wrap(ResourceKind<S, L> kind) {
        return new ResourceKind<>() {
            @Override
            public String name() {
                return kind.name();
            }

            @Override
            public Class<S> specType() {
                return kind.specType();
            }

            @Override
            public Set<String> findsAfter() {
                return kind.findsAfter();
            }

            @Override
            public List<LiveResource<L>> find(FindContext<S> context) {
                return as("find", () -> kind.find(context));
            }

            @Override
            public List<FieldChange> diff(S desired, L live, Refs refs) {
                return as("diff", () -> kind.diff(desired, live, refs));
            }

            @Override
            public L create(Owner owner, String logicalId, S desired, Refs refs) {
                long before = callsOnThread.get()[0];
                L created = as("create", () -> kind.create(owner, logicalId, desired, refs));
                creates.merge(kind.name(), new long[] {callsOnThread.get()[0] - before, 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                return created;
            }

            @Override
            public L update(String logicalId, S desired, L live, List<FieldChange> changes, Refs refs) {
                return as("update", () -> kind.update(logicalId, desired, live, changes, refs));
            }

            @Override
            public void delete(L live) {
                as("delete", () -> {
                    kind.delete(live);
                    return null;
                });
            }

            @Override
            public String cloudId(L live) {
                return kind.cloudId(live);
            }

            @Override
            public Set<String> references(L live) {
                return kind.references(live);
            }

            @Override
            public boolean slowToBecomeReady() {
                return kind.slowToBecomeReady();
            }

            @Override
            public boolean ready(L live) {
                return kind.ready(live);
            }

            @Override
            public Map<String, String> outputs(L live) {
                return kind.outputs(live);
            }

            private <T> T as(String phase, Supplier<T> call) {
                String[] before = current.get();
                current.set(new String[] {kind.name(), phase});
                try {
                    return call.get();
                } finally {
                    current.set(before);
                }
            }
        };
    }
}
