package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;

import java.nio.charset.StandardCharsets;

/**
 * Intel MP table (spec 1.4): floating pointer + configuration table with one processor entry
 * per vCPU, an ISA bus, the IOAPIC, ISA IRQ n -> IOAPIC pin n (KVM's default GSI routing,
 * unlike a PC's IRQ0 -> pin 2), and ExtINT/NMI on LINT0/LINT1.
 */
public final class MpTable {
    public static final int FLOATING_SIZE = 16;
    public static final int HEADER_SIZE = 44;
    public static final int PROCESSOR_SIZE = 20;
    public static final int ENTRY_SIZE = 8;
    public static final int ISA_IRQS = 16;

    private MpTable() {
    }

    public static int size(int vcpus) {
        return FLOATING_SIZE + HEADER_SIZE + vcpus * PROCESSOR_SIZE + ENTRY_SIZE * (1 + 1 + ISA_IRQS + 2);
    }

    public static void write(GuestMemory mem, long at, int vcpus) {
        if (vcpus < 1 || vcpus > 254) {
            throw new IllegalArgumentException("vcpus must be 1..254");
        }
        long table = at + FLOATING_SIZE;
        int ioapicId = vcpus;
        mem.fill(at, size(vcpus), (byte) 0);

        // Floating pointer structure.
        mem.write(at, "_MP_".getBytes(StandardCharsets.US_ASCII));
        mem.putInt(at + 4, (int) table);
        mem.putByte(at + 8, 1);       // length in 16-byte units
        mem.putByte(at + 9, 4);       // spec revision 1.4
        mem.putByte(at + 10, checksum(mem, at, FLOATING_SIZE));

        long p = table + HEADER_SIZE;
        int count = 0;
        for (int i = 0; i < vcpus; i++) {
            mem.putByte(p, 0);                          // processor
            mem.putByte(p + 1, i);                      // local APIC id
            mem.putByte(p + 2, 0x14);                   // local APIC version
            mem.putByte(p + 3, 0x01 | (i == 0 ? 0x02 : 0)); // enabled, BSP
            mem.putInt(p + 4, 0x600);                   // cpu signature
            mem.putInt(p + 8, 0x201);                   // features: FPU, APIC
            p += PROCESSOR_SIZE;
            count++;
        }
        mem.putByte(p, 1);                              // bus 0: ISA
        mem.putByte(p + 1, 0);
        mem.write(p + 2, "ISA   ".getBytes(StandardCharsets.US_ASCII));
        p += ENTRY_SIZE;
        count++;
        mem.putByte(p, 2);                              // IOAPIC
        mem.putByte(p + 1, ioapicId);
        mem.putByte(p + 2, 0x11);
        mem.putByte(p + 3, 1);                          // usable
        mem.putInt(p + 4, (int) Layout.IOAPIC);
        p += ENTRY_SIZE;
        count++;
        for (int irq = 0; irq < ISA_IRQS; irq++) {
            mem.putByte(p, 3);                          // I/O interrupt
            mem.putByte(p + 1, 0);                      // INT
            mem.putShort(p + 2, 0);                     // conforming polarity/trigger
            mem.putByte(p + 4, 0);                      // source bus
            mem.putByte(p + 5, irq);
            mem.putByte(p + 6, ioapicId);
            mem.putByte(p + 7, irq);                    // identity: KVM routes GSI n to pin n
            p += ENTRY_SIZE;
            count++;
        }
        mem.putByte(p, 4);                              // local interrupt: ExtINT -> LINT0
        mem.putByte(p + 1, 3);
        mem.putShort(p + 2, 0);
        mem.putByte(p + 4, 0);
        mem.putByte(p + 5, 0);
        mem.putByte(p + 6, 0xff);
        mem.putByte(p + 7, 0);
        p += ENTRY_SIZE;
        count++;
        mem.putByte(p, 4);                              // NMI -> LINT1
        mem.putByte(p + 1, 1);
        mem.putShort(p + 2, 0);
        mem.putByte(p + 4, 0);
        mem.putByte(p + 5, 0);
        mem.putByte(p + 6, 0xff);
        mem.putByte(p + 7, 1);
        p += ENTRY_SIZE;
        count++;

        int length = (int) (p - table);
        mem.write(table, "PCMP".getBytes(StandardCharsets.US_ASCII));
        mem.putShort(table + 4, length);
        mem.putByte(table + 6, 4);
        mem.write(table + 8, "VIREO   ".getBytes(StandardCharsets.US_ASCII));
        mem.write(table + 16, "KVM-VMM     ".getBytes(StandardCharsets.US_ASCII));
        mem.putShort(table + 34, count);
        mem.putInt(table + 36, (int) Layout.LAPIC);
        mem.putByte(table + 7, checksum(mem, table, length));
    }

    /** The byte that makes the sum of the range zero (the checksum byte itself must be 0 here). */
    static int checksum(GuestMemory mem, long at, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += mem.getByte(at + i);
        }
        return (-sum) & 0xff;
    }
}
