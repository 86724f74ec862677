package io.vireo.kvm.vmm.devices.virtio.blk;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a virtio-blk device's sectors live. Offsets and lengths are in bytes and already
 * checked against {@link #size()}. Implementations: {@link RawFileBackend}; qcow2 later.
 * Called from the disk's I/O thread only.
 */
public interface BlockBackend extends AutoCloseable {
    /** Capacity in bytes (a whole number of 512-byte sectors is exposed). */
    long size();

    boolean readOnly();

    /** Fills {@code dst} (all its remaining bytes) from {@code offset}. */
    void read(ByteBuffer dst, long offset) throws IOException;

    /** Writes all remaining bytes of {@code src} at {@code offset}. */
    void write(ByteBuffer src, long offset) throws IOException;

    /** Makes completed writes durable. */
    void flush() throws IOException;

    /** Makes {@code length} bytes at {@code offset} read as zeroes. */
    void writeZeroes(long offset, long length) throws IOException;

    /** The guest no longer needs these bytes (may be a no-op; reads afterwards are unspecified). */
    default void discard(long offset, long length) throws IOException {
    }

    @Override
    void close() throws IOException;
}
