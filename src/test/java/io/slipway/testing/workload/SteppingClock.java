package io.slipway.testing.workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test moves by hand, so that simulated delays (node and pod readiness, Job TTLs) pass without waiting. */
public final class SteppingClock extends Clock {
    private volatile Instant now;

    public SteppingClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
