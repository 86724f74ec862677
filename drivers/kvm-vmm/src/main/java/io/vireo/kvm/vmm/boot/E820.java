package io.vireo.kvm.vmm.boot;

import java.util.ArrayList;
import java.util.List;

/** The BIOS-style memory map handed to the kernel in boot_params. */
public final class E820 {
    public static final int RAM = 1;
    public static final int RESERVED = 2;

    public record Entry(long addr, long size, int type) {
    }

    private E820() {
    }

    /** RAM below the MP table, the reserved tail of base memory + BIOS area, then RAM from 1 MiB. */
    public static List<Entry> forRam(long memSize) {
        List<Entry> map = new ArrayList<>();
        map.add(new Entry(0, Layout.MPTABLE, RAM));
        map.add(new Entry(Layout.MPTABLE, Layout.EBDA_END - Layout.MPTABLE, RESERVED));
        map.add(new Entry(Layout.KERNEL, memSize - Layout.KERNEL, RAM));
        return map;
    }
}
