package io.slipway.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kills one operator right after AWS answered one of its mutating calls, before the operator can act on the answer
 * (write status): the first call of {@code operations} that {@code crashHere} accepts takes effect in moto, then
 * {@code dying} runs (it cuts the operator off its Kubernetes API) and the caller gets {@link SimulatedCrash} instead of
 * the response; every later call of that operator throws {@link SimulatedCrash} unsent. Where {@link FaultInjector}
 * dies before a call, this one dies after it. One per operator: a restarted operator gets a new one.
 */
public final class CrashAfterResponse implements ExecutionInterceptor {
    /** The call after whose response the operator died. */
    public record Crash(String operation, List<String> instanceIds) {
    }

    private final Set<String> operations;
    private final Predicate<Crash> crashHere;
    private final Runnable dying;
    private volatile Crash crash;

    public CrashAfterResponse(Set<String> operations, Predicate<Crash> crashHere, Runnable dying) {
        this.operations = Set.copyOf(operations);
        this.crashHere = crashHere;
        this.dying = dying;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (crash != null) {
            throw new SimulatedCrash("simulated process is dead: " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                    + " not sent");
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!operations.contains(operation)) {
            return;
        }
        Crash candidate = new Crash(operation, RollCallLedger.instanceIds(context.request()));
        synchronized (this) {
            if (crash != null || !crashHere.test(candidate)) {
                return;
            }
            crash = candidate;
        }
        dying.run();
        throw new SimulatedCrash("simulated crash right after the response of " + operation + " " + candidate.instanceIds());
    }

    /** The call after which this operator died; null while it lives. */
    public Crash crash() {
        return crash;
    }
}
