package io.vireo.remote.server;

import io.vireo.api.event.EventTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Hands Vireo's lifecycle events from EventAdmin to the remote clients. A component of its own, apart
 * from every publisher (EventAdmin does not deliver to a component posting from its own activation),
 * and with ordered delivery, so each client sees events in the order they were posted.
 */
@Component(property = {
    EventConstants.EVENT_TOPIC + "=" + EventTopics.DOMAIN + "*",
    EventConstants.EVENT_TOPIC + "=" + EventTopics.NETWORK + "*",
    EventConstants.EVENT_TOPIC + "=" + EventTopics.STORAGE_POOL + "*",
    EventConstants.EVENT_DELIVERY + "=" + EventConstants.DELIVERY_ASYNC_ORDERED,
})
public final class EventForwarder implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventForwarder.class);
    /**
     * The domain's id when the event happened (Integer). Vireo's events do not carry it yet; once they
     * do, clients get the exact id instead of the one looked up on delivery.
     */
    static final String PROP_ID = "id";

    private final EventRouter router;

    @Activate
    public EventForwarder(@Reference RemoteServer server) {
        this(server.events());
    }

    EventForwarder(EventRouter router) {
        this.router = router;
    }

    @Override
    public void handleEvent(Event e) {
        String uri = string(e, EventTopics.PROP_URI);
        String name = string(e, EventTopics.PROP_NAME);
        UUID uuid = uuid(e);
        Integer event = integer(e, EventTopics.PROP_EVENT);
        Integer detail = integer(e, EventTopics.PROP_DETAIL);
        if (uri == null || name == null || uuid == null || event == null) {
            LOG.debug("Ignoring incomplete event {}", e);
            return;
        }
        int d = detail == null ? 0 : detail;
        String topic = e.getTopic();
        try {
            if (topic.startsWith(EventTopics.DOMAIN)) {
                router.domainLifecycle(uri, name, uuid, integer(e, PROP_ID), event, d);
            } else if (topic.startsWith(EventTopics.NETWORK)) {
                router.networkLifecycle(uri, name, uuid, event, d);
            } else if (topic.startsWith(EventTopics.STORAGE_POOL)) {
                router.storagePoolLifecycle(uri, name, uuid, event, d);
            }
        } catch (RuntimeException ex) {
            LOG.warn("Could not forward {} to remote clients", topic, ex);
        }
    }

    private static String string(Event e, String key) {
        return e.getProperty(key) instanceof String s ? s : null;
    }

    private static Integer integer(Event e, String key) {
        return e.getProperty(key) instanceof Integer i ? i : null;
    }

    private static UUID uuid(Event e) {
        Object v = e.getProperty(EventTopics.PROP_UUID);
        if (v instanceof UUID u) {
            return u;
        }
        try {
            return v instanceof String s ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
