package io.slipway.cloud;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindShareTest {

    @Test
    void theFirstAskerComputesTheValueAndEveryLaterAskerGetsTheSameWithoutComputingAgain() {
        FindShare share = new FindShare();
        AtomicInteger reads = new AtomicInteger();

        String first = share.get("elbv2", String.class, () -> "read " + reads.incrementAndGet());
        String second = share.get("elbv2", String.class, () -> "read " + reads.incrementAndGet());

        assertThat(first).isEqualTo("read 1");
        assertThat(second).isSameAs(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void keysAreApartAndANewShareReadsAgain() {
        FindShare plan = new FindShare();
        assertThat(plan.get("a", Integer.class, () -> 1)).isEqualTo(1);
        assertThat(plan.get("b", Integer.class, () -> 2)).isEqualTo(2);
        assertThat(new FindShare().get("a", Integer.class, () -> 3)).isEqualTo(3);
    }

    @Test
    void aFailedComputationIsNotKeptSoTheNextAskerTriesAgain() {
        FindShare share = new FindShare();
        assertThatThrownBy(() -> share.get("a", String.class, () -> {
            throw new IllegalStateException("throttled");
        })).hasMessage("throttled");

        assertThat(share.get("a", String.class, () -> "second try")).isEqualTo("second try");
    }

    @Test
    void aValueOfAnotherTypeUnderTheKeyIsAnErrorNotASilentMixUp() {
        FindShare share = new FindShare();
        share.get("a", Integer.class, () -> 1);
        assertThatThrownBy(() -> share.get("a", String.class, () -> "x")).isInstanceOf(ClassCastException.class);
    }
}
