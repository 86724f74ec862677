package io.vireo.shell.conformance;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import java.util.ArrayList;
import java.util.List;

/** A test double of the event bus: keeps every event posted or sent, in order. */
final class CollectingEventAdmin implements EventAdmin {
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void sendEvent(Event event) {
        events.add(event);
        notifyAll();
    }

    /**
     * The topics once {@code count} events have arrived, or after 10 s: the core delivers events on a
     * thread of its own, so the last ones may still be on their way when a command returns.
     */
    synchronized List<String> topics(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (events.size() < count && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return topics();
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The topics of the events so far, e.g. {@code io/vireo/domain/STARTED}. */
    synchronized List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }
}
