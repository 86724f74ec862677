package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;

/**
 * The boot GDT: null, null, 0x10 64-bit code, 0x18 data, 0x20 TSS. The 64-bit boot protocol
 * names 0x10/0x18 as __BOOT_CS/__BOOT_DS; the kernel loads its own GDT at once.
 */
public final class Gdt {
    private Gdt() {
    }

    public static final long[] ENTRIES = {
        0,
        0,
        entry(0xa09b, 0, 0xfffff),
        entry(0xc093, 0, 0xfffff),
        entry(0x808b, 0, 0xfffff),
    };

    /** Packs flags (type/S/DPL/P in bits 0-7, AVL/L/D/G in 12-15), base and limit into a descriptor. */
    public static long entry(int flags, long base, long limit) {
        return ((base & 0xff000000L) << (56 - 24))
                | (((long) flags & 0x0000f0ffL) << 40)
                | ((limit & 0x000f0000L) << (48 - 16))
                | ((base & 0x00ffffffL) << 16)
                | (limit & 0x0000ffffL);
    }

    public static void write(GuestMemory mem) {
        for (int i = 0; i < ENTRIES.length; i++) {
            mem.putLong(Layout.GDT + 8L * i, ENTRIES[i]);
        }
        mem.putLong(Layout.IDT, 0);
    }

    public static int limit() {
        return ENTRIES.length * 8 - 1;
    }
}
