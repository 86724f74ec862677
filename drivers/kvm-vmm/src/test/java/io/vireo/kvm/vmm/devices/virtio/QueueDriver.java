package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.memory.GuestMemory;

/**
 * A test-side virtio-mmio driver: negotiates, sets up queue 0 at fixed addresses in a heap
 * GuestMemory, and posts hand-made descriptor chains (good or deliberately bad).
 */
public final class QueueDriver {
    public static final long DESC = 0x1000;
    public static final long AVAIL = 0x2000;
    public static final long USED = 0x3000;
    public final GuestMemory mem;
    public final VirtioMmio dev;
    public final int size;
    public int availIdx;

    public QueueDriver(GuestMemory mem, VirtioMmio dev, int size) {
        this.mem = mem;
        this.dev = dev;
        this.size = size;
    }

    public int status() {
        return reg(VirtioMmio.STATUS);
    }

    public int isr() {
        return reg(VirtioMmio.INTERRUPT_STATUS);
    }

    public int reg(int off) {
        return (int) dev.read(off, 4);
    }

    public void reg(int off, long v) {
        dev.write(off, 4, v & 0xffff_ffffL);
    }

    /** ACK, DRIVER, features (all offered), FEATURES_OK, queues 0..n-1 at DESC/AVAIL/USED + 0x10000*q, DRIVER_OK. */
    public void setUp(int queues) {
        reg(VirtioMmio.STATUS, 0);
        reg(VirtioMmio.STATUS, Virtio.STATUS_ACKNOWLEDGE);
        reg(VirtioMmio.STATUS, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER);
        for (int sel = 0; sel < 2; sel++) {
            reg(VirtioMmio.DEVICE_FEATURES_SEL, sel);
            int f = reg(VirtioMmio.DEVICE_FEATURES);
            reg(VirtioMmio.DRIVER_FEATURES_SEL, sel);
            reg(VirtioMmio.DRIVER_FEATURES, f);
        }
        reg(VirtioMmio.STATUS, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER | Virtio.STATUS_FEATURES_OK);
        for (int q = 0; q < queues; q++) {
            setUpQueue(q, DESC + 0x10000L * q, AVAIL + 0x10000L * q, USED + 0x10000L * q);
        }
        reg(VirtioMmio.STATUS, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER | Virtio.STATUS_FEATURES_OK
                | Virtio.STATUS_DRIVER_OK);
    }

    public void setUpQueue(int q, long desc, long avail, long used) {
        reg(VirtioMmio.QUEUE_SEL, q);
        reg(VirtioMmio.QUEUE_NUM, size);
        reg(VirtioMmio.QUEUE_DESC_LOW, desc);
        reg(VirtioMmio.QUEUE_DESC_HIGH, desc >>> 32);
        reg(VirtioMmio.QUEUE_DRIVER_LOW, avail);
        reg(VirtioMmio.QUEUE_DRIVER_HIGH, avail >>> 32);
        reg(VirtioMmio.QUEUE_DEVICE_LOW, used);
        reg(VirtioMmio.QUEUE_DEVICE_HIGH, used >>> 32);
        reg(VirtioMmio.QUEUE_READY, 1);
    }

    public void desc(int i, long addr, long len, int flags, int next) {
        desc(DESC, i, addr, len, flags, next);
    }

    public void desc(long table, int i, long addr, long len, int flags, int next) {
        long d = table + 16L * i;
        mem.putLong(d, addr);
        mem.putInt(d + 8, (int) len);
        mem.putShort(d + 12, flags);
        mem.putShort(d + 14, next);
    }

    /** Makes chain {@code head} available and notifies queue 0. */
    public void post(int head) {
        mem.putShort(AVAIL + 4 + 2L * (availIdx % size), head);
        availIdx = (availIdx + 1) & 0xffff;
        mem.putShort(AVAIL + 2, availIdx);
        reg(VirtioMmio.QUEUE_NOTIFY, 0);
    }

    /** Waits (up to 10 s) until the device has returned {@code n} chains in total. */
    public void awaitUsed(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (((usedIdx() - n) & 0x8000) != 0 && usedIdx() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("used index " + usedIdx() + ", expected " + n);
            }
            Thread.sleep(2);
        }
    }

    public int usedIdx() {
        return mem.getShort(USED + 2) & 0xffff;
    }

    public int usedId(int i) {
        return mem.getInt(USED + 4 + 8L * (i % size));
    }

    public int usedLen(int i) {
        return mem.getInt(USED + 4 + 8L * (i % size) + 4);
    }
}
