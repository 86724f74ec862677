package io.vireo.api;

/** Storage volume types with libvirt's numbers and virsh's words. */
public enum StorageVolumeType {
    FILE(0, "file"), BLOCK(1, "block"), DIR(2, "dir"), NETWORK(3, "network"), NETDIR(4, "netdir"),
    PLOOP(5, "ploop");

    private final int value;
    private final String label;

    StorageVolumeType(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    public String label() {
        return label;
    }

    public static StorageVolumeType fromValue(int value) {
        for (StorageVolumeType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        return FILE;
    }

    public static StorageVolumeType fromLabel(String label) {
        for (StorageVolumeType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return FILE;
    }
}
