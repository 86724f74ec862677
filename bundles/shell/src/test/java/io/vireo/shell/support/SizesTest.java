package io.vireo.shell.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scaled integers of setmem and vol-create-as, with the answers virsh 9.0 gives. */
class SizesTest {
    private static long kib(String s) throws Sizes.SizeException {
        return Sizes.toKiB(Sizes.parse(s, 1024, Sizes.ULLONG_MAX));
    }

    private static long bytes(String s) throws Sizes.SizeException {
        return Sizes.parse(s, 1, Sizes.ULLONG_MAX);
    }

    private static String error(String s, long scale) {
        return assertThrows(Sizes.SizeException.class, () -> Sizes.parse(s, scale, Sizes.ULLONG_MAX)).libvirtError();
    }

    @Test
    void aBareNumberUsesTheDefaultScale() throws Exception {
        assertEquals(1024, kib("1024"));
        assertEquals(1024, bytes("1024"));
    }

    @Test
    void binarySuffixes() throws Exception {
        assertEquals(10, kib("10KiB"));
        assertEquals(10, kib("10k"));
        assertEquals(10, kib("10K"));
        assertEquals(10240, kib("10m"));
        assertEquals(1048576, kib("1G"));
        assertEquals(524288, kib("512MiB"));
        assertEquals(1L << 40, bytes("1T"));
        assertEquals(1L << 50, bytes("1PiB"));
        assertEquals(1L << 60, bytes("1E"));
        assertEquals(10, kib("10kib"), "case never matters");
    }

    @Test
    void decimalSuffixesRoundUpToKiB() throws Exception {
        assertEquals(976563, kib("1GB"), "10^9 bytes is 976562.5 KiB: virsh rounds up");
        assertEquals(10, kib("10kb"));
        assertEquals(1_000_000L, bytes("1MB"));
        assertEquals(1_000_000_000_000L, bytes("1tb"));
    }

    @Test
    void bytes() throws Exception {
        assertEquals(1, kib("10b"));
        assertEquals(1, kib("10bytes"));
        assertEquals(1, kib("10Bytes"));
        assertEquals(1, kib("1byte"));
        assertEquals(10, bytes("10B"));
    }

    @Test
    void leadingSpaceAndPlusAreAccepted() throws Exception {
        assertEquals(10240, kib(" 10M"));
        assertEquals(10240, kib("+10M"));
    }

    @Test
    void notANumberIsMalformedWithoutALibvirtError() {
        assertNull(error("abc", 1024));
        assertNull(error("", 1024));
        assertNull(error("-5", 1024));
        assertNull(error("M", 1024));
        assertNull(error("99999999999999999999", 1024), "beyond unsigned 64 bits: strtoull's ERANGE");
    }

    @Test
    void unknownSuffixes() {
        assertEquals("invalid argument: unknown suffix 'X'", error("10X", 1024));
        assertEquals("invalid argument: unknown suffix '.5G'", error("1.5G", 1024));
        assertEquals("invalid argument: unknown suffix 'iB'", error("10iB", 1024));
        assertEquals("invalid argument: unknown suffix 'Mi'", error("10Mi", 1024));
        assertEquals("invalid argument: unknown suffix ' M'", error("10 M", 1024));
        assertEquals("invalid argument: unknown suffix 'MBB'", error("10MBB", 1));
    }

    @Test
    void overflowBeyondTheLimit() {
        assertEquals("numerical overflow: value too large: 16E", error("16E", 1));
        assertEquals("numerical overflow: value too large: 18014398509481984", error("18014398509481984", 1024));
        assertThrows(Sizes.SizeException.class, () -> Sizes.parse("2K", 1, 1024));
    }

    @Test
    void unsignedValuesAboveLongMax() throws Exception {
        long v = bytes("15E");
        assertEquals("17293822569102704640", Long.toUnsignedString(v));
        assertEquals("18446744073709551615", Long.toUnsignedString(bytes("18446744073709551615")));
        assertEquals(16888498602639360L, Sizes.toKiB(v));
    }

    @Test
    void zeroIsFine() throws Exception {
        assertEquals(0, kib("0"));
        assertEquals(0, kib("0E"));
    }
}
