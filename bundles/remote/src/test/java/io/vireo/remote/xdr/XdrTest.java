package io.vireo.remote.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class XdrTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static XdrDecoder dec(String s) {
        return new XdrDecoder(hex(s));
    }

    private static String enc(java.util.function.Consumer<XdrEncoder> body) {
        XdrEncoder e = new XdrEncoder(1);
        body.accept(e);
        return HexFormat.of().formatHex(e.toByteArray());
    }

    @Test
    void integersAreBigEndianFourAndEightBytes() {
        assertEquals("00000001fffffffe7fffffff80000000", enc(e -> e.writeInt(1).writeInt(-2)
            .writeInt(Integer.MAX_VALUE).writeInt(Integer.MIN_VALUE)));
        assertEquals("0102030405060708ffffffffffffffff", enc(e -> e.writeHyper(0x0102030405060708L)
            .writeUnsignedHyper(-1L)));
        XdrDecoder d = dec("fffffffe ffffffff 0102030405060708 ffffffffffffffff");
        assertEquals(-2, d.readInt());
        assertEquals(0xffff_ffffL, d.readUnsignedIntAsLong());
        assertEquals(0x0102030405060708L, d.readHyper());
        assertEquals(-1L, d.readUnsignedHyper());
        d.requireEnd();
    }

    @Test
    void doubleIsIeeeBigEndian() {
        assertEquals("400921fb54442d18", enc(e -> e.writeDouble(Math.PI)));
        assertEquals(Math.PI, dec("400921fb54442d18").readDouble());
        assertTrue(Double.isNaN(dec("7ff8000000000000").readDouble()));
    }

    @Test
    void booleanIsZeroOrOneOnly() {
        assertEquals("0000000100000000", enc(e -> e.writeBoolean(true).writeBoolean(false)));
        assertTrue(dec("00000001").readBoolean());
        assertFalse(dec("00000000").readBoolean());
        assertThrows(XdrException.class, () -> dec("00000002").readBoolean());
        assertThrows(XdrException.class, () -> dec("ffffffff").readBoolean());
    }

    @Test
    void charTakesFourBytes() {
        assertEquals("00000069ffffff80000000ff", enc(e -> e.writeChar('i').writeChar(-128).writeChar(255)));
        XdrDecoder d = dec("00000069 ffffff80 000000ff");
        assertEquals('i', d.readChar());
        assertEquals(-128, d.readChar());
        assertEquals(255, d.readChar());
        assertThrows(XdrException.class, () -> dec("00000100").readChar());
        assertThrows(XdrException.class, () -> dec("ffffff7f").readChar());
        assertThrows(XdrException.class, () -> new XdrEncoder().writeChar(256));
    }

    @Test
    void fixedOpaqueIsPaddedToFourBytes() {
        assertEquals("0102030405000000", enc(e -> e.writeFixedOpaque(new byte[] {1, 2, 3, 4, 5}, 5)));
        assertEquals("01020304", enc(e -> e.writeFixedOpaque(new byte[] {1, 2, 3, 4}, 4)));
        XdrDecoder d = dec("0102030405aabbcc 00000007");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, d.readFixedOpaque(5)); // padding content is not checked
        assertEquals(7, d.readInt());
        // the padding itself must be there
        assertThrows(XdrException.class, () -> dec("0102030405").readFixedOpaque(5));
        assertThrows(XdrException.class, () -> new XdrEncoder().writeFixedOpaque(new byte[3], 4));
    }

    @Test
    void variableOpaqueHasLengthAndPadding() {
        assertEquals("00000003 010203 00".replace(" ", ""), enc(e -> e.writeOpaque(new byte[] {1, 2, 3}, 10)));
        assertEquals("00000000", enc(e -> e.writeOpaque(new byte[0], 0)));
        assertArrayEquals(new byte[] {1, 2, 3}, dec("00000003 01020300").readOpaque(3));
        assertThrows(XdrException.class, () -> dec("00000004 01020304").readOpaque(3));
        assertThrows(XdrException.class, () -> new XdrEncoder().writeOpaque(new byte[4], 3));
        assertThrows(XdrException.class, () -> dec("00000003 0102").readOpaque(10));
    }

    @Test
    void stringsAreLengthUtf8AndPadding() {
        assertEquals("0000000474657374", enc(e -> e.writeString("test", 100)));
        assertEquals("000000056162636465000000", enc(e -> e.writeString("abcde", 100)));
        assertEquals("00000000", enc(e -> e.writeString("", 0)));
        assertEquals("00000002c3a90000", enc(e -> e.writeString("\u00e9", 2)));
        assertEquals("test", dec("0000000474657374").readString(4));
        assertEquals("abcde", dec("00000005 6162636465 ffffff").readString(5));
        assertEquals("\u00e9", dec("00000002 c3a90000").readString(2));
        assertEquals("", dec("00000000").readString(0));
    }

    @Test
    void stringLimitsAreEnforcedBothWays() {
        assertThrows(XdrException.class, () -> dec("00000005 6162636465000000").readString(4));
        assertThrows(XdrException.class, () -> new XdrEncoder().writeString("abcde", 4));
        // the limit counts UTF-8 bytes, not chars
        assertThrows(XdrException.class, () -> new XdrEncoder().writeString("\u00e9\u00e9\u00e9", 5));
        assertThrows(XdrException.class, () -> new XdrEncoder().writeString(null, 5));
    }

    @Test
    void malformedUtf8IsRejected() {
        assertThrows(XdrException.class, () -> dec("00000001 ff000000").readString(10));
        assertThrows(XdrException.class, () -> dec("00000002 c3280000").readString(10));
        // an encoded surrogate is not UTF-8
        assertThrows(XdrException.class, () -> dec("00000003 eda08000").readString(10));
    }

    @Test
    void negativeAndHugeLengthsFailWithoutAllocating() {
        for (String len : new String[] {"80000000", "ffffffff", "7fffffff", "00400001"}) {
            assertThrows(XdrException.class, () -> dec(len + "00000000").readString(4 * 1024 * 1024), len);
            assertThrows(XdrException.class, () -> dec(len + "00000000").readOpaque(Integer.MAX_VALUE), len);
            assertThrows(XdrException.class, () -> dec(len + "00000000").readArray(Integer.MAX_VALUE,
                XdrDecoder::readInt), len);
            assertThrows(XdrException.class, () -> dec(len + "00000000").readIntArray(Integer.MAX_VALUE), len);
            assertThrows(XdrException.class, () -> dec(len + "00000000").readHyperArray(Integer.MAX_VALUE), len);
            assertThrows(XdrException.class, () -> dec(len + "00000000").readCharString(Integer.MAX_VALUE), len);
        }
        // within the maximum but beyond the bytes left: still refused before allocating
        assertThrows(XdrException.class, () -> dec("00010000 00000001").readArray(16384, XdrDecoder::readInt));
        assertThrows(XdrException.class, () -> dec("00000003 00000001 00000002").readHyperArray(16));
    }

    @Test
    void optionalIsAFlagThenTheValue() {
        assertEquals("00000000", enc(e -> e.writeOptionalString(null, 10)));
        assertEquals("0000000100000000", enc(e -> e.writeOptionalString("", 10)));
        assertNull(dec("00000000").readOptionalString(10));
        assertEquals("", dec("0000000100000000").readOptionalString(10));
        assertEquals("ab", dec("00000001 00000002 61620000").readOptionalString(10));
        assertThrows(XdrException.class, () -> dec("00000002 00000000").readOptionalString(10));
        assertThrows(XdrException.class, () -> dec("00000001").readOptionalString(10));
        assertEquals(Integer.valueOf(5), dec("00000001 00000005").readOptional(XdrDecoder::readInt));
    }

    @Test
    void arraysHaveCountAndMaximum() {
        assertEquals("000000020000000700000008", enc(e -> e.writeArray(List.of(7, 8), 2, XdrEncoder::writeInt)));
        assertEquals(List.of(7, 8), dec("000000020000000700000008").readArray(2, XdrDecoder::readInt));
        assertThrows(XdrException.class, () -> dec("000000030000000700000008 00000009").readArray(2,
            XdrDecoder::readInt));
        assertThrows(XdrException.class, () -> new XdrEncoder().writeArray(List.of(1, 2, 3), 2,
            XdrEncoder::writeInt));
        assertArrayEquals(new int[] {-1, 2}, dec("00000002 ffffffff 00000002").readIntArray(2));
        assertArrayEquals(new long[] {3}, dec("00000001 0000000000000003").readHyperArray(1));
        assertEquals("00000001ffffffffffffffff", enc(e -> e.writeHyperArray(new long[] {-1}, 1)));
        assertEquals("00000000", enc(e -> e.writeIntArray(new int[0], 0)));
    }

    @Test
    void uuidIsSixteenRawBytes() {
        UUID u = UUID.fromString("dec04130-efe7-4cf6-8edb-1c68e792f621");
        assertEquals("dec04130efe74cf68edb1c68e792f621", enc(e -> e.writeUuid(u)));
        assertEquals(u, dec("dec04130efe74cf68edb1c68e792f621").readUuid());
        assertThrows(XdrException.class, () -> dec("dec04130efe74cf68edb1c68e792f6").readUuid());
    }

    @Test
    void fixedCharStringIsNulPaddedAndNeedsItsNul() {
        String model = enc(e -> e.writeFixedCharString("i686", 32));
        assertEquals(256, model.length()); // 32 chars of 4 bytes
        assertTrue(model.startsWith("00000069000000360000003800000036" + "00000000"));
        assertEquals("i686", new XdrDecoder(hex(model)).readFixedCharString(32));
        assertThrows(XdrException.class, () -> new XdrEncoder().writeFixedCharString("x".repeat(32), 32));
        String full = enc(e -> {
            for (int i = 0; i < 32; i++) {
                e.writeChar('x');
            }
        });
        assertThrows(XdrException.class, () -> new XdrDecoder(hex(full)).readFixedCharString(32));
        assertThrows(XdrException.class, () -> new XdrDecoder(hex(model), 0, 124).readFixedCharString(32));
    }

    @Test
    void charStringKeepsWhatWasSentIncludingNul() {
        String label = enc(e -> e.writeCharString("ab\0", 10));
        assertEquals("00000003000000610000006200000000", label);
        assertEquals("ab\0", new XdrDecoder(hex(label)).readCharString(10));
        assertThrows(XdrException.class, () -> new XdrDecoder(hex(label)).readCharString(2));
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, dec("00000002 ffffffff 00000000").readCharBytes(2));
        assertEquals("00000001ffffffff", enc(e -> e.writeCharBytes(new byte[] {(byte) 0xff}, 1)));
    }

    @Test
    void everyReadChecksTheBytesLeft() {
        assertThrows(XdrException.class, () -> dec("000000").readInt());
        assertThrows(XdrException.class, () -> dec("00000000 000000").readHyper());
        assertThrows(XdrException.class, () -> dec("").readInt());
        XdrDecoder d = dec("00000001 00000002");
        d.readInt();
        assertEquals(4, d.position());
        assertEquals(4, d.remaining());
        assertThrows(XdrException.class, d::requireEnd);
        d.readInt();
        d.requireEnd();
        assertThrows(XdrException.class, d::readInt);
    }

    @Test
    void decoderRespectsItsWindow() {
        byte[] b = hex("ffffffff 00000005 ffffffff");
        XdrDecoder d = new XdrDecoder(b, 4, 4);
        assertEquals(5, d.readInt());
        assertThrows(XdrException.class, d::readInt);
        ByteBuffer bb = ByteBuffer.wrap(b, 4, 8).slice();
        XdrDecoder fromBuffer = XdrDecoder.of(bb);
        assertEquals(5, fromBuffer.readInt());
        assertEquals(-1, fromBuffer.readInt());
        assertEquals(0, bb.position()); // not consumed
        ByteBuffer direct = ByteBuffer.allocateDirect(4).putInt(9).flip();
        assertEquals(9, XdrDecoder.of(direct).readInt());
    }

    @Test
    void encoderGrowsAndPatches() {
        XdrEncoder e = new XdrEncoder(1);
        e.writeInt(0);
        for (int i = 0; i < 10_000; i++) {
            e.writeString("x", 1);
        }
        e.setInt(0, e.size());
        byte[] out = e.toByteArray();
        assertEquals(4 + 10_000 * 8, out.length);
        assertEquals(out.length, new XdrDecoder(out).readInt());
        assertThrows(IndexOutOfBoundsException.class, () -> e.setInt(out.length - 3, 0));
    }
}
