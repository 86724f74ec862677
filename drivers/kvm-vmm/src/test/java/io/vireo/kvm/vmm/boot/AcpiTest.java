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
        int flags = m.getInt(fadt + 112);
        assertTrue((flags & (1 << 20)) != 0, "hardware-reduced");
        assertTrue((flags & (1 << 10)) != 0, "reset register supported");
        assertTrue((flags & (1 << 4)) != 0, "power button is a control-method device");
        // Generic address structures: SystemIO, 8 bits at offset 0, byte access, the port.
        assertArrayEquals(new byte[] {1, 8, 0, 1, 0x02, 0x06, 0, 0, 0, 0, 0, 0}, m.read(fadt + 116, 12), "RESET_REG");
        assertEquals(6, m.getByte(fadt + 128), "RESET_VALUE");
        assertArrayEquals(new byte[] {1, 8, 0, 1, 0x00, 0x06, 0, 0, 0, 0, 0, 0}, m.read(fadt + 244, 12),
                "SLEEP_CONTROL_REG");
        assertArrayEquals(new byte[] {1, 8, 0, 1, 0x01, 0x06, 0, 0, 0, 0, 0, 0}, m.read(fadt + 256, 12),
                "SLEEP_STATUS_REG");
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
    void tablesAreWrittenWithoutVirtioDevicesToo() {
        GuestMemory m = GuestMemory.forTest(0x200000);
        long rsdp = Acpi.write(m, 1, List.of());
        long dsdt = m.getLong(m.getLong(m.getLong(rsdp + 24) + 36) + 140);
        String s = new String(m.read(dsdt, m.getInt(dsdt + 4)), StandardCharsets.ISO_8859_1);
        assertTrue(s.contains("GED_") && s.contains("PWRB") && s.contains("_S5_") && !s.contains("LNRO0005"), s);
    }

    /** The power-off and power-button AML, byte for byte (ACPI 6.x 20.2). */
    @Test
    void powerAmlBytes() {
        // Name(_S5_, Package(4) {5, 5, 0, 0})
        assertArrayEquals(new byte[] {0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0a, 5, 0x0a, 5, 0, 0}, Acpi.s5());
        // Device(PWRB) { Name(_HID, EisaId("PNP0C0C")) Name(_UID, 0) }: PNP -> 0x41d0, product 0x0c0c.
        assertArrayEquals(new byte[] {0x5b, (byte) 0x82, 0x15, 'P', 'W', 'R', 'B',
            0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, (byte) 0xd0, 0x0c, 0x0c, 0x08, '_', 'U', 'I', 'D', 0x00},
                Acpi.powerButton());
        // OperationRegion(EREG, SystemIO, 0x603, 1) and Field(EREG, ByteAcc, NoLock, WriteAsZeros) { ESEL, 8 }
        assertArrayEquals(new byte[] {0x5b, (byte) 0x80, 'E', 'R', 'E', 'G', 1, 0x0b, 0x03, 0x06, 0x01},
                Aml.operationRegion("EREG", Aml.SYSTEM_IO, 0x603, 1));
        assertArrayEquals(new byte[] {0x5b, (byte) 0x81, 0x0b, 'E', 'R', 'E', 'G', 0x41, 'E', 'S', 'E', 'L', 8},
                Aml.field("EREG", Aml.FIELD_BYTE_ACC_NO_LOCK_WRITE_AS_ZEROS, "ESEL", 8));
        // Method(_EVT, 1, Serialized) { Local0 = ESEL; If (Local0 & 1) { Notify(\_SB.PWRB, 0x80) } }
        byte[] notify = {(byte) 0x86, 0x5c, 0x2e, '_', 'S', 'B', '_', 'P', 'W', 'R', 'B', 0x0a, (byte) 0x80};
        byte[] ifBody = Aml.concat(new byte[] {(byte) 0xa0, 0x12, 0x7b, 0x60, 0x01, 0x00}, notify);
        byte[] method = Aml.concat(new byte[] {0x14, 0x1f, '_', 'E', 'V', 'T', 0x09, 0x70, 'E', 'S', 'E', 'L', 0x60},
                ifBody);
        byte[] ged = Acpi.genericEventDevice();
        String g = new String(ged, StandardCharsets.ISO_8859_1);
        assertTrue(g.endsWith(new String(method, StandardCharsets.ISO_8859_1)), java.util.HexFormat.of().formatHex(ged));
        // Interrupt(ResourceConsumer, Edge, ActiveHigh, Exclusive) {23}
        assertTrue(g.contains(new String(new byte[] {(byte) 0x89, 6, 0, 3, 1, 23, 0, 0, 0}, StandardCharsets.ISO_8859_1)));
        assertTrue(g.contains("ACPI0013"));
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
        // Power-off, reset and the power button.
        assertTrue(dsl.contains("Name (_S5, Package (0x04)"), dsl);
        assertTrue(dsl.contains("Device (GED)") && dsl.contains("Name (_HID, \"ACPI0013\""), dsl);
        assertTrue(dsl.contains("OperationRegion (EREG, SystemIO, 0x0603, One)"), dsl);
        assertTrue(dsl.contains("ESEL,   8"), dsl);
        assertTrue(dsl.contains("Method (_EVT, 1, Serialized)"), dsl);
        assertTrue(dsl.contains("Local0 = ESEL"), dsl);
        assertTrue(dsl.contains("Notify (\\_SB.PWRB, 0x80)"), dsl);
        assertTrue(dsl.contains("0x00000017"), dsl);
        assertTrue(dsl.contains("Device (PWRB)") && dsl.contains("EisaId (\"PNP0C0C\")"), dsl);
        assertTrue(dsl.contains("Name (_HID, EisaId (\"PNP0501\")"), dsl);
        assertTrue(dsl.contains("IO (Decode16,") && dsl.contains("0x03F8,") && dsl.contains("IRQNoFlags ()")
                && dsl.contains("{4}") && dsl.contains("{8}"), dsl);
        assertTrue(!out.toLowerCase().contains("error"), out);
    }
}
