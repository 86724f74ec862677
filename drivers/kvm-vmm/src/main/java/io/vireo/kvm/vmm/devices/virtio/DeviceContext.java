package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.memory.GuestMemory;

/** What an activated device may use; valid from activate() until reset(). */
public interface DeviceContext {
    GuestMemory memory();

    Virtqueue queue(int index);

    /** True if the driver accepted feature {@code bit}. */
    boolean negotiated(int bit);

    /**
     * Whether a notification of {@code queue} counts now: the queue is ready and the device is not
     * broken. The transport checks this for notifications that exit to it; a device whose thread hears
     * them from an eventfd the hypervisor signals checks it itself.
     */
    boolean acceptsNotify(int queue);

    /** Used buffers were added to {@code queue}: interrupt the driver unless it asked not to be. */
    void signalUsed(int queue);

    /** The guest broke the contract: mark the device DEVICE_NEEDS_RESET, log, and tell the driver. */
    void fail(String why);
}
