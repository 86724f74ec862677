package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;

import java.util.List;

/** struct boot_params ("zero page"), written field by field at the offsets of the boot protocol. */
public final class ZeroPage {
    public static final int ACPI_RSDP_ADDR = 0x070;
    public static final int EXT_RAMDISK_IMAGE = 0x0c0;
    public static final int EXT_RAMDISK_SIZE = 0x0c4;
    public static final int EXT_CMD_LINE_PTR = 0x0c8;
    public static final int E820_ENTRIES = 0x1e8;
    public static final int VID_MODE = 0x1fa;
    public static final int TYPE_OF_LOADER = 0x210;
    public static final int LOADFLAGS = 0x211;
    public static final int RAMDISK_IMAGE = 0x218;
    public static final int RAMDISK_SIZE = 0x21c;
    public static final int HEAP_END_PTR = 0x224;
    public static final int CMD_LINE_PTR = 0x228;
    public static final int E820_TABLE = 0x2d0;
    public static final int E820_MAX = 128;
    public static final int LOADED_HIGH = 0x01;
    public static final int CAN_USE_HEAP = 0x80;

    private ZeroPage() {
    }

    public static void write(GuestMemory mem, long at, byte[] setupHeader, long cmdline, long initrd, long initrdSize,
                             List<E820.Entry> e820) {
        if (e820.size() > E820_MAX) {
            throw new IllegalArgumentException("too many e820 entries");
        }
        mem.fill(at, 4096, (byte) 0);
        mem.write(at + 0x1f1, setupHeader);
        mem.putShort(at + VID_MODE, 0xffff);
        mem.putByte(at + TYPE_OF_LOADER, 0xff);
        mem.putByte(at + LOADFLAGS, (mem.getByte(at + LOADFLAGS) & 0xff) | LOADED_HIGH | CAN_USE_HEAP);
        mem.putShort(at + HEAP_END_PTR, 0xfe00);
        mem.putInt(at + CMD_LINE_PTR, (int) cmdline);
        mem.putInt(at + EXT_CMD_LINE_PTR, (int) (cmdline >>> 32));
        mem.putInt(at + RAMDISK_IMAGE, (int) initrd);
        mem.putInt(at + EXT_RAMDISK_IMAGE, (int) (initrd >>> 32));
        mem.putInt(at + RAMDISK_SIZE, (int) initrdSize);
        mem.putInt(at + EXT_RAMDISK_SIZE, (int) (initrdSize >>> 32));
        mem.putByte(at + E820_ENTRIES, e820.size());
        for (int i = 0; i < e820.size(); i++) {
            E820.Entry e = e820.get(i);
            long p = at + E820_TABLE + 20L * i;
            mem.putLong(p, e.addr());
            mem.putLong(p + 8, e.size());
            mem.putInt(p + 16, e.type());
        }
    }
}
