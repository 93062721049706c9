package io.slipway.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void burstIsFreeThenPermitsComeAtTheRate() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        TokenBucket bucket = new TokenBucket(new RateLimit(2, 5), clock);

        for (int i = 0; i < 5; i++) {
            assertThat(bucket.acquire()).isZero();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(bucket.acquire()).isEqualTo(500_000_000L);
        }
        assertThat(clock.sleeps).hasSize(4);
        assertThat(clock.elapsedSeconds()).isEqualTo(2.0);
    }

    @Test
    void refillsWhileIdleUpToTheBurstOnly() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 100), clock);
        for (int i = 0; i < 100; i++) {
            bucket.acquire();
        }
        clock.advanceSeconds(1);   // 20 tokens back
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.acquire()).isZero();
        }
        assertThat(bucket.acquire()).isEqualTo(50_000_000L);

        clock.advanceSeconds(3600);   // would be 72000 tokens without the cap
        int free = 0;
        while (bucket.acquire() == 0) {
            free++;
        }
        assertThat(free).isEqualTo(100);
    }

    @Test
    void classifiesOperationsLikeCapa() {
        RateLimits limits = RateLimits.capaDefaults();
        assertThat(limits.classOf("DescribeInstances")).isEqualTo(RateLimits.READ);
        assertThat(limits.classOf("GetConsoleOutput")).isEqualTo(RateLimits.READ);
        assertThat(limits.classOf("CreateVpc")).isEqualTo(RateLimits.MUTATE);
        assertThat(limits.classOf("RunInstances")).isEqualTo("RunInstances");
        assertThat(limits.limitOf("RunInstances")).isEqualTo(new RateLimit(2, 5));
        assertThat(limits.limitOf(RateLimits.READ)).isEqualTo(new RateLimit(20, 100));
        assertThat(limits.limitOf(RateLimits.MUTATE)).isEqualTo(new RateLimit(5, 10));
    }
}
