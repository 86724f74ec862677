package io.vireo.shell.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatTest {
    @Test
    void capacitiesAsVirshPrettyPrintsThem() {
        assertEquals("0.00 B", Format.capacity(0));
        assertEquals("1023.00 B", Format.capacity(1023));
        assertEquals("1.00 KiB", Format.capacity(1024));
        assertEquals("2.93 KiB", Format.capacity(3000));
        assertEquals("10.00 MiB", Format.capacity(10L << 20));
        assertEquals("110.00 MiB", Format.capacity(110L << 20));
        assertEquals("99.89 GiB", Format.capacity((100L << 30) - (110L << 20)));
        assertEquals("100.00 GiB", Format.capacity(100L << 30));
        assertEquals("1.00 TiB", Format.capacity(1L << 40));
        assertEquals("8.00 EiB", Format.capacity(Long.MAX_VALUE));
    }

    @Test
    void fieldsArePaddedLikeDominfoAndNodeinfo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Format.field(out, "Name:", "test");
        Format.field(out, "Security DOI:", "");
        Format.wideField(out, "CPU model:", "i686");
        assertEquals("Name:           test\nSecurity DOI:   \nCPU model:           i686\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void yesNo() {
        assertEquals("yes", Format.yesNo(true));
        assertEquals("no", Format.yesNo(false));
    }
}
