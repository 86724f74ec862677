package io.vireo.api.event;

/** Storage volume events; libvirt has no volume event API, so these are Vireo's own (created, deleted). */
public enum StorageVolumeEventType {
    CREATED(0, "Created"), DELETED(1, "Deleted");

    private final int value;
    private final String label;

    StorageVolumeEventType(int value, String label) {
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
