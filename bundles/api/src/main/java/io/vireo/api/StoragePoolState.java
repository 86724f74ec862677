package io.vireo.api;

/** Storage pool states with libvirt's numbers and virsh's words. */
public enum StoragePoolState {
    INACTIVE(0, "inactive"), BUILDING(1, "building"), RUNNING(2, "running"), DEGRADED(3, "degraded"),
    INACCESSIBLE(4, "inaccessible");

    private final int value;
    private final String label;

    StoragePoolState(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    public String label() {
        return label;
    }

    public static StoragePoolState fromValue(int value) {
        for (StoragePoolState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return INACCESSIBLE;
    }
}
