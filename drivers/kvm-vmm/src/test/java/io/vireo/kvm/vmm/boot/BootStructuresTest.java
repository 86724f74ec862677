package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Byte-level checks of the boot structures against the offsets of the x86 boot protocol and MP spec. */
class BootStructuresTest {
    static final int MEM = 64 << 20;

    /** A minimal bzImage: 1 setup sector + boot sector, header fields at their protocol offsets. */
    static byte[] fakeBzImage(int payload, int version, int xloadflags) {
        byte[] f = new byte[1024 + payload];
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        f[0x1f1] = 1;
        b.putShort(0x1fe, (short) 0xaa55);
        f[0x200] = (byte) 0xeb;
        f[0x201] = 0x6a; // header ends at 0x26c
        b.putInt(0x202, 0x53726448);
        b.putShort(0x206, (short) version);
        f[0x211] = 0x01;
        b.putInt(0x22c, 0x37ffffff);
        b.putShort(0x236, (short) xloadflags);
        b.putInt(0x238, 2047);
        b.putInt(0x260, 0x20000);
        for (int i = 0; i < payload; i++) {
            f[1024 + i] = (byte) (i * 7);
        }
        return f;
    }

    @Test
    void bzImageHeaderIsValidated() {
        BzImage k = BzImage.parse(fakeBzImage(4096, 0x020f, 1));
        assertEquals(0x020f, k.version());
        assertEquals(4096, k.kernelSize());
        assertEquals(0x26c - 0x1f1, k.setupHeader().length);
        assertEquals(0x37ffffffL, k.initrdAddrMax());
        assertThrows(IllegalArgumentException.class, () -> BzImage.parse(fakeBzImage(4096, 0x020b, 1)));
        assertThrows(IllegalArgumentException.class, () -> BzImage.parse(fakeBzImage(4096, 0x020f, 0)));
        byte[] bad = fakeBzImage(4096, 0x020f, 1);
        bad[0x202] = 'X';
        assertThrows(IllegalArgumentException.class, () -> BzImage.parse(bad));
    }

    @Test
    void zeroPageFieldsAndE820() {
        GuestMemory mem = GuestMemory.forTest(MEM);
        byte[] initrd = "initrd-bytes".getBytes(StandardCharsets.US_ASCII);
        BzImage k = BzImage.parse(fakeBzImage(4096, 0x020f, 1));
        LinuxLoader.Loaded l = LinuxLoader.load(mem, k, initrd, "console=ttyS0 x=1", 2);
        long zp = Layout.ZERO_PAGE;
        assertEquals(0x100200L, l.entry());
        assertEquals(0x7000L, l.bootParams());
        assertEquals(0x53726448, mem.getInt(zp + 0x202), "header copied into the zero page");
        assertEquals((short) 0x020f, mem.getShort(zp + 0x206));
        assertEquals((byte) 0xff, mem.getByte(zp + 0x210), "type_of_loader");
        assertEquals((byte) 0x81, mem.getByte(zp + 0x211), "LOADED_HIGH | CAN_USE_HEAP");
        assertEquals((short) 0xfe00, mem.getShort(zp + 0x224), "heap_end_ptr");
        assertEquals((short) 0xffff, mem.getShort(zp + 0x1fa), "vid_mode");
        assertEquals(0x20000, mem.getInt(zp + 0x228), "cmd_line_ptr");
        assertEquals("console=ttyS0 x=1", new String(mem.read(0x20000, 17), StandardCharsets.US_ASCII));
        assertEquals(0, mem.getByte(0x20000 + 17));
        // initrd at the top of RAM, page aligned, bytes intact
        long ri = mem.getInt(zp + 0x218) & 0xffffffffL;
        assertEquals((MEM - initrd.length) & ~0xfffL, ri);
        assertEquals(initrd.length, mem.getInt(zp + 0x21c));
        assertEquals(0, mem.getInt(zp + 0x0c0));
        assertArrayEquals(initrd, mem.read(ri, initrd.length));
        // e820: 3 entries of {u64 addr, u64 size, u32 type}, 20 bytes each, at 0x2d0
        assertEquals(3, mem.getByte(zp + 0x1e8));
        long e = zp + 0x2d0;
        assertEquals(0L, mem.getLong(e));
        assertEquals(0x9fc00L, mem.getLong(e + 8));
        assertEquals(1, mem.getInt(e + 16));
        assertEquals(0x9fc00L, mem.getLong(e + 20));
        assertEquals(0x100000L - 0x9fc00L, mem.getLong(e + 28));
        assertEquals(2, mem.getInt(e + 36));
        assertEquals(0x100000L, mem.getLong(e + 40));
        assertEquals(MEM - 0x100000L, mem.getLong(e + 48));
        assertEquals(1, mem.getInt(e + 56));
        // kernel payload at 1 MiB
        assertEquals((byte) 7, mem.getByte(0x100001));
    }

    @Test
    void e820ForRamHasAHoleForTheBiosArea() {
        List<E820.Entry> m = E820.forRam(128 << 20);
        assertEquals(new E820.Entry(0, 0x9fc00, E820.RAM), m.get(0));
        assertEquals(new E820.Entry(0x9fc00, 0x60400, E820.RESERVED), m.get(1));
        assertEquals(new E820.Entry(0x100000, (128 << 20) - 0x100000, E820.RAM), m.get(2));
    }

    @Test
    void initrdThatDoesNotFitIsRejected() {
        GuestMemory mem = GuestMemory.forTest(4 << 20);
        BzImage k = BzImage.parse(fakeBzImage(4096, 0x020f, 1));
        assertThrows(IllegalArgumentException.class, () -> LinuxLoader.load(mem, k, new byte[3 << 20], "x", 1));
    }

    @Test
    void pageTablesIdentityMapFourGiB() {
        GuestMemory mem = GuestMemory.forTest(1 << 20);
        PageTables.write(mem);
        assertEquals(0xa003L, mem.getLong(0x9000), "PML4[0] -> PDPT, present + writable");
        assertEquals(0L, mem.getLong(0x9008));
        for (int i = 0; i < 4; i++) {
            assertEquals(0xb003L + 0x1000L * i, mem.getLong(0xa000 + 8L * i), "PDPT[" + i + "]");
        }
        assertEquals(0L, mem.getLong(0xa000 + 32));
        assertEquals(0x83L, mem.getLong(0xb000), "2 MiB page at 0, PS | RW | P");
        assertEquals(0x200083L, mem.getLong(0xb008));
        assertEquals(0x40000083L, mem.getLong(0xc000), "1 GiB starts the second directory");
        assertEquals(0xffe00083L, mem.getLong(0xeff8), "last 2 MiB below 4 GiB (LAPIC)");
    }

    @Test
    void gdtDescriptors() {
        assertEquals(0x00af9b000000ffffL, Gdt.ENTRIES[2], "0x10: 64-bit code, L=1 D=0 G=1");
        assertEquals(0x00cf93000000ffffL, Gdt.ENTRIES[3], "0x18: data, D=1 G=1");
        assertEquals(0x008f8b000000ffffL, Gdt.ENTRIES[4], "0x20: busy 64-bit TSS");
        assertEquals(0L, Gdt.ENTRIES[0]);
        assertEquals(39, Gdt.limit());
        assertEquals(0x00cf9a000000ffffL, Gdt.entry(0xc09a, 0, 0xfffff));
        assertEquals(0x12cf9a345678ffffL, Gdt.entry(0xc09a, 0x12345678L, 0xfffff), "base split over 3 fields");
        GuestMemory mem = GuestMemory.forTest(1 << 20);
        Gdt.write(mem);
        assertEquals(Gdt.ENTRIES[2], mem.getLong(0x510));
        assertEquals(0L, mem.getLong(0x520), "empty IDT");
    }

    @Test
    void mpTableLayoutAndChecksums() {
        int cpus = 2;
        GuestMemory mem = GuestMemory.forTest(1 << 20);
        long fp = Layout.MPTABLE;
        MpTable.write(mem, fp, cpus);
        assertEquals("_MP_", new String(mem.read(fp, 4), StandardCharsets.US_ASCII));
        long ct = mem.getInt(fp + 4) & 0xffffffffL;
        assertEquals(fp + 16, ct);
        assertEquals(1, mem.getByte(fp + 8));
        assertEquals(4, mem.getByte(fp + 9));
        assertEquals(0, sum(mem, fp, 16), "floating pointer checksum");
        assertEquals("PCMP", new String(mem.read(ct, 4), StandardCharsets.US_ASCII));
        int len = mem.getShort(ct + 4);
        assertEquals(44 + 2 * 20 + 8 * (1 + 1 + 16 + 2), len);
        assertEquals(MpTable.size(cpus) - 16, len);
        assertEquals(0, sum(mem, ct, len), "config table checksum");
        assertEquals(4, mem.getByte(ct + 6));
        assertEquals(2 + 1 + 1 + 16 + 2, mem.getShort(ct + 34), "entry count");
        assertEquals((int) Layout.LAPIC, mem.getInt(ct + 36));
        long p = ct + 44;
        for (int i = 0; i < cpus; i++, p += 20) {
            assertEquals(0, mem.getByte(p), "processor entry");
            assertEquals(i, mem.getByte(p + 1), "APIC id");
            assertEquals(i == 0 ? 3 : 1, mem.getByte(p + 3), "enabled (+BSP)");
        }
        assertEquals(1, mem.getByte(p), "bus entry");
        assertEquals("ISA   ", new String(mem.read(p + 2, 6), StandardCharsets.US_ASCII));
        p += 8;
        assertEquals(2, mem.getByte(p), "IOAPIC entry");
        assertEquals(cpus, mem.getByte(p + 1), "IOAPIC id after the CPUs");
        assertEquals((int) Layout.IOAPIC, mem.getInt(p + 4));
        p += 8;
        for (int irq = 0; irq < 16; irq++, p += 8) {
            assertEquals(3, mem.getByte(p));
            assertEquals(irq, mem.getByte(p + 5), "source IRQ");
            assertEquals(irq, mem.getByte(p + 7), "IOAPIC pin = IRQ (KVM default routing)");
        }
        assertEquals(4, mem.getByte(p));
        assertEquals(3, mem.getByte(p + 1), "ExtINT");
        assertEquals(0, mem.getByte(p + 7), "LINT0");
        assertEquals(4, mem.getByte(p + 8));
        assertEquals(1, mem.getByte(p + 9), "NMI");
        assertEquals(1, mem.getByte(p + 15), "LINT1");
        assertTrue(fp + MpTable.size(cpus) <= 0xa0000L, "fits in base memory");
    }

    static int sum(GuestMemory mem, long at, int len) {
        int s = 0;
        for (int i = 0; i < len; i++) {
            s += mem.getByte(at + i);
        }
        return s & 0xff;
    }
}
