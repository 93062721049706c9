package io.slipway.testing.kube;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchEventsTest {

    @Test
    void aSubscriberGetsTheRetainedEventsAfterItsVersionThenTheNewOnesUntilItCloses() {
        WatchEvents events = new WatchEvents();
        for (long rv = 1; rv <= 3; rv++) {
            events.publish(event(rv));
        }
        List<Long> seen = new ArrayList<>();
        WatchEvents.Subscription subscription = events.subscribe(1, e -> seen.add(e.resourceVersion()));
        events.publish(event(4));
        subscription.close();
        events.publish(event(5));

        assertThat(seen).containsExactly(2L, 3L, 4L);
        assertThat(events.subscribers()).isZero();
    }

    @Test
    void aVersionOlderThanTheHistoryIsGoneAsOnACompactedServer() {
        WatchEvents events = new WatchEvents();
        for (long rv = 1; rv <= WatchEvents.HISTORY + 10; rv++) {
            events.publish(event(rv));
        }
        assertThatThrownBy(() -> events.subscribe(5, e -> { }))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code).isEqualTo(410));
        List<Long> seen = new ArrayList<>();
        events.subscribe(WatchEvents.HISTORY + 8, e -> seen.add(e.resourceVersion()));
        assertThat(seen).containsExactly(WatchEvents.HISTORY + 9L, WatchEvents.HISTORY + 10L);
    }

    private static WatchEvents.Event event(long resourceVersion) {
        return new WatchEvents.Event("ADDED", "slipway.io", "clusters", JsonNodes.object(), resourceVersion);
    }
}
