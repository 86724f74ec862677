package io.vireo.kvm.vmm.devices.acpi;

import io.vireo.kvm.vmm.devices.BusDevice;

import java.util.function.Consumer;

/**
 * FADT SLEEP_CONTROL_REG (offset 0) and SLEEP_STATUS_REG (offset 1), one byte each (ACPI 6.x 4.8.3.7).
 * Control: SLP_TYPx in bits 2-4, SLP_EN in bit 5; SLP_EN with {@link #S5_SLEEP_TYPE} is a power-off.
 * Status: WAK_STS in bit 7 (write 1 to clear). The guest never sleeps and wakes here (the DSDT declares
 * only {@code \_S5}), so status reads 0 and other sleep types are refused with one log line. After SLP_EN
 * for S5 the guest polls the status for WAK_STS until the VMM has stopped its vCPUs.
 */
public final class SleepRegisters implements BusDevice {
    public static final int PORT = 0x600;
    public static final int PORTS = 2;
    /** The SLP_TYPx value of {@code \_S5} in the DSDT. */
    public static final int S5_SLEEP_TYPE = 5;
    static final int SLP_EN = 1 << 5;

    private final Runnable powerOff;
    private final Consumer<String> log;
    private boolean refusedLogged;

    public SleepRegisters(Runnable powerOff, Consumer<String> log) {
        this.powerOff = powerOff;
        this.log = log;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) (value & 0xff);
        if (offset != 0 || (v & SLP_EN) == 0) {
            return;
        }
        int type = (v >> 2) & 7;
        if (type == S5_SLEEP_TYPE) {
            powerOff.run();
            return;
        }
        synchronized (this) {
            if (refusedLogged) {
                return;
            }
            refusedLogged = true;
        }
        log.accept("ACPI sleep type " + type + " requested; only S5 (power-off, type " + S5_SLEEP_TYPE
                + ") exists: ignored");
    }

    /** A new boot: log a refused sleep type again. */
    public synchronized void reset() {
        refusedLogged = false;
    }
}
