package io.vireo.jmx;

import io.vireo.api.event.EventTopics;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleNotificationsTest {
    private static Event event(String topic, Map<String, Object> props) {
        return new Event(topic, props);
    }

    @Test
    void carriesTheEventsFieldsWithVirshsWords() {
        Event e = event("io/vireo/domain/STARTED", Map.of(EventTopics.PROP_URI, "test:///default",
                EventTopics.PROP_NAME, "vm1", EventTopics.PROP_UUID, "6695eb01-f6a4-8304-79aa-97f2502e193f",
                EventTopics.PROP_EVENT, 2, EventTopics.PROP_DETAIL, 0, EventTopics.PROP_TIMESTAMP, 1234L));
        Notification n = new LifecycleNotifications().of(e, "src");
        assertEquals("io.vireo.domain.started", n.getType());
        assertEquals("event 'lifecycle' for domain 'vm1': Started Booted", n.getMessage());
        assertEquals(1234L, n.getTimeStamp());
        CompositeData d = (CompositeData) n.getUserData();
        assertEquals("test:///default", d.get("uri"));
        assertEquals("vm1", d.get("name"));
        assertEquals("6695eb01-f6a4-8304-79aa-97f2502e193f", d.get("uuid"));
        assertEquals(2, d.get("event"));
        assertEquals(0, d.get("detail"));
        assertEquals(1234L, d.get("timestamp"));
        assertEquals("", d.get("pool"));
    }

    @Test
    void networksPoolsAndVolumesAsVirshsEventCommandsWordThem() {
        assertEquals("event 'lifecycle' for network 'default': Stopped", LifecycleNotifications.message(
                event("io/vireo/network/STOPPED", Map.of(EventTopics.PROP_NAME, "default"))));
        assertEquals("event 'lifecycle' for storage pool 'p': Deleted", LifecycleNotifications.message(
                event("io/vireo/storage/pool/DELETED", Map.of(EventTopics.PROP_NAME, "p"))));
        assertEquals("event 'lifecycle' for storage volume 'p/v.img': Created", LifecycleNotifications.message(
                event("io/vireo/storage/volume/CREATED", Map.of(EventTopics.PROP_NAME, "v.img", EventTopics.PROP_POOL, "p"))));
    }

    @Test
    void emittersDeclareEveryTypeTheySend() {
        List<String> host = Arrays.stream(LifecycleNotifications.hostInfo()).flatMap(i -> Arrays.stream(i.getNotifTypes()))
                .toList();
        assertTrue(host.contains("io.vireo.domain.pmsuspended"), host.toString());
        assertTrue(host.contains("io.vireo.storage.pool.created"), host.toString());
        assertTrue(host.contains("io.vireo.storage.volume.deleted"), host.toString());
        assertEquals(9, LifecycleNotifications.domainInfo()[0].getNotifTypes().length);
    }
}
