package io.vireo.kvm.vmm.devices.legacy;

import io.vireo.kvm.vmm.devices.BusDevice;

/**
 * PCI configuration mechanism #1 with no devices: 0xcf8 latches the address, every data
 * read at 0xcfc-0xcff returns all-ones (no device answers). Offsets: 0 = 0xcf8, 4 = 0xcfc.
 */
public final class PciConf1 implements BusDevice {
    private int address;

    @Override
    public synchronized long read(long offset, int size) {
        if (offset < 4) {
            return size == 4 && offset == 0 ? address & 0xffffffffL : 0xff;
        }
        return size == 4 ? 0xffffffffL : size == 2 ? 0xffff : 0xff;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset == 0 && size == 4) {
            address = (int) value;
        }
    }
}
