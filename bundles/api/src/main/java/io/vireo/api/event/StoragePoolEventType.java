package io.vireo.api.event;

/** Storage pool lifecycle events, numbered as libvirt's virStoragePoolEventLifecycleType. */
public enum StoragePoolEventType {
    DEFINED(0, "Defined"), UNDEFINED(1, "Undefined"), STARTED(2, "Started"), STOPPED(3, "Stopped"),
    CREATED(4, "Created"), DELETED(5, "Deleted");

    private final int value;
    private final String label;

    StoragePoolEventType(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    public String label() {
        return label;
    }
}
