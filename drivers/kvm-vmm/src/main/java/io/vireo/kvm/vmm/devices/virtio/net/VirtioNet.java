package io.vireo.kvm.vmm.devices.virtio.net;

import io.vireo.kvm.vmm.devices.virtio.DescriptorChain;
import io.vireo.kvm.vmm.devices.virtio.DeviceContext;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioDevice;
import io.vireo.kvm.vmm.devices.virtio.VirtioError;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * virtio-net (virtio 1.x section 5.1) without offloads: one receive and one transmit queue, a
 * MAC address, link always up. Transmit runs on the notifying vCPU (bounded by the queue);
 * received frames wait in a small host-side queue (dropped when it is full, as a NIC drops)
 * until the driver posts receive buffers. {@code --net tap=NAME} puts one on a {@link TapBackend}.
 */
public final class VirtioNet implements VirtioDevice {
    public static final int QUEUE_SIZE = 256;
    /** virtio_net_hdr_v1: flags, gso_type, hdr_len, gso_size, csum_start, csum_offset, num_buffers. */
    public static final int HDR = 12;
    /** Largest frame without offloads: header + 14-byte Ethernet header + 1500 MTU + VLAN tag. */
    public static final int MAX_FRAME = HDR + 1518;
    static final int F_MAC = 5;
    static final int F_STATUS = 16;
    static final int RX = 0;
    static final int TX = 1;
    static final int PENDING_MAX = 256;

    private final NetBackend backend;
    private final byte[] config;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private DeviceContext ctx;
    private boolean started;
    private volatile long txFrames;
    private volatile long rxFrames;
    private volatile long rxDropped;
    // Counters, written under this device's lock, read by the monitor. Bytes are Ethernet frame bytes
    // (without the virtio header), as the host side of a tap counts them.
    private volatile long txBytes;
    private volatile long txDropped;
    private volatile long txErrors;
    private volatile long rxBytes;
    private volatile long rxErrors;

    public VirtioNet(NetBackend backend, byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes");
        }
        this.backend = backend;
        this.config = new byte[8];
        System.arraycopy(mac, 0, config, 0, 6);
        config[6] = 1; // status: VIRTIO_NET_S_LINK_UP
    }

    @Override
    public int deviceType() {
        return Virtio.ID_NET;
    }

    @Override
    public String name() {
        return "virtio-net";
    }

    @Override
    public long features() {
        return Virtio.bit(Virtio.F_VERSION_1) | Virtio.bit(Virtio.F_RING_INDIRECT_DESC) | Virtio.bit(F_MAC)
                | Virtio.bit(F_STATUS);
    }

    @Override
    public int[] queueMaxSizes() {
        return new int[] {QUEUE_SIZE, QUEUE_SIZE};
    }

    @Override
    public long readConfig(int offset, int size) {
        return Virtio.configBytes(config, offset, size);
    }

    public long txFrames() {
        return txFrames;
    }

    public long rxFrames() {
        return rxFrames;
    }

    public long rxDropped() {
        return rxDropped;
    }

    public long txBytes() {
        return txBytes;
    }

    /** Frames the backend refused (the tap is down or gone). */
    public long txDropped() {
        return txDropped;
    }

    /** Transmit buffers the guest formed wrongly (they break the device). */
    public long txErrors() {
        return txErrors;
    }

    public long rxBytes() {
        return rxBytes;
    }

    /** Frames from the backend too short to carry the virtio header. */
    public long rxErrors() {
        return rxErrors;
    }

    @Override
    public synchronized void activate(DeviceContext context) {
        ctx = context;
        if (!started) {
            started = true;
            backend.start(this::received);
        }
    }

    @Override
    public synchronized void notifyQueue(int queue) {
        DeviceContext c = ctx;
        if (c == null) {
            return;
        }
        if (queue == TX) {
            transmit(c);
        } else if (queue == RX) {
            fillReceive(c);
        }
    }

    private void transmit(DeviceContext c) {
        Virtqueue q = c.queue(TX);
        boolean any = false;
        DescriptorChain chain;
        while ((chain = q.pop()) != null) {
            long n = chain.readableLength();
            if (n < HDR || n > HDR + 65535) {
                txErrors++;
                throw VirtioError.of("transmit buffer of %d bytes (header %d, frame at most 64 KiB)", n, HDR);
            }
            try {
                backend.transmit(chain.slices(c.memory(), false, 0, n));
                txFrames++;
                txBytes += n - HDR;
            } catch (IOException e) {
                txDropped++; // the link dropped the frame, as a wire would
            }
            q.pushUsed(chain.head(), 0);
            any = true;
        }
        if (any) {
            c.signalUsed(TX);
        }
    }

    /** A frame (header + data) from the backend. */
    private synchronized void received(byte[] frame) {
        if (frame.length < HDR) {
            rxErrors++;
            return;
        }
        if (ctx == null || pending.size() >= PENDING_MAX) {
            rxDropped++;
            return;
        }
        pending.add(frame);
        try {
            fillReceive(ctx);
        } catch (VirtioError e) {
            ctx.fail(e.getMessage());
            ctx = null;
            pending.clear();
        }
    }

    private void fillReceive(DeviceContext c) {
        Virtqueue q = c.queue(RX);
        boolean any = false;
        while (!pending.isEmpty()) {
            DescriptorChain chain = q.pop();
            if (chain == null) {
                break;
            }
            byte[] f = pending.poll();
            if (chain.writableLength() < f.length) {
                rxDropped++; // buffer too small for the frame: the driver gets an empty completion
                q.pushUsed(chain.head(), 0);
            } else {
                f[10] = 1; // num_buffers: the whole frame is in this one buffer
                f[11] = 0;
                chain.write(c.memory(), 0, f);
                q.pushUsed(chain.head(), f.length);
                rxFrames++;
                rxBytes += f.length - HDR;
            }
            any = true;
        }
        if (any) {
            c.signalUsed(RX);
        }
    }

    @Override
    public synchronized void reset() {
        ctx = null;
        pending.clear();
    }

    @Override
    public void close() {
        reset();
        try {
            backend.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** For tests and stats: frames waiting for receive buffers. */
    synchronized int pendingFrames() {
        return pending.size();
    }

    static byte[] concat(List<ByteBuffer> parts) {
        int n = 0;
        for (ByteBuffer b : parts) {
            n += b.remaining();
        }
        byte[] out = new byte[n];
        int at = 0;
        for (ByteBuffer b : parts) {
            int r = b.remaining();
            b.duplicate().get(out, at, r);
            at += r;
        }
        return out;
    }
}
