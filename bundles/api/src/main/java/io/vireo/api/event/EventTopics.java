package io.vireo.api.event;

/**
 * EventAdmin topics and property names of Vireo's event bus. A topic is the object kind followed by the
 * event name, e.g. {@code io/vireo/domain/STARTED}; subscribe to {@code io/vireo/domain/*} for all.
 */
public final class EventTopics {
    public static final String DOMAIN = "io/vireo/domain/";
    public static final String NETWORK = "io/vireo/network/";
    public static final String STORAGE_POOL = "io/vireo/storage/pool/";
    public static final String STORAGE_VOLUME = "io/vireo/storage/volume/";
    public static final String ALL = "io/vireo/*";

    /** Connection URI of the driver instance that owns the object. */
    public static final String PROP_URI = "uri";
    public static final String PROP_UUID = "uuid";
    public static final String PROP_NAME = "name";
    /** libvirt's event number (Integer). */
    public static final String PROP_EVENT = "event";
    /** libvirt's detail number (Integer). */
    public static final String PROP_DETAIL = "detail";
    /** Milliseconds since the epoch (Long). */
    public static final String PROP_TIMESTAMP = "timestamp";
    /** For volumes: the pool's name. */
    public static final String PROP_POOL = "pool";

    public static String domain(DomainEventType type) {
        return DOMAIN + type.name();
    }

    public static String network(NetworkEventType type) {
        return NETWORK + type.name();
    }

    public static String storagePool(StoragePoolEventType type) {
        return STORAGE_POOL + type.name();
    }

    public static String storageVolume(StorageVolumeEventType type) {
        return STORAGE_VOLUME + type.name();
    }

    private EventTopics() {
    }
}
