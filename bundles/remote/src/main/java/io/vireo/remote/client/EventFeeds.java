package io.vireo.remote.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Which open connection brings a remote daemon's events into the local event bus. Every connection of one
 * URI posts under that URI, so exactly one of them (the oldest still open) registers for events and posts
 * them: with two subscribed, every local subscriber would see each remote event twice. When it closes,
 * the next oldest takes over (events in between are lost, as they would be across a reconnect).
 */
final class EventFeeds {
    private final Map<String, Deque<RemoteDriverConnection>> byUri = new HashMap<>();

    /** A connection opened: it feeds its URI's events if it is the only one. */
    void opened(RemoteDriverConnection c) {
        boolean first;
        synchronized (byUri) {
            Deque<RemoteDriverConnection> q = byUri.computeIfAbsent(c.uri(), u -> new ArrayDeque<>());
            first = q.isEmpty();
            q.addLast(c);
        }
        if (first) {
            c.subscribe();
        }
    }

    /** A connection is closing: if it fed its URI's events, the next one takes over. */
    void closed(RemoteDriverConnection c) {
        RemoteDriverConnection next = null;
        synchronized (byUri) {
            Deque<RemoteDriverConnection> q = byUri.get(c.uri());
            if (q == null) {
                return;
            }
            boolean wasFeeding = q.peekFirst() == c;
            q.remove(c);
            if (q.isEmpty()) {
                byUri.remove(c.uri());
            } else if (wasFeeding) {
                next = q.peekFirst();
            }
        }
        if (next != null) {
            // Off the closing thread: the next connection's daemon answers in its own time.
            Thread t = new Thread(next::subscribe, "vireo-remote-events " + c.uri());
            t.setDaemon(true);
            t.start();
        }
    }

    /** The connection feeding {@code uri}'s events, or null (tests). */
    RemoteDriverConnection feeding(String uri) {
        synchronized (byUri) {
            Deque<RemoteDriverConnection> q = byUri.get(uri);
            return q == null ? null : q.peekFirst();
        }
    }
}
