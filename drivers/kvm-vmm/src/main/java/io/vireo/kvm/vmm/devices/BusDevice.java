package io.vireo.kvm.vmm.devices;

/** A device on the port or MMIO bus. Offsets are relative to the range it was mapped at. */
public interface BusDevice {
    /** Returns the value read (size bytes, little-endian, in the low bits). */
    long read(long offset, int size);

    void write(long offset, int size, long value);
}
