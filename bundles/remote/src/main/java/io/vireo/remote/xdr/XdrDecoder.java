package io.vireo.remote.xdr;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads XDR from a byte range. Every read checks the bytes left first; every length or count is checked
 * against its maximum and against the bytes left before anything is allocated, so a hostile length
 * cannot make us allocate more than the input itself. All failures are {@link XdrException}.
 *
 * <p>Unsigned 32- and 64-bit values are returned as the raw bits in an {@code int}/{@code long}
 * (use {@link Integer#toUnsignedLong} and friends to widen them); that keeps re-encoding lossless.
 * Padding bytes are skipped without being checked, as glibc's XDR does.
 */
public final class XdrDecoder {

    /** Decodes one value of some XDR type. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(XdrDecoder d);
    }

    private final byte[] buf;
    private final int start;
    private final int limit;
    private int pos;

    public XdrDecoder(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public XdrDecoder(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        this.buf = buf;
        this.start = offset;
        this.limit = offset + length;
        this.pos = offset;
    }

    /** A decoder over the buffer's remaining bytes; the buffer's position is not moved. */
    public static XdrDecoder of(ByteBuffer bb) {
        if (bb.hasArray()) {
            return new XdrDecoder(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
        }
        byte[] copy = new byte[bb.remaining()];
        bb.duplicate().get(copy);
        return new XdrDecoder(copy);
    }

    /** Bytes consumed so far. */
    public int position() {
        return pos - start;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** Fails unless every byte has been consumed; a struct followed by garbage is malformed. */
    public void requireEnd() {
        if (pos != limit) {
            throw new XdrException(remaining() + " unexpected trailing byte(s) at offset " + position());
        }
    }

    private int take(int n) {
        if (n > limit - pos) {
            throw truncated(n);
        }
        int p = pos;
        pos += n;
        return p;
    }

    private XdrException truncated(long needed) {
        return new XdrException("truncated XDR data: need " + needed + " byte(s) at offset " + position()
            + ", " + remaining() + " left");
    }

    /** Size of n bytes once padded to the 4-byte XDR unit. */
    static long padded(long n) {
        return (n + 3) & ~3L;
    }

    public int readInt() {
        int p = take(4);
        return (buf[p] & 0xff) << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
    }

    /** XDR unsigned int, as its raw 32 bits. */
    public int readUnsignedInt() {
        return readInt();
    }

    public long readUnsignedIntAsLong() {
        return readInt() & 0xffff_ffffL;
    }

    public long readHyper() {
        long hi = readInt();
        long lo = readInt() & 0xffff_ffffL;
        return hi << 32 | lo;
    }

    /** XDR unsigned hyper, as its raw 64 bits. */
    public long readUnsignedHyper() {
        return readHyper();
    }

    public double readDouble() {
        return Double.longBitsToDouble(readHyper());
    }

    /** XDR bool: only 0 and 1 are valid (RFC 4506 defines it as an enum of those two). */
    public boolean readBoolean() {
        int v = readInt();
        if (v == 0 || v == 1) {
            return v == 1;
        }
        throw new XdrException("boolean must be 0 or 1, got " + v + " at offset " + (position() - 4));
    }

    /**
     * An XDR char or unsigned char, which rpcgen sends as a full 4-byte int. Accepts both the signed
     * (-128..127) and unsigned (0..255) range; anything else cannot have come from a C char.
     */
    public int readChar() {
        int v = readInt();
        if (v < -128 || v > 255) {
            throw new XdrException("char out of range: " + v + " at offset " + (position() - 4));
        }
        return v;
    }

    /**
     * Reads an element count and checks it against {@code max} and against the bytes left, assuming each
     * element takes at least {@code minElementSize} bytes.
     */
    public int readCount(int max, int minElementSize) {
        long n = readUnsignedIntAsLong();
        if (n > max) {
            throw new XdrException("count " + n + " exceeds maximum " + max + " at offset " + (position() - 4));
        }
        if (n * minElementSize > remaining()) {
            throw truncated(n * minElementSize);
        }
        return (int) n;
    }

    /** Reads a byte length (opaque or string) and checks it, with its padding, against the bytes left. */
    private int readByteLength(int max, String what) {
        long n = readUnsignedIntAsLong();
        if (n > max) {
            throw new XdrException(what + " length " + n + " exceeds maximum " + max + " at offset "
                + (position() - 4));
        }
        if (padded(n) > remaining()) {
            throw truncated(padded(n));
        }
        return (int) n;
    }

    /** {@code opaque x[n]}: n bytes plus padding. {@code n} is the caller's constant, not input. */
    public byte[] readFixedOpaque(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative fixed length " + n);
        }
        if (padded(n) > remaining()) {
            throw truncated(padded(n));
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += (int) padded(n);
        return out;
    }

    /** {@code opaque x<max>}: length, bytes, padding. */
    public byte[] readOpaque(int max) {
        int n = readByteLength(max, "opaque");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += (int) padded(n);
        return out;
    }

    /** {@code string x<max>}: length, UTF-8 bytes (malformed UTF-8 is rejected), padding. */
    public String readString(int max) {
        int n = readByteLength(max, "string");
        String s = utf8(buf, pos, n);
        pos += (int) padded(n);
        return s;
    }

    /** {@code string *x}: the flag, then the string when present; null when absent. */
    public String readOptionalString(int max) {
        return readOptional(d -> d.readString(max));
    }

    /** A 16-byte binary UUID ({@code opaque[16]}). */
    public UUID readUuid() {
        long msb = readHyper();
        long lsb = readHyper();
        return new UUID(msb, lsb);
    }

    /** {@code T *x}: a 0/1 flag, then the value when 1; null when absent. */
    public <T> T readOptional(Reader<T> reader) {
        int flag = readInt();
        if (flag == 0) {
            return null;
        }
        if (flag != 1) {
            throw new XdrException("optional-data flag must be 0 or 1, got " + flag + " at offset "
                + (position() - 4));
        }
        return reader.read(this);
    }

    /** {@code T x<max>} whose elements take at least 4 bytes each. */
    public <T> List<T> readArray(int max, Reader<T> reader) {
        return readArray(max, 4, reader);
    }

    /** {@code T x<max>}; {@code minElementSize} bounds the count by the bytes left before allocating. */
    public <T> List<T> readArray(int max, int minElementSize, Reader<T> reader) {
        int n = readCount(max, Math.max(1, minElementSize));
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(reader.read(this));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code int x<max>}. */
    public int[] readIntArray(int max) {
        int n = readCount(max, 4);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = readInt();
        }
        return out;
    }

    /** {@code hyper x<max>} or {@code unsigned hyper x<max>}. */
    public long[] readHyperArray(int max) {
        int n = readCount(max, 8);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = readHyper();
        }
        return out;
    }

    /**
     * {@code char x[n]} holding a C string: n 4-byte chars, which must contain a NUL (the C side copies
     * it with strcpy). Returns the text before the first NUL; what follows it is ignored.
     */
    public String readFixedCharString(int n) {
        if ((long) n * 4 > remaining()) {
            throw truncated((long) n * 4);
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) readChar();
        }
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return utf8(bytes, 0, i);
            }
        }
        throw new XdrException("fixed char[" + n + "] has no terminating NUL");
    }

    /**
     * {@code char x<max>}: a count, then that many 4-byte chars. Returned as text exactly as sent,
     * including any trailing NUL (libvirtd sends strlen + 1 chars for security labels).
     */
    public String readCharString(int max) {
        byte[] bytes = readCharBytes(max);
        return utf8(bytes, 0, bytes.length);
    }

    /** {@code char x<max>} holding binary data (SASL tokens): one byte per 4-byte char. */
    public byte[] readCharBytes(int max) {
        int n = readCount(max, 4);
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) readChar();
        }
        return bytes;
    }

    private static String utf8(byte[] b, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.US_ASCII);
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, off, len));
            return cb.toString();
        } catch (CharacterCodingException ex) {
            throw new XdrException("string is not valid UTF-8", ex);
        }
    }
}
