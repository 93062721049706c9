package io.slipway.aws;

/**
 * A token bucket that hands out permits in order: a caller that finds it empty reserves the next token and
 * sleeps until it is due, so waiting callers are served at the configured rate, first come first served.
 */
public final class TokenBucket {

    /** Time as the bucket sees it; tests use a virtual clock whose sleep advances time. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    private static final double NANOS_PER_SECOND = 1e9;

    private final RateLimit limit;
    private final Clock clock;
    private double tokens;
    private long lastRefill;

    public TokenBucket(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.tokens = limit.burst();
        this.lastRefill = clock.nanoTime();
    }

    /** Takes one permit, sleeping if none is available. Returns the nanoseconds waited (0 if none). */
    public long acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
        return wait;
    }

    private synchronized long reserve() {
        long now = clock.nanoTime();
        tokens = Math.min(limit.burst(), tokens + (now - lastRefill) * limit.permitsPerSecond() / NANOS_PER_SECOND);
        lastRefill = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / limit.permitsPerSecond() * NANOS_PER_SECOND);
    }

    public RateLimit limit() {
        return limit;
    }
}
