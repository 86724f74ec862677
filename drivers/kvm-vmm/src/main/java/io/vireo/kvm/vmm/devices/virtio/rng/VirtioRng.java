package io.vireo.kvm.vmm.devices.virtio.rng;

import io.vireo.kvm.vmm.devices.virtio.DescriptorChain;
import io.vireo.kvm.vmm.devices.virtio.DeviceContext;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioDevice;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * virtio-rng (virtio 1.x section 5.4): fills each writable buffer the driver posts with bytes
 * from the host's /dev/urandom. Reads from urandom do not block and are bounded per request
 * ({@link #MAX_PER_REQUEST}), so this runs on the notifying vCPU thread.
 */
public final class VirtioRng implements VirtioDevice {
    public static final int QUEUE_SIZE = 64;
    public static final int MAX_PER_REQUEST = 64 * 1024;

    private final Path source;
    private FileChannel in;
    private volatile DeviceContext ctx;

    public VirtioRng(Path source) {
        this.source = source;
    }

    public VirtioRng() {
        this(Path.of("/dev/urandom"));
    }

    @Override
    public int deviceType() {
        return Virtio.ID_ENTROPY;
    }

    @Override
    public String name() {
        return "virtio-rng";
    }

    @Override
    public long features() {
        return Virtio.bit(Virtio.F_VERSION_1) | Virtio.bit(Virtio.F_RING_INDIRECT_DESC);
    }

    @Override
    public int[] queueMaxSizes() {
        return new int[] {QUEUE_SIZE};
    }

    @Override
    public long readConfig(int offset, int size) {
        return 0;
    }

    @Override
    public synchronized void activate(DeviceContext context) {
        ctx = context;
    }

    @Override
    public synchronized void notifyQueue(int queue) {
        DeviceContext c = ctx;
        if (c == null) {
            return;
        }
        Virtqueue q = c.queue(0);
        boolean any = false;
        DescriptorChain chain;
        while ((chain = q.pop()) != null) {
            long n = Math.min(chain.writableLength(), MAX_PER_REQUEST);
            long got = 0;
            try {
                for (ByteBuffer b : chain.slices(c.memory(), true, 0, n)) {
                    got += fill(b);
                }
            } catch (IOException e) {
                // no entropy this time: hand back what was filled
            }
            q.pushUsed(chain.head(), got);
            any = true;
        }
        if (any) {
            c.signalUsed(0);
        }
    }

    private int fill(ByteBuffer b) throws IOException {
        if (in == null) {
            in = FileChannel.open(source, StandardOpenOption.READ);
        }
        int total = 0;
        while (b.hasRemaining()) {
            int n = in.read(b);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public synchronized void reset() {
        ctx = null;
    }

    @Override
    public synchronized void close() {
        ctx = null;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            in = null;
        }
    }
}
