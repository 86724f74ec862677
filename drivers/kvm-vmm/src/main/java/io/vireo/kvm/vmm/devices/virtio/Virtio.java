package io.vireo.kvm.vmm.devices.virtio;

/** Constants from the virtio 1.x specification. */
public final class Virtio {
    private Virtio() {
    }

    public static final int STATUS_ACKNOWLEDGE = 1;
    public static final int STATUS_DRIVER = 2;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_NEEDS_RESET = 0x40;
    public static final int STATUS_FAILED = 0x80;

    public static final int F_RING_INDIRECT_DESC = 28;
    public static final int F_RING_EVENT_IDX = 29;
    public static final int F_VERSION_1 = 32;

    public static final int ISR_QUEUE = 1;
    public static final int ISR_CONFIG = 2;

    public static final int ID_NET = 1;
    public static final int ID_BLOCK = 2;
    public static final int ID_CONSOLE = 3;
    public static final int ID_ENTROPY = 4;
    public static final int ID_BALLOON = 5;

    public static long bit(int b) {
        return 1L << b;
    }

    /** Little-endian bytes {@code offset..offset+size} of a config block held in {@code cfg}; zero beyond it. */
    public static long configBytes(byte[] cfg, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            int o = offset + i;
            v = (v << 8) | (o >= 0 && o < cfg.length ? cfg[o] & 0xff : 0);
        }
        return v;
    }
}
