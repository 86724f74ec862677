package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({
        "b, 1", "bytes, 1", "byte, 1", "B, 1",
        "K, 1024", "k, 1024", "KiB, 1024", "kib, 1024", "KB, 1000", "kb, 1000",
        "M, 1048576", "MiB, 1048576", "MB, 1000000",
        "G, 1073741824", "GiB, 1073741824", "GB, 1000000000",
        "T, 1099511627776", "TiB, 1099511627776", "TB, 1000000000000",
        "P, 1125899906842624", "PB, 1000000000000000",
        "E, 1152921504606846976", "EB, 1000000000000000000"})
    void scales(String unit, long expected) {
        assertEquals(expected, Units.scale(unit, 7));
    }

    @Test
    void emptyUnitMeansTheDefault() {
        assertEquals(7, Units.scale(null, 7));
        assertEquals(7, Units.scale("", 7));
    }

    @ParameterizedTest
    @CsvSource({
        "10M, 10485760", "10 M, 10485760", "512MiB, 536870912", "1G, 1073741824", "1GB, 1000000000",
        "4096, 4096", "0, 0", "3b, 3"})
    void parsesVirshSizesInBytes(String text, long bytes) {
        assertEquals(bytes, Units.parseBytes(text));
    }

    @ParameterizedTest
    @CsvSource({"512M, 524288", "1G, 1048576", "2048, 2048", "1000000b, 977", "1025b, 2", "1KB, 1"})
    void parsesMemoryInKibRoundingUp(String text, long kib) {
        assertEquals(kib, Units.parseKiB(text));
    }

    @Test
    void convertsElementValues() {
        assertEquals(4194304, Units.toKiB(4, "GiB"));
        assertEquals(4194304, Units.toKiB(4194304, null));
        assertEquals(10737418240L, Units.toBytes(10, "G"));
        assertEquals(10, Units.toBytes(10, null));
    }

    @Test
    void unknownSuffixIsAnInvalidArgument() {
        VirtException e = assertThrows(VirtException.class, () -> Units.parseBytes("10XB"));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals("invalid argument: unknown suffix 'XB'", e.getMessage());
        assertThrows(VirtException.class, () -> Units.scale("Mi", 1));
        assertThrows(VirtException.class, () -> Units.scale("KiBB", 1));
    }

    @Test
    void overflowIsReportedLikeLibvirt() {
        VirtException e = assertThrows(VirtException.class, () -> Units.parseBytes("99999999999999G"));
        assertEquals(ErrorCode.OVERFLOW, e.code());
        assertEquals("numerical overflow: value too large: 99999999999999G", e.getMessage());
        assertThrows(VirtException.class, () -> Units.parseBytes("99999999999999999999"));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(VirtException.class, () -> Units.parseBytes("M"));
        assertThrows(VirtException.class, () -> Units.parseBytes("-1M"));
        assertThrows(VirtException.class, () -> Units.parseBytes(""));
        assertThrows(VirtException.class, () -> Units.parseBytes(null));
    }
}
