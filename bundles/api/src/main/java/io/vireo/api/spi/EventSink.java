package io.vireo.api.spi;

import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;

import java.util.UUID;

/** Where drivers report state changes; the core posts them to EventAdmin with the connection's URI. */
public interface EventSink {
    void domain(String name, UUID uuid, DomainEventType type, int detail);

    void network(String name, UUID uuid, NetworkEventType type);

    void storagePool(String name, UUID uuid, StoragePoolEventType type);

    void storageVolume(String pool, String name, String key, StorageVolumeEventType type);
}
