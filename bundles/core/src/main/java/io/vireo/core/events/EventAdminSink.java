package io.vireo.core.events;

import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.EventTopics;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.EventSink;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Posts driver events to EventAdmin for one connection URI. Posting is asynchronous and EventAdmin keeps
 * the order of events posted from one thread, so events of one object arrive in the order they happened.
 */
public final class EventAdminSink implements EventSink {
    private final String uri;
    private final Supplier<EventAdmin> eventAdmin;

    public EventAdminSink(String uri, Supplier<EventAdmin> eventAdmin) {
        this.uri = uri;
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void domain(String name, UUID uuid, DomainEventType type, int detail) {
        post(EventTopics.domain(type), name, uuid, type.value(), detail, null);
    }

    @Override
    public void network(String name, UUID uuid, NetworkEventType type) {
        post(EventTopics.network(type), name, uuid, type.value(), 0, null);
    }

    @Override
    public void storagePool(String name, UUID uuid, StoragePoolEventType type) {
        post(EventTopics.storagePool(type), name, uuid, type.value(), 0, null);
    }

    @Override
    public void storageVolume(String pool, String name, String key, StorageVolumeEventType type) {
        Map<String, Object> extra = new HashMap<>();
        extra.put(EventTopics.PROP_POOL, pool);
        extra.put("key", key);
        post(EventTopics.storageVolume(type), name, null, type.value(), 0, extra);
    }

    private void post(String topic, String name, UUID uuid, int event, int detail, Map<String, Object> extra) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put(EventTopics.PROP_URI, uri);
        props.put(EventTopics.PROP_NAME, name);
        if (uuid != null) {
            props.put(EventTopics.PROP_UUID, uuid.toString());
        }
        props.put(EventTopics.PROP_EVENT, event);
        props.put(EventTopics.PROP_DETAIL, detail);
        props.put(EventTopics.PROP_TIMESTAMP, System.currentTimeMillis());
        if (extra != null) {
            props.putAll(extra);
        }
        admin.postEvent(new Event(topic, props));
    }
}
