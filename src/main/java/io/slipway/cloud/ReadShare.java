package io.slipway.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads of ONE cluster that its plans and reconciles share for a short lifetime, as production operators share a
 * cache between controllers: a batched describe of a kind (every auto scaling group of the cluster), a resolved
 * image, and the live resources the last plan of each owner found (so that a group's plan takes the Cluster's
 * subnets and security groups from the Cluster's plan instead of finding them again).
 * <p>
 * Read-your-writes: every write for the cluster calls {@link #invalidate()}, which drops everything, and a read
 * that was under way during a write is handed to its askers but never kept. A failed read is never kept either.
 * Drift made outside Slipway is seen at most one lifetime later than without the share.
 */
public final class ReadShare {
    /** Short against the resync (minutes), long enough for the Cluster's and its groups' reconciles of one pass. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(20);

    private record Entry(CompletableFuture<Object> value, Instant readAt, long generation) {
    }

    private record Published(Map<String, LiveResource<?>> found, Instant readAt, long generation) {
    }

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Entry> values = new ConcurrentHashMap<>();
    private final Map<Owner, Published> published = new ConcurrentHashMap<>();
    private final Map<String, Entry> handed = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public ReadShare(Clock clock, Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("a read share's lifetime cannot be negative");
        }
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * The lifetime for reconcilers that resync every {@code resync}: a tenth of it, at most {@link #DEFAULT_LIFETIME},
     * so that drift made outside Slipway is still seen within about one resync.
     */
    public static Duration lifetimeFor(Duration resync) {
        Duration tenth = resync.dividedBy(10);
        return tenth.compareTo(DEFAULT_LIFETIME) < 0 ? tenth : DEFAULT_LIFETIME;
    }

    /**
     * The value under {@code key}: read by the first asker, then the same for every asker within the lifetime.
     * Askers that come while it is being read wait for that read instead of reading again.
     */
    public <T> T get(String key, Class<T> type, Supplier<? extends T> read) {
        while (true) {
            Entry current = values.get(key);
            // a read under way is as fresh as a new one would be: wait for it
            if (current != null && current.generation() == generation.get()
                    && (!current.value().isDone() || fresh(current.readAt(), current.generation()))) {
                return type.cast(await(current.value()));
            }
            Entry mine = new Entry(new CompletableFuture<>(), clock.instant(), generation.get());
            boolean won = current == null ? values.putIfAbsent(key, mine) == null : values.replace(key, current, mine);
            if (!won) {
                continue; // another asker started a read meanwhile: wait for that one
            }
            try {
                T value = read.get();
                mine.value().complete(value);
                if (mine.generation() != generation.get()) {
                    values.remove(key, mine); // a write happened during the read: what it saw may be older
                }
                return value;
            } catch (RuntimeException | Error e) {
                values.remove(key, mine);
                mine.value().completeExceptionally(e);
                throw e;
            }
        }
    }

    /**
     * Forgets every read, shared or published, that would no longer be fresh at {@code by}, so that the next asker reads
     * it now rather than a reconcile expected before then (reads in flight stay). Reuse is only ever shortened.
     */
    public void expireReadsStaleBy(Instant by) {
        values.entrySet().removeIf(e -> e.getValue().value().isDone() && !by.isBefore(e.getValue().readAt().plus(lifetime)));
        published.entrySet().removeIf(e -> !by.isBefore(e.getValue().readAt().plus(lifetime)));
    }

    /**
     * Forgets every read, shared or published, begun at or before {@code at} (reads in flight stay): what a reconcile
     * asked for at {@code at} must see. Reads begun since, by any reader, are kept.
     */
    public void expireReadsMadeBefore(Instant at) {
        expireReadsStaleBy(at.plus(lifetime));
    }

    /** Forgets everything: a write for the cluster was made (or is about to be). */
    public void invalidate() {
        generation.incrementAndGet();
        values.clear();
        published.clear();
        handed.clear();
    }

    /**
     * A write of {@code writer}'s own resources was made (or is about to be): forgets every shared read and hand-over
     * and what is published of {@code writer} (of every owner, for a writer of every scope), as {@link #invalidate()}.
     * What is published of the cluster's other owners stays, as fresh as it was: a plan writes only what its own owner
     * owns, never what it takes of another owner (a group's apply makes its launch template and auto scaling group,
     * not the Cluster's subnets), so the cluster's other groups still take the Cluster's resources from it while one
     * group is being made.
     */
    public void invalidate(Owner writer) {
        if (writer.isEveryScope()) {
            invalidate();
            return;
        }
        long before = generation.getAndIncrement();
        values.clear();
        handed.clear();
        published.remove(writer);
        // an entry published at the same time is put with the old generation: refused later, as before
        published.replaceAll((owner, last) -> last.generation() == before
                ? new Published(last.found(), last.readAt(), before + 1) : last);
    }

    /**
     * Hands a read made outside any plan (a watch that looked until what it waited for was ready) to the next plan
     * that asks for it under {@code key}: that plan's find needs no call of its own. Kept only when no write happened
     * since {@code readGeneration} was noted (before the read), and taken at most once, within the lifetime.
     */
    public void hand(String key, Object value, long readGeneration, Instant readAt) {
        if (readGeneration == generation.get()) {
            handed.put(key, new Entry(CompletableFuture.completedFuture(value), readAt, readGeneration));
        }
    }

    /** The read handed under {@code key} (see {@link #hand}), if fresh; gone once taken. */
    public <T> Optional<T> takeHanded(String key, Class<T> type) {
        Entry entry = handed.remove(key);
        if (entry == null || !fresh(entry.readAt(), entry.generation())) {
            return Optional.empty();
        }
        return Optional.of(type.cast(await(entry.value())));
    }

    /** What a plan of {@code owner} found, for other plans' references to those resources. */
    public void publish(Owner owner, Map<String, LiveResource<?>> found, long readGeneration, Instant readAt) {
        if (readGeneration == generation.get()) {
            published.put(owner, new Published(Map.copyOf(found), readAt, readGeneration));
        }
    }

    /**
     * Adds what another owner's plan found of {@code owner}'s resources (the ones it uses) to what is published of
     * {@code owner}; what is published already stays, and the whole counts as read at the earlier of the two times.
     */
    public void publishMore(Owner owner, Map<String, LiveResource<?>> found, long readGeneration, Instant readAt) {
        if (found.isEmpty() || readGeneration != generation.get()) {
            return;
        }
        published.merge(owner, new Published(Map.copyOf(found), readAt, readGeneration), (old, mine) -> {
            if (!fresh(old.readAt(), old.generation()) || old.generation() != mine.generation()) {
                return mine;
            }
            Map<String, LiveResource<?>> both = new java.util.HashMap<>(mine.found());
            both.putAll(old.found());
            return new Published(Map.copyOf(both), old.readAt().isBefore(mine.readAt()) ? old.readAt() : mine.readAt(),
                    old.generation());
        });
    }

    /** A resource the last plan of {@code owner} found, while fresh; empty otherwise (the caller finds it). */
    public Optional<LiveResource<?>> published(Owner owner, String logicalId, String kind) {
        Published last = published.get(owner);
        if (last == null || !fresh(last.readAt(), last.generation())) {
            return Optional.empty();
        }
        LiveResource<?> found = last.found().get(logicalId);
        return found != null && found.kind().equals(kind) ? Optional.of(found) : Optional.empty();
    }

    /** The generation a plan notes before it reads; see {@link #publish}. */
    public long generation() {
        return generation.get();
    }

    public Instant now() {
        return clock.instant();
    }

    private boolean fresh(Instant readAt, long readGeneration) {
        return readGeneration == generation.get() && clock.instant().isBefore(readAt.plus(lifetime));
    }

    private static Object await(CompletableFuture<Object> value) {
        return Futures.join(value);
    }
}
