package io.vireo.kvm.vmm.devices.virtio;

/** What a virtio device type implements; the transport ({@link VirtioMmio}) does the rest. */
public interface VirtioDevice {
    /** virtio device id (2 block, 4 entropy, ...). */
    int deviceType();

    /** Short name for logs, e.g. "virtio-blk". */
    String name();

    /** Offered feature bits, including {@link Virtio#F_VERSION_1} and any ring features. */
    long features();

    /** Maximum size of each queue (a power of two); the array length is the queue count. */
    int[] queueMaxSizes();

    /** Reads {@code size} bytes of device configuration at {@code offset} (little-endian, zero beyond the end). */
    long readConfig(int offset, int size);

    default void writeConfig(int offset, int size, long value) {
    }

    /** The driver set DRIVER_OK: queues are set up; the device may start using them. */
    void activate(DeviceContext context);

    /** The driver notified queue {@code queue}. Called on a vCPU thread: hand long work to another thread. */
    void notifyQueue(int queue);

    /** Stops all work; after return the device must not touch guest memory or the old context again. */
    void reset();

    /** The transport's "configuration changed" signal, for devices whose configuration the host changes. */
    default void setConfigNotifier(Runnable notifier) {
    }

    /** Releases host resources (files, threads) when the VMM ends. */
    default void close() {
    }
}
