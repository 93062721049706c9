package io.slipway.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationGateTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Test
    void opensAfterTwoPassesInARow() {
        ValidationGate.Outcome first = ValidationGate.after(true, 0, null, T0, TIMEOUT);
        assertThat(first.state()).isEqualTo(ValidationGate.State.WAITING);
        assertThat(first.passes()).isEqualTo(1);
        ValidationGate.Outcome second = ValidationGate.after(true, first.passes(), first.since(), T0.plusSeconds(5), TIMEOUT);
        assertThat(second.state()).isEqualTo(ValidationGate.State.OPEN);
        assertThat(second.passes()).isZero();
        assertThat(second.since()).isNull();
    }

    @Test
    void aFailureStartsTheCountAgain() {
        ValidationGate.Outcome failed = ValidationGate.after(false, 1, T0, T0.plusSeconds(5), TIMEOUT);
        assertThat(failed.state()).isEqualTo(ValidationGate.State.WAITING);
        assertThat(failed.passes()).isZero();
        assertThat(failed.since()).isEqualTo(T0);
    }

    @Test
    void failingPastTheTimeoutStalls() {
        assertThat(ValidationGate.after(false, 0, T0, T0.plus(TIMEOUT).plusSeconds(1), TIMEOUT).state())
                .isEqualTo(ValidationGate.State.TIMED_OUT);
        assertThat(ValidationGate.after(false, 0, T0, T0.plus(TIMEOUT), TIMEOUT).state())
                .isEqualTo(ValidationGate.State.WAITING);
    }

    @Test
    void aPassSoonerThanTheIntervalAfterTheFirstIsNotCountedNorLost() {
        Duration interval = Duration.ofSeconds(2);
        ValidationGate.Outcome first = ValidationGate.after(true, 0, null, null, T0, TIMEOUT, interval);
        assertThat(first.passes()).isEqualTo(1);
        assertThat(first.lastPass()).isEqualTo(T0);
        ValidationGate.Outcome tooSoon = ValidationGate.after(true, 1, first.since(), first.lastPass(),
                T0.plusMillis(500), TIMEOUT, interval);
        assertThat(tooSoon.state()).isEqualTo(ValidationGate.State.WAITING);
        assertThat(tooSoon.passes()).isEqualTo(1);
        assertThat(tooSoon.untilNextPass(T0.plusMillis(500), interval)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ValidationGate.after(true, 1, first.since(), first.lastPass(), T0.plus(interval), TIMEOUT, interval)
                .state()).isEqualTo(ValidationGate.State.OPEN);
    }

    @Test
    void aFailureInsideTheIntervalStartsTheCountAgain() {
        Duration interval = Duration.ofSeconds(2);
        ValidationGate.Outcome failed = ValidationGate.after(false, 1, T0, T0, T0.plusMillis(500), TIMEOUT, interval);
        assertThat(failed.passes()).isZero();
        assertThat(failed.lastPass()).isNull();
        ValidationGate.Outcome again = ValidationGate.after(true, 0, failed.since(), null, T0.plusSeconds(3), TIMEOUT, interval);
        assertThat(again.state()).isEqualTo(ValidationGate.State.WAITING);
        assertThat(again.passes()).isEqualTo(1);
    }

    @Test
    void aSinglePassNeverOpensTheGateHoweverLongTheClusterWasFailingBefore() {
        Duration interval = Duration.ofSeconds(1);
        ValidationGate.Outcome failed = ValidationGate.after(false, 0, null, null, T0, TIMEOUT, interval);
        ValidationGate.Outcome first = ValidationGate.after(true, failed.passes(), failed.since(), failed.lastPass(),
                T0.plus(TIMEOUT.minusSeconds(1)), TIMEOUT, interval);
        assertThat(first.state()).isEqualTo(ValidationGate.State.WAITING);
        assertThat(first.passes()).isEqualTo(1);
        assertThat(first.untilNextPass(first.lastPass(), interval)).as("the second pass is due one interval later")
                .isEqualTo(interval);
        assertThat(ValidationGate.after(true, first.passes(), first.since(), first.lastPass(),
                first.lastPass().plus(interval), TIMEOUT, interval).state()).isEqualTo(ValidationGate.State.OPEN);
    }

    @Test
    void theIntervalHoldsBetweenWhatTwoPassesSawNotBetweenWhenTheirReconcilesBegan() {
        Duration interval = Duration.ofSeconds(1);
        // the first pass began reading at T0 and had read 400 ms later: it counts as of then
        ValidationGate.Outcome first = ValidationGate.after(true, 0, null, null, T0, T0.plusMillis(400), TIMEOUT, interval);
        assertThat(first.lastPass()).isEqualTo(T0.plusMillis(400));
        ValidationGate.Outcome early = ValidationGate.after(true, first.passes(), first.since(), first.lastPass(),
                T0.plusMillis(1200), T0.plusMillis(1300), TIMEOUT, interval);
        assertThat(early.state()).as("began reading 0.8 s after the first had read").isEqualTo(ValidationGate.State.WAITING);
        assertThat(early.passes()).isEqualTo(1);
        assertThat(early.untilNextPass(T0.plusMillis(1300), interval)).isEqualTo(Duration.ofMillis(100));
        assertThat(ValidationGate.after(true, first.passes(), first.since(), first.lastPass(), T0.plusMillis(1400),
                T0.plusMillis(1500), TIMEOUT, interval).state()).isEqualTo(ValidationGate.State.OPEN);
    }
}
