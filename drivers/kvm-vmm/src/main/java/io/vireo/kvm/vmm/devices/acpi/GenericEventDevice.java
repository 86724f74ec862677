package io.vireo.kvm.vmm.devices.acpi;

import io.vireo.kvm.vmm.devices.BusDevice;
import io.vireo.kvm.vmm.devices.IrqLine;

/**
 * The event register of the ACPI Generic Event Device (ACPI0013, ACPI 6.x 5.6.9), the way a
 * hardware-reduced platform signals events without GPE blocks: the host latches event bits and
 * pulses the GED's interrupt (edge, {@link #GSI}); the DSDT's {@code _EVT} method reads the one-byte
 * register at {@link #PORT}, which returns the pending bits and clears them, and acts on each bit
 * ({@link #POWER_BUTTON}: Notify(PWRB, 0x80)). Writes are ignored.
 */
public final class GenericEventDevice implements BusDevice {
    public static final int PORT = 0x603;
    /** The last IOAPIC pin: clear of the ISA lines and of the virtio devices' lines. */
    public static final int GSI = 23;
    /** Event bit: the power button was pressed. */
    public static final int POWER_BUTTON = 1;

    private volatile IrqLine irq;
    private int pending;

    public void setIrq(IrqLine irq) {
        this.irq = irq;
    }

    /** Latches a power-button press and interrupts the guest. */
    public void pressPowerButton() {
        synchronized (this) {
            pending |= POWER_BUTTON;
        }
        IrqLine l = irq;
        if (l != null) {
            l.set(true); // edge: pulse the line
            l.set(false);
        }
    }

    /** Events latched and not yet read by the guest. */
    public synchronized int pending() {
        return pending;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset != 0) {
            return 0;
        }
        int p = pending;
        pending = 0;
        return p;
    }

    @Override
    public void write(long offset, int size, long value) {
    }

    /** A new boot: no event carries over. */
    public synchronized void reset() {
        pending = 0;
    }
}
