package io.vireo.jmx;

import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.EventTopics;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import org.osgi.service.event.Event;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JMX notifications made from Vireo's EventAdmin events. The type is the topic in dots and lower case
 * ({@code io/vireo/domain/STARTED} gives {@code io.vireo.domain.started}); the message is what
 * {@code virsh event} prints ({@code event 'lifecycle' for domain 'vm1': Started Booted}); the user data is
 * a {@link javax.management.openmbean.CompositeData} with the event's own fields: uri, name, uuid, event
 * and detail (libvirt's numbers), timestamp, and pool for volumes, so any JMX client can read it.
 */
public final class LifecycleNotifications {
    public static final String PREFIX = "io.vireo.";
    private static final String[] ITEMS = {EventTopics.PROP_URI, EventTopics.PROP_NAME, EventTopics.PROP_UUID,
        EventTopics.PROP_EVENT, EventTopics.PROP_DETAIL, EventTopics.PROP_TIMESTAMP, EventTopics.PROP_POOL};
    public static final CompositeType EVENT_TYPE = eventType();

    private final AtomicLong sequence = new AtomicLong();

    private static CompositeType eventType() {
        try {
            return new CompositeType("io.vireo.Event", "A Vireo lifecycle event", ITEMS,
                    new String[] {"connection URI", "object name", "object UUID (empty for volumes)",
                        "libvirt event number", "libvirt detail number", "milliseconds since the epoch",
                        "storage pool of a volume (empty otherwise)"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.INTEGER,
                        SimpleType.INTEGER, SimpleType.LONG, SimpleType.STRING});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notification type of an EventAdmin topic: {@code io/vireo/storage/pool/STARTED} -> {@code io.vireo.storage.pool.started}. */
    public static String type(String topic) {
        return topic.replace('/', '.').toLowerCase(Locale.ROOT);
    }

    /** Every notification type an emitter of {@code kind} sends ("domain", "network", "storage/pool", "storage/volume"). */
    static MBeanNotificationInfo info(String topicPrefix, Enum<?>[] events, String description) {
        List<String> types = new ArrayList<>();
        for (Enum<?> e : events) {
            types.add(type(topicPrefix + e.name()));
        }
        return new MBeanNotificationInfo(types.toArray(String[]::new), Notification.class.getName(), description);
    }

    static MBeanNotificationInfo[] domainInfo() {
        return new MBeanNotificationInfo[] {info(EventTopics.DOMAIN, DomainEventType.values(), "domain lifecycle")};
    }

    static MBeanNotificationInfo[] networkInfo() {
        return new MBeanNotificationInfo[] {info(EventTopics.NETWORK, NetworkEventType.values(), "network lifecycle")};
    }

    static MBeanNotificationInfo[] poolInfo() {
        return new MBeanNotificationInfo[] {
            info(EventTopics.STORAGE_POOL, StoragePoolEventType.values(), "storage pool lifecycle")};
    }

    static MBeanNotificationInfo[] volumeInfo() {
        return new MBeanNotificationInfo[] {
            info(EventTopics.STORAGE_VOLUME, StorageVolumeEventType.values(), "storage volume lifecycle")};
    }

    /** A host hears every kind. */
    static MBeanNotificationInfo[] hostInfo() {
        return new MBeanNotificationInfo[] {domainInfo()[0], networkInfo()[0], poolInfo()[0], volumeInfo()[0]};
    }

    /** The notification for {@code event}, sent by {@code source}. */
    Notification of(Event event, Object source) {
        long timestamp = event.getProperty(EventTopics.PROP_TIMESTAMP) instanceof Long t ? t : System.currentTimeMillis();
        Notification n = new Notification(type(event.getTopic()), source, sequence.incrementAndGet(), timestamp,
                message(event));
        n.setUserData(data(event, timestamp));
        return n;
    }

    private static CompositeDataSupport data(Event event, long timestamp) {
        Object[] values = {
            text(event, EventTopics.PROP_URI), text(event, EventTopics.PROP_NAME), text(event, EventTopics.PROP_UUID),
            number(event, EventTopics.PROP_EVENT), number(event, EventTopics.PROP_DETAIL), timestamp,
            text(event, EventTopics.PROP_POOL)};
        try {
            return new CompositeDataSupport(EVENT_TYPE, ITEMS, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line virsh's event commands print for the event. */
    static String message(Event event) {
        String topic = event.getTopic();
        String name = text(event, EventTopics.PROP_NAME);
        String kind = topic.substring(topic.lastIndexOf('/') + 1);
        if (topic.startsWith(EventTopics.DOMAIN)) {
            DomainEventType type = DomainEventType.valueOf(kind);
            return lifecycle("domain", name, type.label() + " " + type.detailLabel(number(event, EventTopics.PROP_DETAIL)));
        } else if (topic.startsWith(EventTopics.NETWORK)) {
            return lifecycle("network", name, NetworkEventType.valueOf(kind).label());
        } else if (topic.startsWith(EventTopics.STORAGE_POOL)) {
            return lifecycle("storage pool", name, StoragePoolEventType.valueOf(kind).label());
        }
        return lifecycle("storage volume", text(event, EventTopics.PROP_POOL) + "/" + name,
                StorageVolumeEventType.valueOf(kind).label());
    }

    private static String lifecycle(String what, String name, String text) {
        return "event 'lifecycle' for " + what + " '" + name + "': " + text;
    }

    private static String text(Event event, String property) {
        Object v = event.getProperty(property);
        return v == null ? "" : v.toString();
    }

    private static int number(Event event, String property) {
        return event.getProperty(property) instanceof Integer i ? i : 0;
    }
}
