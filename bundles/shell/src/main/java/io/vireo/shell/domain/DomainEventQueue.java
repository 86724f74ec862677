package io.vireo.shell.domain;

import io.vireo.api.event.EventTopics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import java.util.Hashtable;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The domain lifecycle events of one connection URI (and, if given, one domain), subscribed on
 * EventAdmin for as long as it is open. The handler only queues: EventAdmin blacklists handlers that
 * keep it waiting, and the command prints at the pace of its terminal.
 */
final class DomainEventQueue implements EventHandler, AutoCloseable {
    private final String uri;
    private final UUID domain;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ServiceRegistration<EventHandler> registration;

    /**
     * Subscribes at once; {@code domain} null means every domain of {@code uri}. Without a bundle
     * context (outside OSGi) there is no event bus, and the queue stays empty.
     */
    DomainEventQueue(BundleContext context, String uri, UUID domain) {
        this.uri = uri;
        this.domain = domain;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, EventTopics.DOMAIN + "*");
        registration = context == null ? null : context.registerService(EventHandler.class, this, props);
    }

    @Override
    public void handleEvent(Event event) {
        if (uri.equals(event.getProperty(EventTopics.PROP_URI))
                && (domain == null || domain.toString().equals(event.getProperty(EventTopics.PROP_UUID)))) {
            events.add(event);
        }
    }

    /** The next event, waiting at most {@code millis} (forever when negative); null when none came. */
    Event next(long millis) throws InterruptedException {
        return millis < 0 ? events.take() : events.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The shell bundle is stopping.
        }
    }
}
