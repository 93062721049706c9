package io.slipway.cloud;

import io.slipway.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadShareTest {
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Owner CLUSTER = new Owner("default/orbit");
    private static final Owner GROUP = CLUSTER.withScope("instancegroup/nodes");
    private static final LiveResource<String> SUBNET = new LiveResource<>("Subnet", "subnet/private-a", "subnet-1", "state", true);
    private static final LiveResource<String> TEMPLATE = new LiveResource<>("LaunchTemplate", "launchtemplate", "lt-1", "state", true);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final ReadShare share = new ReadShare(clock, LIFETIME);
    private final AtomicInteger reads = new AtomicInteger();

    private String read() {
        return "read " + reads.incrementAndGet();
    }

    @Test
    void askersWithinTheLifetimeGetTheFirstReadAndLaterOnesReadAgain() {
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 1");
        clock.advance(LIFETIME.minusMillis(1));
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 1");
        assertThat(share.get("templates", String.class, this::read)).isEqualTo("read 2");

        clock.advance(Duration.ofMillis(1));
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 3");
    }

    @Test
    void readsThatWouldBeStaleByATimeAreReadAgainNowAndTheOthersKept() {
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 1");
        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), clock.instant());
        clock.advance(Duration.ofSeconds(10));
        assertThat(share.get("templates", String.class, this::read)).isEqualTo("read 2");
        share.publish(GROUP, Map.of("launchtemplate", TEMPLATE), share.generation(), clock.instant());

        // a reconcile is expected within the next 10 s: what was read first would be stale by then, the rest not
        share.expireReadsStaleBy(clock.instant().plusSeconds(10));
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 3");
        assertThat(share.get("templates", String.class, this::read)).isEqualTo("read 2");
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();
        assertThat(share.published(GROUP, "launchtemplate", "LaunchTemplate")).contains(TEMPLATE);
    }

    @Test
    void readsBegunBeforeATimeAreReadAgainAndThoseBegunSinceAreKept() {
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 1");
        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), clock.instant());
        clock.advance(Duration.ofMillis(1));
        Instant requested = clock.instant();
        clock.advance(Duration.ofMillis(1));
        assertThat(share.get("templates", String.class, this::read)).isEqualTo("read 2");

        // a reconcile asked for at `requested`: what was read before it is read again, a sibling's later read is not
        share.expireReadsMadeBefore(requested);
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 3");
        assertThat(share.get("templates", String.class, this::read)).isEqualTo("read 2");
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();
    }

    @Test
    void aHandedReadIsTakenOnceWithinTheLifetime() {
        share.hand("gateways", "watched", share.generation(), share.now());
        clock.advance(LIFETIME.minusMillis(1));
        assertThat(share.takeHanded("gateways", String.class)).contains("watched");
        assertThat(share.takeHanded("gateways", String.class)).isEmpty();

        share.hand("gateways", "watched again", share.generation(), share.now());
        clock.advance(LIFETIME);
        assertThat(share.takeHanded("gateways", String.class)).isEmpty();
    }

    @Test
    void aHandedReadIsRefusedOrDroppedWhenAWriteCameAfterItsReadBegan() {
        long before = share.generation();
        Instant readAt = share.now();
        share.invalidate(); // the operator wrote while the watch's describe was on the wire
        share.hand("gateways", "stale", before, readAt);
        assertThat(share.takeHanded("gateways", String.class)).isEmpty();

        share.hand("gateways", "watched", share.generation(), share.now());
        share.invalidate();
        assertThat(share.takeHanded("gateways", String.class)).isEmpty();
    }

    @Test
    void aWriteMakesTheNextAskerReadAgain() {
        share.get("asgs", String.class, this::read);
        share.invalidate();
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 2");
    }

    @Test
    void aReadDuringWhichAWriteHappenedIsHandedOutButNotKept() {
        String during = share.get("asgs", String.class, () -> {
            share.invalidate(); // the operator wrote while this describe was on the wire
            return read();
        });
        assertThat(during).isEqualTo("read 1");
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 2");
    }

    @Test
    void aFailedReadIsNotKeptSoTheNextAskerTriesAgain() {
        assertThatThrownBy(() -> share.get("asgs", String.class, () -> {
            throw new IllegalStateException("Throttling");
        })).hasMessage("Throttling");
        assertThat(share.get("asgs", String.class, this::read)).isEqualTo("read 1");
    }

    @Test
    void askersThatComeDuringARead_waitForItInsteadOfReadingAgain_evenWithoutLifetime() throws Exception {
        ReadShare noLifetime = new ReadShare(clock, Duration.ZERO);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = threads.submit(() -> noLifetime.get("asgs", String.class, () -> {
                reading.countDown();
                await(finish);
                return read();
            }));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            String[] second = new String[1];
            Thread asker = new Thread(() -> second[0] = noLifetime.get("asgs", String.class, this::read));
            asker.start();
            while (asker.getState() != Thread.State.WAITING) { // parked on the read under way
                Thread.onSpinWait();
            }
            finish.countDown();
            asker.join(10_000);
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("read 1");
            assertThat(second[0]).isEqualTo("read 1");
            // done, and with no lifetime, the next asker reads again
            assertThat(noLifetime.get("asgs", String.class, this::read)).isEqualTo("read 2");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whatAPlanFoundIsServedToOthersWhileFreshAndOfTheRightKind() {
        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), clock.instant());

        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).contains(SUBNET);
        assertThat(share.published(CLUSTER, "subnet/private-a", "SecurityGroup")).isEmpty();
        assertThat(share.published(GROUP, "subnet/private-a", "Subnet")).isEmpty();

        clock.advance(LIFETIME);
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();
    }

    @Test
    void aPlanThatReadBeforeAWriteDoesNotPublishAndAWriteForgetsWhatWasPublished() {
        long before = share.generation();
        share.invalidate();
        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), before, clock.instant());
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();

        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), clock.instant());
        share.invalidate();
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();
    }

    @Test
    void aWriteOfOneOwnerForgetsWhatIsPublishedOfItAndEverySharedReadButNotWhatIsPublishedOfAnother() {
        Instant readAt = clock.instant();
        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), readAt);
        share.publish(GROUP, Map.of("launchtemplate", TEMPLATE), share.generation(), readAt);
        AtomicInteger reads = new AtomicInteger();
        share.get("asgs", Integer.class, reads::incrementAndGet);

        share.invalidate(GROUP); // the group's apply
        assertThat(share.published(GROUP, "launchtemplate", "LaunchTemplate")).isEmpty();
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).contains(SUBNET);
        share.get("asgs", Integer.class, reads::incrementAndGet);
        assertThat(reads).as("a shared describe may hold the group's resources: read again").hasValue(2);

        clock.advance(LIFETIME.minusMillis(1));
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).as("as fresh as it was").contains(SUBNET);
        clock.advance(Duration.ofMillis(1));
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();

        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), clock.instant());
        share.invalidate(CLUSTER); // the Cluster's apply
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();
        share.publish(CLUSTER, Map.of("subnet/private-a", SUBNET), share.generation(), clock.instant());
        share.invalidate(CLUSTER.everyScope()); // a teardown
        assertThat(share.published(CLUSTER, "subnet/private-a", "Subnet")).isEmpty();
    }

    @Test
    void theLifetimeIsATenthOfTheResyncAndAtMostTheDefault() {
        assertThat(ReadShare.lifetimeFor(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
        assertThat(ReadShare.lifetimeFor(Duration.ofMinutes(5))).isEqualTo(ReadShare.DEFAULT_LIFETIME);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
