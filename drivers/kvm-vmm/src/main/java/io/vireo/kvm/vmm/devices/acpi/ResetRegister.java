package io.vireo.kvm.vmm.devices.acpi;

import io.vireo.kvm.vmm.devices.BusDevice;

/**
 * FADT RESET_REG (ACPI 6.x 4.8.3.6): one byte; writing {@link #RESET_VALUE} resets the machine,
 * any other value is ignored. Reads return 0.
 */
public final class ResetRegister implements BusDevice {
    public static final int PORT = 0x602;
    public static final int RESET_VALUE = 0x06;

    private final Runnable resetRequest;

    public ResetRegister(Runnable resetRequest) {
        this.resetRequest = resetRequest;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset == 0 && (value & 0xff) == RESET_VALUE) {
            resetRequest.run();
        }
    }
}
