package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.memory.GuestMemory;

/** What an activated device may use; valid from activate() until reset(). */
public interface DeviceContext {
    GuestMemory memory();

    Virtqueue queue(int index);

    /** True if the driver accepted feature {@code bit}. */
    boolean negotiated(int bit);

    /** Used buffers were added to {@code queue}: interrupt the driver unless it asked not to be. */
    void signalUsed(int queue);

    /** The guest broke the contract: mark the device DEVICE_NEEDS_RESET, log, and tell the driver. */
    void fail(String why);
}
