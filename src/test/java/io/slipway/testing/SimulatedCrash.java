package io.slipway.testing;

/** Thrown by {@link FaultInjector} in place of an AWS call once the simulated process has "died". */
public final class SimulatedCrash extends RuntimeException {
    public SimulatedCrash(String message) {
        super(message);
    }
}
