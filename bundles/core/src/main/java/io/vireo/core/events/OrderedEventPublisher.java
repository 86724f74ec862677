package io.vireo.core.events;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers Vireo's events through EventAdmin in the order drivers reported them, without letting one
 * subscriber hold the bus.
 *
 * <p>Order: changes to one object come from many threads (console sessions, JMX, remote clients,
 * autostart), and EventAdmin keeps order only per posting thread; so events are queued here as drivers
 * report them (under their own lock) and handed to EventAdmin by one delivery thread.
 *
 * <p>Isolation: EventAdmin denylists a handler that runs past its Timeout, but still waits for the call in
 * progress to return before it delivers the next event of that thread; a subscriber that hangs would hang
 * every later event. So each event is sent synchronously from the delivery thread and a watchdog watches
 * it: when one delivery takes longer than {@code stallMillis} (longer than EventAdmin's Timeout, so the
 * culprit is denylisted by then), that thread is left to the stuck subscriber and a new one carries on with
 * the next event. Every other subscriber has already had the stuck event (EventAdmin calls handlers in
 * parallel), so nobody misses or reorders anything.
 */
public final class OrderedEventPublisher implements Consumer<Event>, AutoCloseable {
    /**
     * Longer than EventAdmin takes to denylist a stuck handler: it checks every Timeout/2 and denylists past
     * Timeout, so by 1.5 x Timeout at the latest (3 s with the 2 s of etc/org.apache.felix.eventadmin.impl.EventAdmin.cfg).
     * Moving on earlier would hand the next event to the same stuck handler.
     */
    public static final long DEFAULT_STALL_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(OrderedEventPublisher.class);

    private final EventAdmin eventAdmin;
    private final long stallMillis;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vireo-events-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Guards the hand-over from a stuck delivery thread to its successor. */
    private final Object lock = new Object();
    private Delivery current;
    private int generation;
    private volatile boolean closed;

    public OrderedEventPublisher(EventAdmin eventAdmin) {
        this(eventAdmin, DEFAULT_STALL_MILLIS);
    }

    public OrderedEventPublisher(EventAdmin eventAdmin, long stallMillis) {
        this.eventAdmin = eventAdmin;
        this.stallMillis = stallMillis;
        synchronized (lock) {
            current = startDelivery();
        }
        long period = Math.max(10, stallMillis / 4);
        watchdog.scheduleWithFixedDelay(this::checkStall, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void accept(Event event) {
        if (!closed) {
            queue.add(event);
        }
    }

    /** One delivery thread: sends queued events one by one until it is closed or left behind stuck. */
    private final class Delivery implements Runnable {
        /** The event being sent, or null between events; guarded by {@link #lock}. */
        private Event sending;
        private long since;
        private boolean abandoned;

        @Override
        public void run() {
            while (!closed) {
                Event event;
                try {
                    event = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (event == null) {
                    continue;
                }
                synchronized (lock) {
                    sending = event;
                    since = System.nanoTime();
                }
                try {
                    eventAdmin.sendEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("Delivering {} failed", event.getTopic(), e);
                }
                synchronized (lock) {
                    sending = null;
                    // Only a thread caught inside sendEvent can have been abandoned: checked under the lock,
                    // so a successor never runs beside it.
                    if (abandoned) {
                        return;
                    }
                }
            }
        }
    }

    private Delivery startDelivery() {
        Delivery d = new Delivery();
        Thread t = new Thread(d, "vireo-events-" + generation++);
        t.setDaemon(true);
        t.start();
        return d;
    }

    private void checkStall() {
        synchronized (lock) {
            Delivery d = current;
            if (closed || d.sending == null
                    || System.nanoTime() - d.since < TimeUnit.MILLISECONDS.toNanos(stallMillis)) {
                return;
            }
            LOG.warn("A subscriber has held event {} of {} for more than {} ms; delivering the next events without"
                    + " waiting for it", d.sending.getTopic(), d.sending.getProperty("name"), stallMillis);
            d.abandoned = true;
            current = startDelivery();
        }
    }

    /** Delivers what is queued (for a short while at most) and stops. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        watchdog.shutdownNow();
    }
}
