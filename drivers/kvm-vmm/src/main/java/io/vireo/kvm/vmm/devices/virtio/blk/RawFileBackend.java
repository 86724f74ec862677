package io.vireo.kvm.vmm.devices.virtio.blk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A raw image file through positional FileChannel I/O; the capacity is fixed at open. */
public final class RawFileBackend implements BlockBackend {
    private static final int ZERO_CHUNK = 1 << 20;

    private final FileChannel ch;
    private final long size;
    private final boolean readOnly;

    private RawFileBackend(FileChannel ch, long size, boolean readOnly) {
        this.ch = ch;
        this.size = size;
        this.readOnly = readOnly;
    }

    public static RawFileBackend open(Path file, boolean readOnly) throws IOException {
        FileChannel ch = readOnly ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new RawFileBackend(ch, ch.size(), readOnly);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void read(ByteBuffer dst, long offset) throws IOException {
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                // The file shrank under us: what is gone reads as zeroes.
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                return;
            }
            pos += n;
        }
    }

    @Override
    public void write(ByteBuffer src, long offset) throws IOException {
        long pos = offset;
        while (src.hasRemaining()) {
            pos += ch.write(src, pos);
        }
    }

    @Override
    public void flush() throws IOException {
        ch.force(false);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        ByteBuffer zero = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, Math.max(length, 1)));
        for (long done = 0; done < length; ) {
            zero.clear().limit((int) Math.min(zero.capacity(), length - done));
            int n = zero.remaining();
            write(zero, offset + done);
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
