package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.memory.GuestMemory;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A split virtqueue (virtio 1.x section 2.6). The transport sets size and ring addresses;
 * {@link #validate} checks them once when the driver marks the queue ready, and every
 * descriptor is checked when a chain is walked. Nothing the guest writes can make this
 * class touch memory outside guest RAM or loop: violations throw {@link VirtioError}.
 * One device thread at a time pops and pushes (the methods are synchronized anyway).
 */
public final class Virtqueue {
    public static final int DESC_F_NEXT = 1;
    public static final int DESC_F_WRITE = 2;
    public static final int DESC_F_INDIRECT = 4;
    static final int AVAIL_F_NO_INTERRUPT = 1;
    /** Largest total a chain may describe: used-ring lengths are 32-bit. */
    static final long MAX_CHAIN_BYTES = 0xffff_ffffL;

    private final int maxSize;
    private int size;
    private boolean ready;
    private long desc;
    private long avail;
    private long used;
    private GuestMemory mem;
    private boolean indirect;
    private int lastAvail;
    private int usedIdx;

    public Virtqueue(int maxSize) {
        if (maxSize <= 0 || maxSize > 32768 || Integer.bitCount(maxSize) != 1) {
            throw new IllegalArgumentException("queue size must be a power of two up to 32768: " + maxSize);
        }
        this.maxSize = maxSize;
        this.size = maxSize;
    }

    public int maxSize() {
        return maxSize;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized boolean ready() {
        return ready;
    }

    public synchronized void setSize(int n) {
        size = n;
    }

    public synchronized void setDesc(long a) {
        desc = a;
    }

    public synchronized void setAvail(long a) {
        avail = a;
    }

    public synchronized void setUsed(long a) {
        used = a;
    }

    public synchronized long desc() {
        return desc;
    }

    public synchronized long avail() {
        return avail;
    }

    public synchronized long used() {
        return used;
    }

    /** Back to the reset state (the driver's addresses forgotten). */
    public synchronized void reset() {
        size = maxSize;
        ready = false;
        desc = 0;
        avail = 0;
        used = 0;
        mem = null;
        lastAvail = 0;
        usedIdx = 0;
    }

    static boolean inRam(GuestMemory mem, long addr, long len) {
        return addr >= 0 && len >= 0 && addr <= mem.size() && len <= mem.size() - addr;
    }

    /** Checks size, alignment and ring placement; then the queue is ready on {@code mem}. */
    public synchronized void validate(GuestMemory m, boolean indirectDesc) {
        if (size <= 0 || size > maxSize || Integer.bitCount(size) != 1) {
            throw VirtioError.of("queue size %d is not a power of two up to %d", size, maxSize);
        }
        if ((desc & 15) != 0 || (avail & 1) != 0 || (used & 3) != 0) {
            throw VirtioError.of("misaligned rings: desc 0x%x avail 0x%x used 0x%x", desc, avail, used);
        }
        if (!inRam(m, desc, 16L * size) || !inRam(m, avail, 6 + 2L * size) || !inRam(m, used, 6 + 8L * size)) {
            throw VirtioError.of("rings outside guest RAM: desc 0x%x avail 0x%x used 0x%x (size %d)", desc, avail, used,
                    size);
        }
        mem = m;
        indirect = indirectDesc;
        lastAvail = 0;
        usedIdx = 0;
        ready = true;
    }

    /** Marks the queue not ready (the driver wrote QueueReady = 0). */
    public synchronized void disable() {
        ready = false;
    }

    /** The next available chain, or null when the driver has posted nothing new. */
    public synchronized DescriptorChain pop() {
        if (!ready) {
            return null;
        }
        int availIdx = mem.getShort(avail + 2) & 0xffff;
        VarHandle.acquireFence(); // ring entries are read after the index that published them
        int pending = (availIdx - lastAvail) & 0xffff;
        if (pending == 0) {
            return null;
        }
        if (pending > size) {
            throw VirtioError.of("avail index %d is %d ahead of the device, more than the queue size %d", availIdx,
                    pending, size);
        }
        int head = mem.getShort(avail + 4 + 2L * (lastAvail & (size - 1))) & 0xffff;
        lastAvail = (lastAvail + 1) & 0xffff;
        return walk(head);
    }

    /** Pending chains that pop() would return (for statistics and tests). */
    public synchronized int pending() {
        return ready ? ((mem.getShort(avail + 2) & 0xffff) - lastAvail) & 0xffff : 0;
    }

    private DescriptorChain walk(int head) {
        List<DescriptorChain.Buffer> bufs = new ArrayList<>();
        long table = desc;
        int tableSize = size;
        int limit = size;
        int count = 0;
        int idx = head;
        boolean inIndirect = false;
        boolean seenWritable = false;
        long readable = 0;
        long writable = 0;
        while (true) {
            if (idx >= tableSize) {
                throw VirtioError.of("descriptor index %d beyond the %s of %d", idx,
                        inIndirect ? "indirect table" : "queue", tableSize);
            }
            if (++count > limit) {
                throw VirtioError.of("descriptor chain from head %d loops or is longer than %d", head, limit);
            }
            long d = table + 16L * idx;
            long addr = mem.getLong(d);
            long len = mem.getInt(d + 8) & 0xffff_ffffL;
            int flags = mem.getShort(d + 12) & 0xffff;
            int next = mem.getShort(d + 14) & 0xffff;
            if ((flags & DESC_F_INDIRECT) != 0) {
                if (!indirect) {
                    throw VirtioError.of("indirect descriptor but VIRTIO_F_INDIRECT_DESC was not negotiated");
                }
                if (inIndirect) {
                    throw VirtioError.of("indirect descriptor inside an indirect table");
                }
                if ((flags & DESC_F_NEXT) != 0) {
                    throw VirtioError.of("indirect descriptor with NEXT set");
                }
                if (len == 0 || len % 16 != 0 || len / 16 > 32768) {
                    throw VirtioError.of("indirect table length %d is not a non-zero multiple of 16 up to 512 KiB", len);
                }
                if (!inRam(mem, addr, len)) {
                    throw VirtioError.of("indirect table 0x%x+0x%x outside guest RAM", addr, len);
                }
                table = addr;
                tableSize = (int) (len / 16);
                limit = tableSize;
                count = 0;
                idx = 0;
                inIndirect = true;
                continue;
            }
            if (!inRam(mem, addr, len)) {
                throw VirtioError.of("descriptor %d: buffer 0x%x+0x%x outside guest RAM (0x%x)", idx, addr, len,
                        mem.size());
            }
            boolean w = (flags & DESC_F_WRITE) != 0;
            if (w) {
                writable += len;
                seenWritable = true;
            } else {
                if (seenWritable) {
                    throw VirtioError.of("descriptor %d: device-readable buffer after a writable one", idx);
                }
                readable += len;
            }
            if (readable + writable > MAX_CHAIN_BYTES) {
                throw VirtioError.of("descriptor chain from head %d describes more than 4 GiB", head);
            }
            bufs.add(new DescriptorChain.Buffer(addr, (int) len, w));
            if ((flags & DESC_F_NEXT) == 0) {
                break;
            }
            idx = next;
        }
        return new DescriptorChain(head, bufs, readable, writable);
    }

    /** Returns chain {@code head} to the driver with {@code written} bytes written into its writable part. */
    public synchronized void pushUsed(int head, long written) {
        if (!ready) {
            return;
        }
        long e = used + 4 + 8L * (usedIdx & (size - 1));
        mem.putInt(e, head);
        mem.putInt(e + 4, (int) written);
        VarHandle.releaseFence(); // the element before the index that publishes it
        usedIdx = (usedIdx + 1) & 0xffff;
        mem.putShort(used + 2, usedIdx);
    }

    /** Whether the driver wants an interrupt for new used buffers (no EVENT_IDX: the avail flags). */
    public synchronized boolean wantsInterrupt() {
        if (!ready) {
            return false;
        }
        VarHandle.fullFence(); // the used index store before the flags load
        return (mem.getShort(avail) & AVAIL_F_NO_INTERRUPT) == 0;
    }
}
