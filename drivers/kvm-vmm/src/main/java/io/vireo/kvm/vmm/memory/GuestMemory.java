package io.vireo.kvm.vmm.memory;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import io.vireo.kvm.vmm.kvm.KvmException;
import io.vireo.kvm.vmm.kvm.Libc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Guest RAM: one anonymous mapping at guest physical address 0. MAP_NORESERVE and no
 * zero-filling, so the process only pays (RSS) for pages the guest or the loader touches.
 * Accessed through a direct ByteBuffer; RAM is limited to below the 32-bit MMIO hole.
 */
public final class GuestMemory implements AutoCloseable {
    /** Start of the 32-bit hole (IOAPIC, LAPIC, KVM's TSS pages live above). */
    public static final long MMIO_HOLE = 0xC000_0000L;

    private final long size;
    private final Pointer host;
    private final ByteBuffer buf;

    private GuestMemory(long size, Pointer host, ByteBuffer buf) {
        this.size = size;
        this.host = host;
        this.buf = buf;
    }

    public static GuestMemory allocate(long size) {
        if (size <= 0 || size > Integer.MAX_VALUE || size % 4096 != 0) {
            throw new IllegalArgumentException("guest memory must be a multiple of 4 KiB and below 2 GiB: " + size);
        }
        Pointer p;
        try {
            p = Libc.mmap(null, size, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE, -1, 0);
        } catch (LastErrorException e) {
            throw new KvmException("mmap guest memory", e.getErrorCode());
        }
        try {
            Libc.madvise(p, size, Libc.MADV_HUGEPAGE);
        } catch (LastErrorException ignored) {
            // THP off or unsupported: small pages work too.
        }
        return new GuestMemory(size, p, p.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** A heap-backed memory for unit tests of the boot structures (no KVM, no mmap). */
    public static GuestMemory forTest(int size) {
        return new GuestMemory(size, null, ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN));
    }

    public long size() {
        return size;
    }

    public Pointer host() {
        return host;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    private int at(long gpa, long len) {
        if (gpa < 0 || len < 0 || gpa + len > size) {
            throw new IndexOutOfBoundsException(String.format("guest range 0x%x+0x%x outside RAM (0x%x)", gpa, len, size));
        }
        return (int) gpa;
    }

    public void write(long gpa, byte[] data) {
        write(gpa, data, 0, data.length);
    }

    public void write(long gpa, byte[] data, int off, int len) {
        buf.put(at(gpa, len), data, off, len);
    }

    public byte[] read(long gpa, int len) {
        byte[] b = new byte[len];
        buf.get(at(gpa, len), b);
        return b;
    }

    /** Bulk, in copies of up to 4 KiB: byte by byte, the boot structures' 14 KiB took most of a nested load. */
    public void fill(long gpa, int len, byte value) {
        int a = at(gpa, len);
        byte[] chunk = new byte[Math.min(len, 4096)];
        if (value != 0) {
            Arrays.fill(chunk, value);
        }
        for (int off = 0; off < len; off += chunk.length) {
            buf.put(a + off, chunk, 0, Math.min(chunk.length, len - off));
        }
    }

    /** Writes {@code values} as consecutive little-endian longs from {@code gpa}. */
    public void putLongs(long gpa, long[] values) {
        int a = at(gpa, 8L * values.length);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        buf.put(a, b.array());
    }

    /** A view of {@code len} bytes of guest RAM at {@code gpa} (shares the memory; position 0, limit len). */
    public ByteBuffer slice(long gpa, int len) {
        int a = at(gpa, len);
        return buf.duplicate().position(a).limit(a + len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Gives {@code len} bytes at {@code gpa} (page-aligned) back to the host: they read as zeroes
     * afterwards and cost no RSS until touched again (balloon inflation).
     */
    public void discard(long gpa, long len) {
        if ((gpa & 0xfff) != 0 || (len & 0xfff) != 0) {
            throw new IllegalArgumentException("discard needs whole pages");
        }
        at(gpa, len);
        if (host == null) {
            for (long off = 0; off < len; off += 4096) {
                fill(gpa + off, 4096, (byte) 0);
            }
            return;
        }
        try {
            Libc.madvise(host.share(gpa), len, Libc.MADV_DONTNEED);
        } catch (LastErrorException e) {
            throw new KvmException("madvise(MADV_DONTNEED)", e.getErrorCode());
        }
    }

    public byte getByte(long gpa) {
        return buf.get(at(gpa, 1));
    }

    public void putByte(long gpa, int v) {
        buf.put(at(gpa, 1), (byte) v);
    }

    public short getShort(long gpa) {
        return buf.getShort(at(gpa, 2));
    }

    public void putShort(long gpa, int v) {
        buf.putShort(at(gpa, 2), (short) v);
    }

    public int getInt(long gpa) {
        return buf.getInt(at(gpa, 4));
    }

    public void putInt(long gpa, int v) {
        buf.putInt(at(gpa, 4), v);
    }

    public long getLong(long gpa) {
        return buf.getLong(at(gpa, 8));
    }

    public void putLong(long gpa, long v) {
        buf.putLong(at(gpa, 8), v);
    }

    @Override
    public void close() {
        if (host != null) {
            Libc.munmap(host, size);
        }
    }
}
