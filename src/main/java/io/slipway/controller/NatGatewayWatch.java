package io.slipway.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.slipway.aws.ec2.NatGatewayKind;
import io.slipway.cloud.Owner;
import io.slipway.cloud.ReadShare;
import io.slipway.cloud.ResourceState;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wakes a Cluster's reconcile as soon as the NAT gateways it waits for have all left {@code pending}, instead of at
 * its next in-flight requeue: the private routes, and so NetworkReady and every instance group, wait for the gateways,
 * and a full reconcile (a plan of the whole graph) is too dear to run every second. Waking for the last gateway rather
 * than the first makes one reconcile apply every route (a group needs all of them: NetworkReady); a gateway that stays
 * pending longer than the others only delays the wake-up until the reconcile's own requeue, which applies the routes
 * of those that are available.
 * <p>
 * After a reconcile that left gateways pending, it asks AWS about those gateways only (one DescribeNatGateways by id)
 * every {@code every}, for one {@code window} at the most: the reconcile's own requeue, which registers the wait
 * again, comes after that window. A later reconcile replaces the wait; each Cluster has at most one.
 * So a wait costs at most {@code window / every} extra DescribeNatGateways calls per in-flight interval.
 * <p>
 * With a {@link Handover}, the look asks about every gateway the reconcile knew, and the last look's answer is handed
 * to the cluster's read share for the plan of the reconcile it wakes: that plan's NAT gateway find makes no call.
 */
public final class NatGatewayWatch {
    private static final Logger LOG = Logger.getLogger(NatGatewayWatch.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-nat-gateway-watch");
        t.setDaemon(true);
        return t;
    });

    private final Clock clock;
    private final Map<ResourceID, Wait> waits = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> wake = id -> {
    };

    public NatGatewayWatch(Clock clock) {
        this.clock = clock;
    }

    /** What to call when a Cluster should reconcile now (its event source). */
    public void onReady(Consumer<ResourceID> wake) {
        this.wake = wake;
    }

    /**
     * Where the last look's answer goes: {@code share}, for the next plan of {@code owner}, which would otherwise
     * describe the owner's gateways (all of them: {@code known}, the ids of every gateway the reconcile knew).
     */
    public record Handover(ReadShare share, Owner owner, Set<String> known) {
        public Handover {
            known = Set.copyOf(known);
        }
    }

    /** The ids of the owned NAT gateways that exist, ready or not. */
    public static Set<String> owned(List<ResourceState> resources) {
        Set<String> ids = new TreeSet<>();
        for (ResourceState resource : resources) {
            if (NatGatewayKind.NAME.equals(resource.kind()) && resource.owned() && resource.cloudId() != null) {
                ids.add(resource.cloudId());
            }
        }
        return ids;
    }

    /** The ids of the owned NAT gateways that exist but are not usable yet. */
    public static Set<String> pending(List<ResourceState> resources) {
        Set<String> ids = new TreeSet<>();
        for (ResourceState resource : resources) {
            if (NatGatewayKind.NAME.equals(resource.kind()) && resource.owned() && !resource.ready()
                    && resource.cloudId() != null) {
                ids.add(resource.cloudId());
            }
        }
        return ids;
    }

    /**
     * Watches {@code gatewayIds} for {@code cluster} (replacing any earlier wait of it; none when the set is empty):
     * the first look after {@code every}, the last before {@code window} has passed.
     */
    public void expect(ResourceID cluster, Ec2Client ec2, Set<String> gatewayIds, Duration every, Duration window) {
        expect(cluster, ec2, gatewayIds, every, window, null);
    }

    /** As {@link #expect(ResourceID, Ec2Client, Set, Duration, Duration)}, handing the last look over ({@code handover} may be null). */
    public void expect(ResourceID cluster, Ec2Client ec2, Set<String> gatewayIds, Duration every, Duration window,
                       Handover handover) {
        forget(cluster);
        if (gatewayIds.isEmpty() || every.isZero() || every.compareTo(window) >= 0) {
            return;
        }
        Wait wait = new Wait(cluster, ec2, gatewayIds, clock.instant().plus(window), handover);
        waits.put(cluster, wait);
        wait.future = TIMER.scheduleWithFixedDelay(wait, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while a wait of {@code cluster} is on. */
    boolean watching(ResourceID cluster) {
        return waits.containsKey(cluster);
    }

    /** Stops watching for {@code cluster} (it is deleted). */
    public void forget(ResourceID cluster) {
        Wait wait = waits.remove(cluster);
        if (wait != null) {
            wait.stop();
        }
    }

    /** One Cluster's wait: looks until every gateway has left pending or the window ends. */
    private final class Wait implements Runnable {
        private final ResourceID cluster;
        private final Ec2Client ec2;
        private final Set<String> gatewayIds;
        private final Instant until;
        private final Handover handover;
        private volatile ScheduledFuture<?> future;

        Wait(ResourceID cluster, Ec2Client ec2, Set<String> gatewayIds, Instant until, Handover handover) {
            this.cluster = cluster;
            this.ec2 = ec2;
            this.gatewayIds = Set.copyOf(gatewayIds);
            this.until = until;
            this.handover = handover;
        }

        @Override
        public void run() {
            if (!clock.instant().isBefore(until)) {
                end();
                return;
            }
            try {
                // noted before the read: a write for the cluster meanwhile makes the share refuse what it read
                long generation = handover == null ? 0 : handover.share().generation();
                Instant readAt = handover == null ? null : handover.share().now();
                Set<String> asked = new HashSet<>(gatewayIds);
                if (handover != null) {
                    asked.addAll(handover.known());
                }
                // filtered again here: an EC2 that ignores the id list must not count other gateways
                List<NatGateway> read = ec2.describeNatGateways(r -> r.natGatewayIds(asked)).natGateways().stream()
                        .filter(g -> asked.contains(g.natGatewayId())).toList();
                if (read.stream().filter(g -> gatewayIds.contains(g.natGatewayId()))
                        .noneMatch(g -> "pending".equals(g.stateAsString()))) {
                    if (handover != null) {
                        handover.share().hand(NatGatewayKind.Handed.key(handover.owner()), new NatGatewayKind.Handed(read),
                                generation, readAt);
                    }
                    end();
                    wake.accept(cluster);
                }
            } catch (SdkException e) {
                // the reconcile's own requeue looks again and reports errors; this is only a shortcut
                LOG.debugf("cluster %s: looking at NAT gateways %s failed: %s", cluster, gatewayIds, e.getMessage());
            }
        }

        private void end() {
            waits.remove(cluster, this);
            stop();
        }

        void stop() {
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
