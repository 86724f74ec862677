package io.vireo.kvm.vmm.devices.virtio;

/**
 * Where a transport registers a queue's notification register with the hypervisor, so that the
 * guest's write of a queue index signals the device's eventfd in the kernel instead of exiting to
 * the VMM (KVM_IOEVENTFD). Without a registry, or when {@link #assign} says no, notifications keep
 * arriving as MMIO exits.
 */
public interface NotifyRegistry {
    /** A {@code len}-byte write of {@code datamatch} at {@code addr} signals eventfd {@code fd}; false if not possible. */
    boolean assign(long addr, int len, long datamatch, int fd);

    /** Undoes {@link #assign}; late writes exit to the VMM again. */
    void deassign(long addr, int len, long datamatch, int fd);
}
