package io.vireo.kvm.vmm.devices.virtio.balloon;

import io.vireo.kvm.vmm.devices.virtio.DescriptorChain;
import io.vireo.kvm.vmm.devices.virtio.DeviceContext;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioDevice;
import io.vireo.kvm.vmm.devices.virtio.VirtioError;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;
import io.vireo.kvm.vmm.memory.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * virtio-balloon (virtio 1.x section 5.5): inflate/deflate and the statistics queue. The host sets a
 * target ({@link #setTarget}); the guest's driver hands over pages (inflate queue: arrays of 32-bit
 * numbers of 4 KiB pages) and reports how many it holds in {@code actual}. Inflated pages are given
 * back to the host at once (MADV_DONTNEED); deflated pages need nothing (they fault back in as
 * zeroes), so DEFLATE_ON_OOM is offered and MUST_TELL_HOST is not. A page number outside guest RAM
 * breaks the device. Page work is bounded by the queue (128 chains) and runs on the notifying vCPU.
 * STATS_VQ is offered: the guest's memory statistics ({@link #stats()}), refreshed every
 * {@link #setStatsPeriod} seconds ({@link StatsQueue}).
 */
public final class VirtioBalloon implements VirtioDevice {
    public static final int QUEUE_SIZE = 128;
    public static final int PAGE = 4096;
    static final int F_STATS_VQ = 1;
    static final int F_DEFLATE_ON_OOM = 2;
    static final int INFLATE = 0;
    static final int DEFLATE = 1;
    static final int STATS = 2;

    private volatile int target;
    private volatile int actual;
    private volatile long inflated;
    private volatile long deflated;
    private volatile Runnable configNotifier = () -> { };
    private final StatsQueue stats = new StatsQueue(STATS);
    private DeviceContext ctx;

    @Override
    public int deviceType() {
        return Virtio.ID_BALLOON;
    }

    @Override
    public String name() {
        return "virtio-balloon";
    }

    @Override
    public long features() {
        return Virtio.bit(Virtio.F_VERSION_1) | Virtio.bit(Virtio.F_RING_INDIRECT_DESC) | Virtio.bit(F_DEFLATE_ON_OOM)
                | Virtio.bit(F_STATS_VQ);
    }

    @Override
    public int[] queueMaxSizes() {
        return new int[] {QUEUE_SIZE, QUEUE_SIZE, QUEUE_SIZE};
    }

    @Override
    public long readConfig(int offset, int size) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, target).putInt(4, actual);
        return Virtio.configBytes(b.array(), offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        if (offset == 4 && size == 4) {
            actual = (int) value;
        }
    }

    @Override
    public void setConfigNotifier(Runnable notifier) {
        configNotifier = notifier;
    }

    /** Asks the guest to hold {@code pages} 4 KiB pages in the balloon. */
    public void setTarget(long pages) {
        if (pages < 0 || pages > 0xffff_ffffL) {
            throw new IllegalArgumentException("balloon target out of range: " + pages);
        }
        target = (int) pages;
        configNotifier.run();
    }

    public long targetPages() {
        return target & 0xffff_ffffL;
    }

    /** Pages the guest says it has in the balloon. */
    public long actualPages() {
        return actual & 0xffff_ffffL;
    }

    /** Pages given back to the host / returned to the guest since the VMM started. */
    public long inflatedPages() {
        return inflated;
    }

    public long deflatedPages() {
        return deflated;
    }

    /** The guest's last statistics report ({@link BalloonStats#NONE} before the first). */
    public BalloonStats stats() {
        return stats.stats();
    }

    /** Asks the guest for fresh statistics every {@code seconds} (0: no more requests). */
    public void setStatsPeriod(int seconds) {
        stats.setPeriod(seconds);
    }

    public int statsPeriod() {
        return stats.period();
    }

    /** Asks the guest for fresh statistics now; false if it holds no request buffer at the moment. */
    public boolean requestStats() {
        return stats.requestUpdate();
    }

    @Override
    public synchronized void activate(DeviceContext context) {
        ctx = context;
        stats.activate(context);
    }

    @Override
    public synchronized void notifyQueue(int queue) {
        DeviceContext c = ctx;
        if (c == null) {
            return;
        }
        if (queue == STATS) {
            stats.notified();
            return;
        }
        Virtqueue q = c.queue(queue);
        boolean any = false;
        DescriptorChain chain;
        while ((chain = q.pop()) != null) {
            long n = chain.readableLength();
            if (n % 4 != 0) {
                throw VirtioError.of("balloon page list of %d bytes is not a whole number of 32-bit entries", n);
            }
            if (n > 4L * 65536) {
                throw VirtioError.of("balloon page list of %d bytes is implausibly long", n);
            }
            ByteBuffer pfns = ByteBuffer.wrap(chain.read(c.memory(), 0, (int) n)).order(ByteOrder.LITTLE_ENDIAN);
            if (queue == INFLATE) {
                inflate(c.memory(), pfns);
            } else {
                deflated += n / 4;
            }
            q.pushUsed(chain.head(), 0);
            any = true;
        }
        if (any) {
            c.signalUsed(queue);
        }
    }

    /** Discards each listed page, merging runs of consecutive pages into one madvise. */
    private void inflate(GuestMemory mem, ByteBuffer pfns) {
        long runStart = -1;
        long runPages = 0;
        while (pfns.hasRemaining()) {
            long pfn = pfns.getInt() & 0xffff_ffffL;
            if ((pfn + 1) * PAGE > mem.size()) {
                throw VirtioError.of("balloon page 0x%x is outside guest RAM", pfn);
            }
            if (runStart >= 0 && pfn == runStart + runPages) {
                runPages++;
                continue;
            }
            if (runStart >= 0) {
                mem.discard(runStart * PAGE, runPages * PAGE);
            }
            runStart = pfn;
            runPages = 1;
        }
        if (runStart >= 0) {
            mem.discard(runStart * PAGE, runPages * PAGE);
        }
        inflated += pfns.capacity() / 4;
    }

    @Override
    public synchronized void reset() {
        ctx = null;
        actual = 0;
        stats.reset();
    }

    @Override
    public void close() {
        stats.close();
    }
}
