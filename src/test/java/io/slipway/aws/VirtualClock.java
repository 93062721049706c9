package io.slipway.aws;

import java.util.ArrayList;
import java.util.List;

/** A token-bucket clock for tests: sleeping advances time at once and is recorded. */
final class VirtualClock implements TokenBucket.Clock {
    private long now = 1_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }

    synchronized void advanceSeconds(double seconds) {
        now += (long) (seconds * 1e9);
    }

    synchronized double elapsedSeconds() {
        return (now - 1_000_000_000L) / 1e9;
    }
}
