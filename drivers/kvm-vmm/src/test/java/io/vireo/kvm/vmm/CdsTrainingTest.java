package io.vireo.kvm.vmm;

import io.vireo.kvm.vmm.boot.BzImage;
import io.vireo.kvm.vmm.boot.Layout;
import io.vireo.kvm.vmm.boot.LinuxLoader;
import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training run's built-in guest and JNA library copy, without KVM. */
class CdsTrainingTest {
    @Test
    void theBuiltInKernelLoadsAndItsEntryReadsTheRtcWritesTheLineToCom1ThenHalts() {
        BzImage k = BzImage.parse(CdsTraining.kernel());
        assertEquals(0x020f, k.version());
        GuestMemory mem = GuestMemory.forTest(16 << 20);
        LinuxLoader.Loaded l = LinuxLoader.load(mem, k, null, "console=ttyS0", 1);
        assertEquals(Layout.KERNEL + 0x200, l.entry());
        long p = l.entry();
        for (byte r : CdsTraining.RTC_REGISTERS) { // mov al, r; out 0x70, al; in al, 0x71
            assertEquals(0xb0, mem.getByte(p) & 0xff);
            assertEquals(r, mem.getByte(p + 1));
            assertEquals(0xe6, mem.getByte(p + 2) & 0xff);
            assertEquals(0x70, mem.getByte(p + 3) & 0xff);
            assertEquals(0xe4, mem.getByte(p + 4) & 0xff);
            assertEquals(0x71, mem.getByte(p + 5) & 0xff);
            p += 6;
        }
        // mov dx, 0x3f8
        assertEquals(0x66, mem.getByte(p) & 0xff);
        assertEquals(0xba, mem.getByte(p + 1) & 0xff);
        assertEquals(0x3f8, mem.getShort(p + 2) & 0xffff);
        p += 4;
        StringBuilder printed = new StringBuilder();
        while ((mem.getByte(p) & 0xff) == 0xb0) { // mov al, imm8; out dx, al
            printed.append((char) mem.getByte(p + 1));
            assertEquals(0xee, mem.getByte(p + 2) & 0xff);
            p += 3;
        }
        assertEquals("vireo-vmm training\n", printed.toString());
        assertEquals(0xfa, mem.getByte(p) & 0xff);     // cli
        assertEquals(0xf4, mem.getByte(p + 1) & 0xff); // hlt
        assertEquals(0xeb, mem.getByte(p + 2) & 0xff); // jmp back to the hlt
        assertEquals(-3, mem.getByte(p + 3));
    }

    @Test
    void jnasLibraryIsCopiedWhole(@TempDir Path dir) throws Exception {
        Path lib = CdsTraining.unpackJnaLibrary(dir);
        assertEquals(dir.resolve(System.mapLibraryName("jnidispatch")), lib);
        assertTrue(Files.size(lib) > 10_000);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count()); // no temporary file left
        }
    }
}
