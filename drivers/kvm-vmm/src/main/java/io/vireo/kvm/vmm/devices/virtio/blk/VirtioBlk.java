package io.vireo.kvm.vmm.devices.virtio.blk;

import io.vireo.kvm.vmm.devices.virtio.DescriptorChain;
import io.vireo.kvm.vmm.devices.virtio.DeviceContext;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioDevice;
import io.vireo.kvm.vmm.devices.virtio.VirtioError;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;
import io.vireo.kvm.vmm.memory.GuestMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * virtio-blk (virtio 1.x section 5.2), one request queue. A notification from the guest only
 * wakes this disk's I/O thread, which drains the queue: every request the driver has posted
 * (up to the queue size in flight) is served with positional I/O on the {@link BlockBackend},
 * straight between the backend and guest RAM, and returned in order. The vCPU never waits for
 * the disk. Requests the guest formed wrongly (no header, no status byte) break the device
 * (NEEDS_RESET); requests that are merely out of range or not allowed get an I/O-error status.
 */
public final class VirtioBlk implements VirtioDevice {
    public static final int QUEUE_SIZE = 256;
    public static final int SECTOR = 512;
    static final int F_SEG_MAX = 2;
    static final int F_RO = 5;
    static final int F_BLK_SIZE = 6;
    static final int F_FLUSH = 9;
    static final int F_DISCARD = 13;
    static final int F_WRITE_ZEROES = 14;
    static final int T_IN = 0;
    static final int T_OUT = 1;
    static final int T_FLUSH = 4;
    static final int T_GET_ID = 8;
    static final int T_DISCARD = 11;
    static final int T_WRITE_ZEROES = 13;
    static final int S_OK = 0;
    static final int S_IOERR = 1;
    static final int S_UNSUPP = 2;
    static final int ID_BYTES = 20;
    /** Largest discard / write-zeroes range per segment, in sectors (1 GiB). */
    static final int MAX_ZERO_SECTORS = 1 << 21;
    /** How long a reset waits on the I/O thread before it says where that thread is. */
    static final long STUCK_REPORT_MS = 10_000;

    private final BlockBackend backend;
    private final byte[] id;
    private final String threadName;
    private final byte[] config;
    private final ReentrantLock work = new ReentrantLock();
    private final Object kickLock = new Object();
    private boolean kicked;
    private volatile boolean closed;
    private volatile DeviceContext ctx;
    private Thread io;
    private volatile long requests;
    // Counters, written only by the thread serving the queue (one at a time, under work), read by the monitor.
    private volatile long readRequests;
    private volatile long readBytes;
    private volatile long writeRequests;
    private volatile long writeBytes;
    private volatile long flushRequests;
    private volatile long errors;

    public VirtioBlk(BlockBackend backend, String serial, String threadName) {
        this.backend = backend;
        byte[] s = serial == null ? new byte[0] : serial.getBytes(StandardCharsets.US_ASCII);
        this.id = new byte[ID_BYTES];
        System.arraycopy(s, 0, id, 0, Math.min(s.length, ID_BYTES));
        this.threadName = threadName;
        ByteBuffer c = ByteBuffer.allocate(60).order(ByteOrder.LITTLE_ENDIAN);
        c.putLong(0, backend.size() / SECTOR); // capacity
        c.putInt(12, QUEUE_SIZE - 2); // seg_max: header and status take two descriptors
        c.putInt(20, SECTOR); // blk_size
        c.putInt(36, MAX_ZERO_SECTORS); // max_discard_sectors
        c.putInt(40, 1); // max_discard_seg
        c.putInt(44, 1); // discard_sector_alignment
        c.putInt(48, MAX_ZERO_SECTORS); // max_write_zeroes_sectors
        c.putInt(52, 1); // max_write_zeroes_seg
        this.config = c.array();
    }

    @Override
    public int deviceType() {
        return Virtio.ID_BLOCK;
    }

    @Override
    public String name() {
        return "virtio-blk";
    }

    @Override
    public long features() {
        long f = Virtio.bit(Virtio.F_VERSION_1) | Virtio.bit(Virtio.F_RING_INDIRECT_DESC) | Virtio.bit(F_SEG_MAX)
                | Virtio.bit(F_BLK_SIZE) | Virtio.bit(F_FLUSH);
        return backend.readOnly() ? f | Virtio.bit(F_RO) : f | Virtio.bit(F_DISCARD) | Virtio.bit(F_WRITE_ZEROES);
    }

    @Override
    public int[] queueMaxSizes() {
        return new int[] {QUEUE_SIZE};
    }

    @Override
    public long readConfig(int offset, int size) {
        return Virtio.configBytes(config, offset, size);
    }

    /** Requests completed since the VMM started. */
    public long requests() {
        return requests;
    }

    /** Reads completed with status OK since the VMM started. */
    public long readRequests() {
        return readRequests;
    }

    public long readBytes() {
        return readBytes;
    }

    /** Writes completed with status OK since the VMM started. */
    public long writeRequests() {
        return writeRequests;
    }

    public long writeBytes() {
        return writeBytes;
    }

    public long flushRequests() {
        return flushRequests;
    }

    /** Requests completed with an I/O-error status (failed, out of range, or a write to a read-only disk). */
    public long errors() {
        return errors;
    }

    @Override
    public void activate(DeviceContext context) {
        ctx = context;
        synchronized (kickLock) {
            if (io == null && !closed) {
                io = new Thread(this::ioLoop, threadName);
                io.setDaemon(true);
                io.start();
            }
        }
    }

    @Override
    public void notifyQueue(int queue) {
        synchronized (kickLock) {
            kicked = true;
            kickLock.notifyAll();
        }
    }

    @Override
    public void reset() {
        lockWork(); // waits for a batch in progress: after this, guest RAM is not touched
        try {
            ctx = null;
        } finally {
            work.unlock();
        }
    }

    /**
     * Takes the work lock, saying once every {@value #STUCK_REPORT_MS} ms where the I/O thread is if
     * it holds the lock that long (a backend stuck in the kernel): the caller must not free guest
     * RAM under it, so it keeps waiting, but the wait is never silent.
     */
    private void lockWork() {
        boolean interrupted = false;
        while (true) {
            try {
                if (work.tryLock(STUCK_REPORT_MS, TimeUnit.MILLISECONDS)) {
                    break;
                }
                Thread t = io;
                StringBuilder where = new StringBuilder();
                if (t != null) {
                    for (StackTraceElement e : t.getStackTrace()) {
                        where.append("\n    at ").append(e);
                    }
                }
                System.err.println("vireo-vmm: " + threadName + " has served one batch for over "
                        + STUCK_REPORT_MS + " ms; waiting for it to end before the reset" + where);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        reset();
        synchronized (kickLock) {
            kickLock.notifyAll();
        }
        try {
            backend.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void ioLoop() {
        while (!closed) {
            synchronized (kickLock) {
                while (!kicked && !closed) {
                    try {
                        kickLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                kicked = false;
            }
            work.lock();
            try {
                DeviceContext c = ctx;
                if (c != null) {
                    try {
                        drain(c);
                    } catch (RuntimeException e) {
                        c.fail("internal error: " + e); // a bug here must not end the thread or the VMM
                        ctx = null;
                    }
                }
            } finally {
                work.unlock();
            }
        }
    }

    /** Serves every available request, then interrupts once. Public for tests that run without the thread. */
    void drain(DeviceContext c) {
        Virtqueue q = c.queue(0);
        boolean any = false;
        try {
            DescriptorChain chain;
            while ((chain = q.pop()) != null) {
                long written = serve(c.memory(), chain);
                q.pushUsed(chain.head(), written);
                requests++;
                any = true;
            }
        } catch (VirtioError | IndexOutOfBoundsException e) {
            c.fail(e.getMessage());
            ctx = null;
            return;
        }
        if (any) {
            c.signalUsed(0);
        }
    }

    /** One request; returns the bytes written into the chain (data + status). */
    long serve(GuestMemory mem, DescriptorChain ch) {
        if (ch.readableLength() < 16 || ch.writableLength() < 1) {
            throw VirtioError.of("block request without a 16-byte header or a status byte (%d readable, %d writable)",
                    ch.readableLength(), ch.writableLength());
        }
        ByteBuffer hdr = ByteBuffer.wrap(ch.read(mem, 0, 16)).order(ByteOrder.LITTLE_ENDIAN);
        int type = hdr.getInt(0);
        long sector = hdr.getLong(8);
        long in = ch.writableLength() - 1;
        long out = ch.readableLength() - 16;
        long written = 0;
        int status;
        try {
            switch (type) {
                case T_IN:
                    if (!inRange(sector, in)) {
                        status = S_IOERR;
                        break;
                    }
                    long pos = sector * SECTOR;
                    for (ByteBuffer b : ch.slices(mem, true, 0, in)) {
                        int n = b.remaining();
                        backend.read(b, pos);
                        pos += n;
                    }
                    written = in;
                    status = S_OK;
                    readRequests++;
                    readBytes += in;
                    break;
                case T_OUT:
                    if (backend.readOnly() || !inRange(sector, out)) {
                        status = S_IOERR;
                        break;
                    }
                    long wpos = sector * SECTOR;
                    for (ByteBuffer b : ch.slices(mem, false, 16, out)) {
                        int n = b.remaining();
                        backend.write(b, wpos);
                        wpos += n;
                    }
                    status = S_OK;
                    writeRequests++;
                    writeBytes += out;
                    break;
                case T_FLUSH:
                    backend.flush();
                    status = S_OK;
                    flushRequests++;
                    break;
                case T_GET_ID:
                    int n = (int) Math.min(in, ID_BYTES);
                    byte[] part = new byte[n];
                    System.arraycopy(id, 0, part, 0, n);
                    ch.write(mem, 0, part);
                    written = n;
                    status = S_OK;
                    break;
                case T_DISCARD:
                case T_WRITE_ZEROES:
                    status = backend.readOnly() ? S_IOERR : zeroRanges(mem, ch, out, type == T_DISCARD);
                    break;
                default:
                    status = S_UNSUPP;
                    break;
            }
        } catch (IOException e) {
            status = S_IOERR;
        }
        if (status == S_IOERR) {
            errors++;
        }
        ch.write(mem, in, new byte[] {(byte) status});
        return written + 1;
    }

    /** Discard / write-zeroes: segments of {u64 sector, u32 num_sectors, u32 flags} after the header. */
    private int zeroRanges(GuestMemory mem, DescriptorChain ch, long out, boolean discard) throws IOException {
        if (out == 0 || out % 16 != 0 || out / 16 > 1) {
            return S_IOERR; // max_*_seg is 1
        }
        ByteBuffer seg = ByteBuffer.wrap(ch.read(mem, 16, 16)).order(ByteOrder.LITTLE_ENDIAN);
        long sector = seg.getLong(0);
        long count = seg.getInt(8) & 0xffff_ffffL;
        int flags = seg.getInt(12);
        if ((flags & ~1) != 0 || count > MAX_ZERO_SECTORS || !inRange(sector, count * SECTOR)) {
            return S_IOERR;
        }
        if (discard) {
            backend.discard(sector * SECTOR, count * SECTOR);
        } else {
            backend.writeZeroes(sector * SECTOR, count * SECTOR);
        }
        return S_OK;
    }

    private boolean inRange(long sector, long bytes) {
        if (bytes % SECTOR != 0 || sector < 0 || sector > Long.MAX_VALUE / SECTOR) {
            return false;
        }
        long cap = backend.size() / SECTOR * SECTOR;
        long off = sector * SECTOR;
        return off <= cap && bytes <= cap - off;
    }
}
