package io.vireo.kvm.vmm.boot;

import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcpiTest {
    static final List<Acpi.MmioDevice> DEVICES = List.of(new Acpi.MmioDevice(0xd0000000L, 0x200, 5),
            new Acpi.MmioDevice(0xd0001000L, 0x200, 6));

    static int sum(GuestMemory m, long at, int len) {
        int s = 0;
        for (int i = 0; i < len; i++) {
            s += m.getByte(at + i);
        }
        return s & 0xff;
    }

    static String sig(GuestMemory m, long at, int n) {
        return new String(m.read(at, n), StandardCharsets.US_ASCII);
    }

    @Test
    void tablesChainAndChecksum() {
        GuestMemory m = GuestMemory.forTest(0x200000);
        long rsdp = Acpi.write(m, 2, DEVICES);
        assertEquals(0xe0000, rsdp);
        assertEquals("RSD PTR ", sig(m, rsdp, 8));
        assertEquals(0, sum(m, rsdp, 20));
        assertEquals(0, sum(m, rsdp, 36));
        assertEquals(2, m.getByte(rsdp + 15));
        long xsdt = m.getLong(rsdp + 24);
        assertEquals("XSDT", sig(m, xsdt, 4));
        int xlen = m.getInt(xsdt + 4);
        assertEquals(0, sum(m, xsdt, xlen));
        List<String> sigs = new ArrayList<>();
        long fadt = 0;
        long madt = 0;
        for (long e = xsdt + 36; e < xsdt + xlen; e += 8) {
            long t = m.getLong(e);
            String s = sig(m, t, 4);
            sigs.add(s);
            assertEquals(0, sum(m, t, m.getInt(t + 4)), s + " checksum");
            fadt = s.equals("FACP") ? t : fadt;
            madt = s.equals("APIC") ? t : madt;
        }
        assertEquals(List.of("FACP", "APIC"), sigs);
        assertEquals(276, m.getInt(fadt + 4));
        assertTrue((m.getInt(fadt + 112) & (1 << 20)) != 0, "hardware-reduced");
        long dsdt = m.getLong(fadt + 140);
        assertEquals(dsdt, m.getInt(fadt + 40) & 0xffffffffL);
        assertEquals("DSDT", sig(m, dsdt, 4));
        assertEquals(0, sum(m, dsdt, m.getInt(dsdt + 4)));
        // MADT: two enabled local APICs (ids 0, 1), then the IOAPIC.
        assertEquals(0xfee00000, m.getInt(madt + 36));
        assertArrayEquals(new byte[] {0, 8, 0, 0, 1, 0, 0, 0, 0, 8, 1, 1, 1, 0, 0, 0}, m.read(madt + 44, 16));
        assertEquals(1, m.getByte(madt + 60));
        assertEquals(0xfec00000, m.getInt(madt + 64));
    }

    @Test
    void dsdtDeclaresEachVirtioDevice() {
        byte[] d = Acpi.dsdt(DEVICES);
        String s = new String(d, StandardCharsets.ISO_8859_1);
        assertEquals(2, s.split("LNRO0005", -1).length - 1);
        assertTrue(s.contains("V000") && s.contains("V001"));
        // Memory32Fixed(ReadWrite, 0xd0001000, 0x200) then Interrupt(consumer, edge, high, exclusive) {6}.
        byte[] crs = Aml.concat(Aml.memory32Fixed(0xd0001000L, 0x200), Aml.extendedInterruptEdge(6));
        assertTrue(s.contains(new String(crs, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void packageLengths() {
        assertArrayEquals(new byte[] {3, 7, 7}, Aml.pkg(new byte[] {7, 7}));
        byte[] p = Aml.pkg(new byte[100]);
        assertEquals(0x40 | (102 & 0xf), p[0] & 0xff);
        assertEquals(102 >> 4, p[1]);
        byte[] big = Aml.pkg(new byte[5000]);
        assertEquals(0x80 | (5003 & 0xf), big[0] & 0xff);
        assertEquals((5003 >> 4) & 0xff, big[1] & 0xff);
        assertEquals(5003 >> 12, big[2]);
    }

    /** ACPICA's disassembler (acpica-tools), when installed, must read the DSDT back as written. */
    @Test
    void iaslDisassemblesTheDsdt(@TempDir Path tmp) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/iasl"))) {
            System.err.println("*** AcpiTest: iasl not installed (apt-get install acpica-tools); disassembly check SKIPPED");
            return;
        }
        List<Acpi.MmioDevice> many = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            many.add(new Acpi.MmioDevice(0xd0000000L + 0x1000L * i, 0x200, 5 + i));
        }
        Files.write(tmp.resolve("dsdt.dat"), Acpi.dsdt(many));
        Process p = new ProcessBuilder("iasl", "-d", "dsdt.dat").directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        String dsl = Files.readString(tmp.resolve("dsdt.dsl"));
        assertTrue(dsl.contains("Device (V008)"), dsl);
        assertTrue(dsl.contains("Name (_HID, \"LNRO0005\")"), dsl);
        assertTrue(dsl.contains("Memory32Fixed (ReadWrite,") && dsl.contains("0xD0008000"), dsl);
        assertTrue(dsl.contains("Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive, ,, )"), dsl);
        assertTrue(dsl.contains("0x0000000D"), dsl);
        assertTrue(dsl.contains("Name (_HID, EisaId (\"PNP0501\")"), dsl);
        assertTrue(dsl.contains("IO (Decode16,") && dsl.contains("0x03F8,") && dsl.contains("IRQNoFlags ()")
                && dsl.contains("{4}") && dsl.contains("{8}"), dsl);
        assertTrue(!out.toLowerCase().contains("error"), out);
    }
}
