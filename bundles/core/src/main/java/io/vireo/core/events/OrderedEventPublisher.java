package io.vireo.core.events;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands Vireo's events to EventAdmin from one thread. EventAdmin keeps the order of asynchronous events
 * only per posting thread; changes to one object may come from many threads (console sessions, JMX,
 * remote clients, autostart), so every event is queued here in the order the driver reported it (drivers
 * report under their own lock) and posted from a single thread. Posting never blocks the caller.
 */
public final class OrderedEventPublisher implements Consumer<Event>, AutoCloseable {
    private final EventAdmin eventAdmin;
    private final ExecutorService poster = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vireo-events");
        t.setDaemon(true);
        return t;
    });

    public OrderedEventPublisher(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void accept(Event event) {
        try {
            poster.execute(() -> eventAdmin.postEvent(event));
        } catch (RejectedExecutionException e) {
            // Shutting down: nobody is left to tell.
        }
    }

    /** Posts what is queued (for a short while at most) and stops. */
    @Override
    public void close() {
        poster.shutdown();
        try {
            poster.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
