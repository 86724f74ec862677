package io.vireo.kvm.vmm.boot;

/** Where the 64-bit Linux boot puts things in guest physical memory (all below 1 MiB but the kernel). */
public final class Layout {
    private Layout() {
    }

    public static final long GDT = 0x500;
    public static final long IDT = 0x520;
    public static final long ZERO_PAGE = 0x7000;
    public static final long BOOT_STACK = 0x8ff0;
    public static final long PML4 = 0x9000;
    public static final long PDPT = 0xa000;
    /** Four page directories, 0xb000..0xefff: 4 GiB identity map of 2 MiB pages. */
    public static final long PD = 0xb000;
    public static final long CMDLINE = 0x20000;
    public static final int CMDLINE_MAX = 2048;
    /** MP floating pointer + config table in the last KiB of base memory, where Linux scans. */
    public static final long MPTABLE = 0x9fc00;
    public static final long EBDA_END = 0x100000;
    public static final long KERNEL = 0x100000;
    public static final long KVM_IDENTITY_MAP = 0xfffbc000L;
    public static final long KVM_TSS = 0xfffbd000L;
    public static final long IOAPIC = 0xfec00000L;
    public static final long LAPIC = 0xfee00000L;

    public static final int SEL_CODE = 0x10;
    public static final int SEL_DATA = 0x18;
    public static final int SEL_TSS = 0x20;
}
