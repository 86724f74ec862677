package io.vireo.remote.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes XDR into a growing byte array. It enforces the same limits the decoder does, so that we never
 * send what a libvirt peer would reject; a value over its limit (or a null where XDR has no "absent")
 * fails with {@link XdrException}.
 */
public final class XdrEncoder {

    /** Encodes one value of some XDR type. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(XdrEncoder e, T value);
    }

    // Keeps a little room below Integer.MAX_VALUE, as the JDK's own growable arrays do.
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;
    private static final byte[] ZEROS = new byte[4];

    private byte[] buf;
    private int size;

    public XdrEncoder() {
        this(256);
    }

    public XdrEncoder(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private int reserve(long n) {
        long needed = size + n;
        if (needed > MAX_SIZE) {
            throw new XdrException("encoded data too large: " + needed + " bytes");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * buf.length)));
        }
        int p = size;
        size = (int) needed;
        return p;
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Overwrites 4 bytes already written, e.g. a length word reserved before the body was known. */
    public void setInt(int position, int v) {
        if (position < 0 || position > size - 4) {
            throw new IndexOutOfBoundsException("position " + position + " outside 0.." + (size - 4));
        }
        put(position, v);
    }

    private void put(int p, int v) {
        buf[p] = (byte) (v >>> 24);
        buf[p + 1] = (byte) (v >>> 16);
        buf[p + 2] = (byte) (v >>> 8);
        buf[p + 3] = (byte) v;
    }

    public XdrEncoder writeInt(int v) {
        int p = reserve(4);
        put(p, v);
        return this;
    }

    /** XDR unsigned int from its raw 32 bits. */
    public XdrEncoder writeUnsignedInt(int raw) {
        return writeInt(raw);
    }

    public XdrEncoder writeHyper(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    /** XDR unsigned hyper from its raw 64 bits. */
    public XdrEncoder writeUnsignedHyper(long raw) {
        return writeHyper(raw);
    }

    public XdrEncoder writeDouble(double v) {
        return writeHyper(Double.doubleToRawLongBits(v));
    }

    public XdrEncoder writeBoolean(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    /** A char as rpcgen sends it: one 4-byte int, -128..255. */
    public XdrEncoder writeChar(int v) {
        if (v < -128 || v > 255) {
            throw new XdrException("char out of range: " + v);
        }
        return writeInt(v);
    }

    private void padTo4(long n) {
        int pad = (int) (XdrDecoder.padded(n) - n);
        if (pad > 0) {
            int p = reserve(pad); // before naming buf: reserve may replace it
            System.arraycopy(ZEROS, 0, buf, p, pad);
        }
    }

    private void writeRaw(byte[] b, int len) {
        int p = reserve(len); // before naming buf: reserve may replace it
        System.arraycopy(b, 0, buf, p, len);
        padTo4(len);
    }

    /** {@code opaque x[n]}: exactly n bytes, zero-padded. */
    public XdrEncoder writeFixedOpaque(byte[] b, int n) {
        if (b == null || b.length != n) {
            throw new XdrException("fixed opaque needs exactly " + n + " bytes, got "
                + (b == null ? "null" : b.length));
        }
        writeRaw(b, n);
        return this;
    }

    /** {@code opaque x<max>}. */
    public XdrEncoder writeOpaque(byte[] b, int max) {
        if (b == null) {
            throw new XdrException("null opaque where a value is required");
        }
        checkMax("opaque length", b.length, max);
        writeInt(b.length);
        writeRaw(b, b.length);
        return this;
    }

    /** {@code string x<max>} in UTF-8. */
    public XdrEncoder writeString(String s, int max) {
        if (s == null) {
            throw new XdrException("null string where a value is required");
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        checkMax("string length", b.length, max);
        writeInt(b.length);
        writeRaw(b, b.length);
        return this;
    }

    /** {@code string *x}: null is sent as "absent". */
    public XdrEncoder writeOptionalString(String s, int max) {
        return writeOptional(s, (e, v) -> e.writeString(v, max));
    }

    /** A UUID as 16 raw bytes. */
    public XdrEncoder writeUuid(UUID uuid) {
        if (uuid == null) {
            throw new XdrException("null UUID where a value is required");
        }
        writeHyper(uuid.getMostSignificantBits());
        return writeHyper(uuid.getLeastSignificantBits());
    }

    /** {@code T *x}: flag 0 for null, else flag 1 and the value. */
    public <T> XdrEncoder writeOptional(T value, Writer<T> writer) {
        if (value == null) {
            return writeInt(0);
        }
        writeInt(1);
        writer.write(this, value);
        return this;
    }

    /** {@code T x<max>}. */
    public <T> XdrEncoder writeArray(List<T> values, int max, Writer<T> writer) {
        if (values == null) {
            throw new XdrException("null array where a value is required");
        }
        checkMax("array count", values.size(), max);
        writeInt(values.size());
        for (T v : values) {
            writer.write(this, v);
        }
        return this;
    }

    /** {@code int x<max>}. */
    public XdrEncoder writeIntArray(int[] values, int max) {
        if (values == null) {
            throw new XdrException("null array where a value is required");
        }
        checkMax("array count", values.length, max);
        writeInt(values.length);
        for (int v : values) {
            writeInt(v);
        }
        return this;
    }

    /** {@code hyper x<max>} or {@code unsigned hyper x<max>}. */
    public XdrEncoder writeHyperArray(long[] values, int max) {
        if (values == null) {
            throw new XdrException("null array where a value is required");
        }
        checkMax("array count", values.length, max);
        writeInt(values.length);
        for (long v : values) {
            writeHyper(v);
        }
        return this;
    }

    /** {@code char x[n]} holding a C string: the text, then NULs up to n chars (at least one NUL). */
    public XdrEncoder writeFixedCharString(String s, int n) {
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        if (b.length >= n) {
            throw new XdrException("text of " + b.length + " bytes does not fit char[" + n + "] with its NUL");
        }
        for (int i = 0; i < n; i++) {
            writeInt(i < b.length ? b[i] : 0);
        }
        return this;
    }

    /** {@code char x<max>}: a count, then one 4-byte char per byte of the text (include a NUL if wanted). */
    public XdrEncoder writeCharString(String s, int max) {
        if (s == null) {
            throw new XdrException("null char array where a value is required");
        }
        return writeCharBytes(s.getBytes(StandardCharsets.UTF_8), max);
    }

    /** {@code char x<max>} holding binary data (SASL tokens): one 4-byte char per byte. */
    public XdrEncoder writeCharBytes(byte[] b, int max) {
        if (b == null) {
            throw new XdrException("null char array where a value is required");
        }
        checkMax("char array count", b.length, max);
        writeInt(b.length);
        for (byte x : b) {
            writeInt(x);
        }
        return this;
    }

    public XdrEncoder writeStruct(XdrStruct s) {
        if (s == null) {
            throw new XdrException("null struct where a value is required");
        }
        s.encode(this);
        return this;
    }

    private static void checkMax(String what, int n, int max) {
        if (n > max) {
            throw new XdrException(what + " " + n + " exceeds maximum " + max);
        }
    }
}
