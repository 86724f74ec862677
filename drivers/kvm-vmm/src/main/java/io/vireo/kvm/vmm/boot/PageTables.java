package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;

/**
 * Identity map of the first 4 GiB with 2 MiB pages: PML4[0] -> PDPT, PDPT[0..3] -> four page
 * directories. Covers the kernel, boot data and the LAPIC/IOAPIC so any guest can run
 * before it builds its own tables.
 */
public final class PageTables {
    private PageTables() {
    }

    static final long PRESENT_RW = 0x3;
    static final long HUGE = 0x80;

    public static void write(GuestMemory mem) {
        mem.fill(Layout.PML4, 0x1000, (byte) 0);
        mem.fill(Layout.PDPT, 0x1000, (byte) 0);
        mem.putLong(Layout.PML4, Layout.PDPT | PRESENT_RW);
        long[] entries = new long[512];
        for (int i = 0; i < 4; i++) {
            long pd = Layout.PD + 0x1000L * i;
            mem.putLong(Layout.PDPT + 8L * i, pd | PRESENT_RW);
            for (int j = 0; j < 512; j++) {
                entries[j] = ((long) i << 30) | ((long) j << 21) | PRESENT_RW | HUGE;
            }
            mem.putLongs(pd, entries); // one copy per directory: the VMM starts interpreted
        }
    }
}
