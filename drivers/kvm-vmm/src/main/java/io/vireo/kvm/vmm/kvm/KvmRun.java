package io.vireo.kvm.vmm.kvm;

import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The mmap'd struct kvm_run of one vCPU, read through a direct ByteBuffer at fixed offsets:
 * absolute ByteBuffer gets are JIT intrinsics, where a JNA Structure would reflect over
 * every field on each exit.
 */
public final class KvmRun {
    public static final int IMMEDIATE_EXIT = 1;
    public static final int EXIT_REASON = 8;
    public static final int IO_DIRECTION = 32;
    public static final int IO_SIZE = 33;
    public static final int IO_PORT = 34;
    public static final int IO_COUNT = 36;
    public static final int IO_DATA_OFFSET = 40;
    public static final int MMIO_PHYS_ADDR = 32;
    public static final int MMIO_DATA = 40;
    public static final int MMIO_LEN = 48;
    public static final int MMIO_IS_WRITE = 52;
    public static final int SYSTEM_EVENT_TYPE = 32;
    public static final int INTERNAL_SUBERROR = 32;
    public static final int FAIL_ENTRY_REASON = 32;

    public static final int IO_IN = 0;
    public static final int IO_OUT = 1;

    private final Pointer base;
    private final long size;
    private final ByteBuffer buf;

    public KvmRun(Pointer base, long size) {
        this.base = base;
        this.size = size;
        this.buf = base.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int exitReason() {
        return buf.getInt(EXIT_REASON);
    }

    public void setImmediateExit(boolean on) {
        buf.put(IMMEDIATE_EXIT, (byte) (on ? 1 : 0));
    }

    public void unmap() {
        Libc.munmap(base, size);
    }
}
