package io.vireo.core.events;

import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.EventTopics;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.EventSink;
import org.osgi.service.event.Event;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns driver events of one connection URI into EventAdmin events (topic, uri, name, uuid, libvirt's
 * event and detail numbers, timestamp) and hands them to a publisher that keeps their order.
 */
public final class EventAdminSink implements EventSink {
    private final String uri;
    private final Consumer<Event> publisher;

    public EventAdminSink(String uri, Consumer<Event> publisher) {
        this.uri = uri;
        this.publisher = publisher;
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
        publisher.accept(new Event(topic, props));
    }
}
