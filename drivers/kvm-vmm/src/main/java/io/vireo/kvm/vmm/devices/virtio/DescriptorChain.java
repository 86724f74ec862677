package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.memory.GuestMemory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One available request: the head index to return in the used ring and its buffers, already
 * checked to lie in guest RAM, readable ones first. Offsets below count bytes within the
 * readable (or the writable) part of the chain, as if it were one contiguous buffer.
 */
public final class DescriptorChain {
    /** One guest buffer: {@code len} bytes at guest physical {@code addr}. */
    public record Buffer(long addr, int len, boolean writable) {
    }

    private final int head;
    private final List<Buffer> buffers;
    private final long readable;
    private final long writable;

    DescriptorChain(int head, List<Buffer> buffers, long readable, long writable) {
        this.head = head;
        this.buffers = buffers;
        this.readable = readable;
        this.writable = writable;
    }

    public int head() {
        return head;
    }

    public List<Buffer> buffers() {
        return buffers;
    }

    public long readableLength() {
        return readable;
    }

    public long writableLength() {
        return writable;
    }

    /**
     * Views of guest memory covering {@code len} bytes from {@code offset} of the readable
     * (or writable) part, one per buffer touched. The views share guest RAM (no copy).
     */
    public List<ByteBuffer> slices(GuestMemory mem, boolean wantWritable, long offset, long len) {
        long total = wantWritable ? writable : readable;
        if (offset < 0 || len < 0 || offset > total || len > total - offset) {
            throw VirtioError.of("request range %d+%d beyond the %s part (%d bytes)", offset, len,
                    wantWritable ? "writable" : "readable", total);
        }
        List<ByteBuffer> out = new ArrayList<>();
        long skip = offset;
        long left = len;
        for (Buffer b : buffers) {
            if (b.writable() != wantWritable || left == 0) {
                continue;
            }
            if (skip >= b.len()) {
                skip -= b.len();
                continue;
            }
            int n = (int) Math.min(b.len() - skip, left);
            out.add(mem.slice(b.addr() + skip, n));
            left -= n;
            skip = 0;
        }
        return out;
    }

    /** Copies {@code len} bytes from {@code offset} of the readable part. */
    public byte[] read(GuestMemory mem, long offset, int len) {
        byte[] b = new byte[len];
        int at = 0;
        for (ByteBuffer s : slices(mem, false, offset, len)) {
            int n = s.remaining();
            s.get(b, at, n);
            at += n;
        }
        return b;
    }

    /** Copies {@code data} to {@code offset} of the writable part. */
    public void write(GuestMemory mem, long offset, byte[] data) {
        int at = 0;
        for (ByteBuffer s : slices(mem, true, offset, data.length)) {
            int n = s.remaining();
            s.put(data, at, n);
            at += n;
        }
    }
}
