package io.slipway.aws;

/** A token bucket's shape: refilled at {@code permitsPerSecond}, holding at most {@code burst} tokens. */
public record RateLimit(double permitsPerSecond, int burst) {
    public RateLimit {
        if (!(permitsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + permitsPerSecond + "/" + burst);
        }
    }
}
