package io.vireo.kvm.vmm.devices.virtio.balloon;

import io.vireo.kvm.vmm.devices.virtio.DescriptorChain;
import io.vireo.kvm.vmm.devices.virtio.DeviceContext;
import io.vireo.kvm.vmm.devices.virtio.VirtioError;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The balloon's statistics queue (VIRTIO_BALLOON_F_STATS_VQ). The driver posts one buffer of statistics;
 * the device reads it and keeps the buffer. Returning the buffer (used, nothing written) asks the driver
 * for fresh statistics, which it sends back in the same way. With a polling period the buffer goes back
 * that many seconds after each report; with period 0 the device just keeps the last report.
 */
final class StatsQueue {
    /** Longer buffers than this are not statistics (there are 10 tags of 10 bytes today). */
    static final int MAX_BUFFER = 4096;

    private final int queueIndex;
    private DeviceContext ctx;
    /** Head of the buffer the device holds, or -1. */
    private int heldHead = -1;
    private volatile BalloonStats last = BalloonStats.NONE;
    private volatile int periodSeconds;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;

    StatsQueue(int queueIndex) {
        this.queueIndex = queueIndex;
    }

    /**
     * Linux posts its first report while probing, before DRIVER_OK, when notifications are not yet
     * delivered: it is taken from the ring here.
     */
    synchronized void activate(DeviceContext context) {
        ctx = context;
        heldHead = -1;
        if (context.negotiated(VirtioBalloon.F_STATS_VQ) && context.queue(queueIndex).ready()) {
            try {
                notified();
            } catch (VirtioError | IndexOutOfBoundsException e) {
                context.fail(e.getMessage());
            }
        }
    }

    /** The driver posted a buffer: take in its statistics and keep it. */
    synchronized void notified() {
        DeviceContext c = ctx;
        if (c == null) {
            return;
        }
        Virtqueue q = c.queue(queueIndex);
        DescriptorChain chain;
        while ((chain = q.pop()) != null) {
            if (heldHead >= 0) {
                // A driver posts one buffer at a time; if it sends another, the older one goes back unread.
                q.pushUsed(heldHead, 0);
                c.signalUsed(queueIndex);
                heldHead = -1;
            }
            long n = chain.readableLength();
            if (n > MAX_BUFFER) {
                throw VirtioError.of("balloon stats buffer of %d bytes is implausibly long", n);
            }
            last = BalloonStats.parse(chain.read(c.memory(), 0, (int) n), System.currentTimeMillis() / 1000);
            heldHead = chain.head();
            schedule(periodSeconds);
        }
    }

    /** Gives the held buffer back to the driver, asking it for fresh statistics; false if none is held. */
    synchronized boolean requestUpdate() {
        DeviceContext c = ctx;
        if (c == null || heldHead < 0) {
            return false;
        }
        c.queue(queueIndex).pushUsed(heldHead, 0);
        heldHead = -1;
        c.signalUsed(queueIndex);
        return true;
    }

    /** Polls every {@code seconds} from now on (0: stop polling). */
    synchronized void setPeriod(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("balloon stats period out of range: " + seconds);
        }
        periodSeconds = seconds;
        schedule(seconds);
    }

    int period() {
        return periodSeconds;
    }

    BalloonStats stats() {
        return last;
    }

    private void schedule(int seconds) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (seconds == 0) {
            return;
        }
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "balloon-stats");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            timer = t;
        }
        pending = timer.schedule(this::poll, seconds, TimeUnit.SECONDS);
    }

    private void poll() {
        try {
            requestUpdate();
        } catch (VirtioError | IndexOutOfBoundsException e) {
            failDevice(e.getMessage());
        }
    }

    private synchronized void failDevice(String why) {
        if (ctx != null) {
            ctx.fail(why);
        }
    }

    /** The device was reset: the held buffer belongs to the old driver; the period and last report stay. */
    synchronized void reset() {
        ctx = null;
        heldHead = -1;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    synchronized void close() {
        reset();
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
