package io.vireo.kvm.vmm.devices;

/** An interrupt line into the in-kernel PIC/IOAPIC. */
@FunctionalInterface
public interface IrqLine {
    void set(boolean level);
}
