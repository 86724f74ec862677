package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.devices.acpi.GenericEventDevice;
import io.vireo.kvm.vmm.devices.acpi.ResetRegister;
import io.vireo.kvm.vmm.devices.acpi.SleepRegisters;
import io.vireo.kvm.vmm.memory.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Minimal ACPI tables (ACPI 6.0 layouts) for a guest without PCI: RSDP (revision 2) → XSDT →
 * FADT (hardware-reduced: no SCI, no PM blocks; sleep control/status and reset registers as I/O
 * ports, see {@link io.vireo.kvm.vmm.devices.acpi}) + MADT (one Local APIC per vCPU, the IOAPIC,
 * identity ISA interrupt overrides so ISA IRQ n stays GSI n as in KVM's default routing, LINT1
 * NMI), and a DSDT with {@code \_S5} (power-off), COM1 and the CMOS RTC (PNP0501, PNP0B00: their
 * interrupts), the Generic Event Device (ACPI0013) and the power button (PNP0C0C) it notifies, and one
 * {@code LNRO0005} (virtio-mmio) device per virtio device with its register window and edge-triggered
 * interrupt, the form Linux's virtio_mmio driver matches (and QEMU microvm and Firecracker use). The
 * tables live in the BIOS area at {@link #BASE}, which the e820 map already reserves.
 */
public final class Acpi {
    /** A virtio-mmio device to declare: register window and GSI. */
    public record MmioDevice(long base, int size, int gsi) {
    }

    public static final long BASE = 0xe0000;
    static final long RSDP = BASE;
    static final long XSDT = BASE + 0x40;
    static final long FADT = BASE + 0x80;
    static final long MADT = BASE + 0x200;
    static final long DSDT = BASE + 0x400;
    static final long END = 0x100000;
    static final int FADT_LENGTH = 276;
    static final int FADT_HW_REDUCED = 1 << 20;
    static final int FADT_RESET_REG_SUP = 1 << 10;
    /** Set: the power button is a control-method device (the DSDT's PWRB), not a fixed feature. */
    static final int FADT_PWR_BUTTON_CONTROL_METHOD = 1 << 4;
    /** Set: no fixed-feature sleep button (and no control-method one either). */
    static final int FADT_SLP_BUTTON_CONTROL_METHOD = 1 << 5;
    static final int FADT_RESET_REG = 116;
    static final int FADT_RESET_VALUE = 128;
    static final int FADT_SLEEP_CONTROL_REG = 244;
    static final int FADT_SLEEP_STATUS_REG = 256;
    static final int GAS_SYSTEM_IO = 1;
    static final int GAS_BYTE_ACCESS = 1;
    static final int IAPC_8042 = 1 << 1;
    static final int IAPC_NO_VGA = 1 << 2;
    static final byte[] OEM_ID = "VIREO ".getBytes(StandardCharsets.US_ASCII);

    private Acpi() {
    }

    /** Writes the tables; returns the RSDP's address (for boot_params.acpi_rsdp_addr). */
    public static long write(GuestMemory mem, int vcpus, List<MmioDevice> devices) {
        byte[] dsdt = dsdt(devices);
        if (DSDT + dsdt.length > END) {
            throw new IllegalArgumentException("DSDT too large for the BIOS area: " + dsdt.length);
        }
        mem.write(DSDT, dsdt);
        mem.write(MADT, madt(vcpus));
        mem.write(FADT, fadt(DSDT));
        mem.write(XSDT, xsdt(FADT, MADT));
        mem.write(RSDP, rsdp(XSDT));
        return RSDP;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void checksum(byte[] t, int len, int at) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += t[i];
        }
        t[at] = (byte) (t[at] - sum);
    }

    /** A table: the 36-byte header (signature, length, revision, checksum, OEM ids) followed by {@code body}. */
    static byte[] table(String sig, int revision, byte[] body) {
        ByteBuffer b = le(36 + body.length);
        b.put(sig.getBytes(StandardCharsets.US_ASCII));
        b.putInt(36 + body.length);
        b.put((byte) revision);
        b.put((byte) 0);
        b.put(OEM_ID);
        b.put(("VIREO" + sig).getBytes(StandardCharsets.US_ASCII), 0, 8);
        b.putInt(1); // OEM revision
        b.put("VIRO".getBytes(StandardCharsets.US_ASCII)); // creator id
        b.putInt(1); // creator revision
        b.put(body);
        byte[] t = b.array();
        checksum(t, t.length, 9);
        return t;
    }

    static byte[] rsdp(long xsdt) {
        ByteBuffer b = le(36);
        b.put("RSD PTR ".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 0); // checksum of the first 20 bytes
        b.put(OEM_ID);
        b.put((byte) 2); // revision: ACPI 2.0+, XSDT
        b.putInt(0); // no RSDT
        b.putInt(36);
        b.putLong(xsdt);
        byte[] t = b.array();
        checksum(t, 20, 8);
        checksum(t, 36, 32);
        return t;
    }

    static byte[] xsdt(long... tables) {
        ByteBuffer b = le(8 * tables.length);
        for (long t : tables) {
            b.putLong(t);
        }
        return table("XSDT", 1, b.array());
    }

    static byte[] fadt(long dsdt) {
        ByteBuffer b = le(FADT_LENGTH - 36);
        b.putInt(40 - 36, (int) dsdt); // DSDT (32-bit)
        b.putShort(109 - 36, (short) (IAPC_8042 | IAPC_NO_VGA)); // IAPC_BOOT_ARCH
        b.putInt(112 - 36, FADT_HW_REDUCED | FADT_RESET_REG_SUP | FADT_PWR_BUTTON_CONTROL_METHOD
                | FADT_SLP_BUTTON_CONTROL_METHOD);
        ioPort(b, FADT_RESET_REG - 36, ResetRegister.PORT);
        b.put(FADT_RESET_VALUE - 36, (byte) ResetRegister.RESET_VALUE);
        b.put(131 - 36, (byte) 0); // FADT minor version (6.0)
        b.putLong(140 - 36, dsdt); // X_DSDT
        ioPort(b, FADT_SLEEP_CONTROL_REG - 36, SleepRegisters.PORT);
        ioPort(b, FADT_SLEEP_STATUS_REG - 36, SleepRegisters.PORT + 1);
        b.put(268 - 36, "VIREOVMM".getBytes(StandardCharsets.US_ASCII)); // hypervisor vendor identity
        return table("FACP", 6, b.array());
    }

    /** A Generic Address Structure (5.2.3.2) for one byte at I/O port {@code port}. */
    static void ioPort(ByteBuffer b, int at, int port) {
        b.put(at, (byte) GAS_SYSTEM_IO);
        b.put(at + 1, (byte) 8); // register bit width
        b.put(at + 2, (byte) 0); // bit offset
        b.put(at + 3, (byte) GAS_BYTE_ACCESS);
        b.putLong(at + 4, port);
    }

    static byte[] madt(int vcpus) {
        int isos = 15; // ISA IRQs 0-15 but the cascade (2)
        ByteBuffer b = le(8 + 8 * vcpus + 12 + 10 * isos + 6);
        b.putInt((int) Layout.LAPIC);
        b.putInt(0); // flags: no dual-8259 setup (hardware-reduced)
        for (int i = 0; i < vcpus; i++) {
            b.put((byte) 0).put((byte) 8).put((byte) i).put((byte) i).putInt(1); // Local APIC, enabled
        }
        b.put((byte) 1).put((byte) 12).put((byte) vcpus).put((byte) 0).putInt((int) Layout.IOAPIC).putInt(0);
        for (int irq = 0; irq < 16; irq++) {
            if (irq == 2) {
                continue;
            }
            // Interrupt source override ISA irq -> GSI irq, bus-default polarity/trigger (edge, high).
            b.put((byte) 2).put((byte) 10).put((byte) 0).put((byte) irq).putInt(irq).putShort((short) 0);
        }
        b.put((byte) 4).put((byte) 6).put((byte) 0xff).putShort((short) 0).put((byte) 1); // NMI on LINT1, all CPUs
        return table("APIC", 4, b.array());
    }

    /**
     * An ISA device (PNP id, ports, IRQ). Hardware-reduced ACPI leaves Linux without a legacy PIC and so
     * without its fixed ISA IRQ numbers: a device reaches its interrupt only through a resource like this.
     */
    static byte[] isaDevice(String name, String pnpId, int port, int ports, int irq) {
        return Aml.device(name, Aml.concat(
                Aml.name("_HID", Aml.eisaId(pnpId)),
                Aml.name("_UID", Aml.integer(0)),
                Aml.name("_CRS", Aml.buffer(Aml.concat(Aml.io(port, ports), Aml.irqNoFlags(irq), Aml.endTag())))));
    }

    /**
     * The Generic Event Device: its interrupt, its event register (read-to-clear) and {@code _EVT}, which
     * the guest's GED driver runs on each interrupt: a power-button event notifies PWRB with 0x80
     * ("button pressed"), which Linux's button driver reports as KEY_POWER.
     */
    static byte[] genericEventDevice() {
        byte[] evt = Aml.serializedMethod("_EVT", 1, Aml.concat(
                Aml.storeLocal0(Aml.nameRef("ESEL")),
                Aml.ifLocal0Has(GenericEventDevice.POWER_BUTTON, Aml.notify(Aml.rootPath("_SB_", "PWRB"), 0x80))));
        return Aml.device("GED_", Aml.concat(
                Aml.name("_HID", Aml.string("ACPI0013")),
                Aml.name("_UID", Aml.integer(0)),
                Aml.name("_CRS", Aml.buffer(Aml.concat(Aml.extendedInterruptEdge(GenericEventDevice.GSI), Aml.endTag()))),
                Aml.operationRegion("EREG", Aml.SYSTEM_IO, GenericEventDevice.PORT, 1),
                Aml.field("EREG", Aml.FIELD_BYTE_ACC_NO_LOCK_WRITE_AS_ZEROS, "ESEL", 8),
                evt));
    }

    static byte[] powerButton() {
        return Aml.device("PWRB", Aml.concat(
                Aml.name("_HID", Aml.eisaId("PNP0C0C")),
                Aml.name("_UID", Aml.integer(0))));
    }

    /** {@code \_S5}: the sleep type (SLP_TYPa, SLP_TYPb) a power-off writes to the sleep control register. */
    static byte[] s5() {
        byte[] type = Aml.integer(SleepRegisters.S5_SLEEP_TYPE);
        return Aml.name("_S5_", Aml.pack(type, type, Aml.integer(0), Aml.integer(0)));
    }

    static byte[] dsdt(List<MmioDevice> devices) {
        byte[] body = Aml.concat(isaDevice("COM1", "PNP0501", 0x3f8, 8, 4), isaDevice("RTC_", "PNP0B00", 0x70, 2, 8),
                genericEventDevice(), powerButton());
        for (int i = 0; i < devices.size(); i++) {
            MmioDevice d = devices.get(i);
            byte[] crs = Aml.concat(Aml.memory32Fixed(d.base(), d.size()), Aml.extendedInterruptEdge(d.gsi()),
                    Aml.endTag());
            byte[] dev = Aml.device(String.format("V%03X", i), Aml.concat(
                    Aml.name("_HID", Aml.string("LNRO0005")),
                    Aml.name("_UID", Aml.integer(i)),
                    Aml.name("_CCA", Aml.integer(1)), // cache-coherent DMA
                    Aml.name("_CRS", Aml.buffer(crs))));
            body = Aml.concat(body, dev);
        }
        return table("DSDT", 2, Aml.concat(s5(), Aml.rootScope("_SB_", body)));
    }
}
