package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads a bzImage, an optional initrd and the command line for the 64-bit boot protocol,
 * and writes the boot structures (GDT, identity page tables, zero page, MP table).
 */
public final class LinuxLoader {
    public record Loaded(long entry, long bootParams, long initrdAddr, long initrdSize) {
    }

    private LinuxLoader() {
    }

    public static Loaded load(GuestMemory mem, BzImage kernel, byte[] initrd, String cmdline, int vcpus) {
        return load(mem, kernel, initrd, cmdline, vcpus, List.of());
    }

    /**
     * As above, with ACPI tables describing the CPUs, the platform (power-off, reset, power button) and
     * the virtio-mmio devices; boot_params points at their RSDP. The MP table stays for guests without
     * ACPI (the probe, {@code acpi=off}).
     */
    public static Loaded load(GuestMemory mem, BzImage kernel, byte[] initrd, String cmdline, int vcpus,
                              List<Acpi.MmioDevice> acpiDevices) {
        long memSize = mem.size();
        long kernelEnd = Layout.KERNEL + Math.max(kernel.kernelSize(), kernel.initSize());
        if (kernelEnd > memSize) {
            throw new IllegalArgumentException("guest memory too small for the kernel (needs "
                    + (kernelEnd >> 20) + " MiB + initrd)");
        }
        mem.write(Layout.KERNEL, kernel.kernel());

        byte[] cl = cmdline.getBytes(StandardCharsets.US_ASCII);
        int max = Math.min(Layout.CMDLINE_MAX, kernel.cmdlineSize() > 0 ? kernel.cmdlineSize() + 1 : 256);
        if (cl.length + 1 > max) {
            throw new IllegalArgumentException("command line longer than the kernel accepts (" + (max - 1) + ")");
        }
        mem.fill(Layout.CMDLINE, max, (byte) 0);
        mem.write(Layout.CMDLINE, cl);

        long initrdAddr = 0;
        long initrdSize = 0;
        if (initrd != null && initrd.length > 0) {
            long top = Math.min(memSize, kernel.initrdAddrMax() + 1);
            initrdAddr = (top - initrd.length) & ~0xfffL;
            if (initrdAddr < kernelEnd) {
                throw new IllegalArgumentException("initrd does not fit above the kernel; give the guest more memory");
            }
            mem.write(initrdAddr, initrd);
            initrdSize = initrd.length;
        }

        Gdt.write(mem);
        PageTables.write(mem);
        MpTable.write(mem, Layout.MPTABLE, vcpus);
        ZeroPage.write(mem, Layout.ZERO_PAGE, kernel.setupHeader(), Layout.CMDLINE, initrdAddr, initrdSize,
                E820.forRam(memSize));
        mem.putLong(Layout.ZERO_PAGE + ZeroPage.ACPI_RSDP_ADDR, Acpi.write(mem, vcpus, acpiDevices));
        return new Loaded(Layout.KERNEL + 0x200, Layout.ZERO_PAGE, initrdAddr, initrdSize);
    }
}
