package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every change the store makes, in order, for the plain-HTTP watches (the store itself notifies only its WebSocket
 * watchers). Keeps the last {@value #HISTORY} events so that a watch started at the resourceVersion of a list
 * gets the changes made in between; a watch from further back is told its version is too old (410), as a real
 * server says once etcd has compacted, and the client lists again.
 */
final class WatchEvents {
    static final int HISTORY = 2000;

    /** {@code type} is ADDED, MODIFIED or DELETED; {@code group}/{@code plural} name the collection. */
    record Event(String type, String group, String plural, JsonNode object, long resourceVersion) {
    }

    /** A watch's view of the events; closing it stops the delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Deque<Event> history = new ArrayDeque<>();
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private long forgottenUpTo;

    synchronized void publish(Event event) {
        history.addLast(event);
        while (history.size() > HISTORY) {
            forgottenUpTo = history.removeFirst().resourceVersion();
        }
        subscribers.forEach(s -> s.accept(event));
    }

    /**
     * Delivers the retained events after {@code resourceVersion}, then every new one, to {@code subscriber}.
     *
     * @throws ApiException 410 when events after {@code resourceVersion} are no longer retained
     */
    synchronized Subscription subscribe(long resourceVersion, Consumer<Event> subscriber) {
        if (resourceVersion < forgottenUpTo) {
            throw new ApiException(410, "Expired", "too old resource version: " + resourceVersion + " (" + forgottenUpTo + ")");
        }
        history.stream().filter(e -> e.resourceVersion() > resourceVersion).forEach(subscriber);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** How many watches are open now. */
    int subscribers() {
        return subscribers.size();
    }

    /** Forgets the history (the store was reset); open watches stay open. */
    synchronized void reset() {
        history.clear();
        forgottenUpTo = 0;
    }
}
