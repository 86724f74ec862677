package io.vireo.kvm.vmm.devices.virtio.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.kvm.vmm.kvm.Libc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tap device from /dev/net/tun (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR, vnet header size 12, so
 * frames carry virtio_net_hdr_v1 both ways). The tap is created in the calling thread's network
 * namespace, or in the one {@code --net netns=} names; a tap this opens new is not persistent, so the
 * kernel removes it when the VMM's descriptor closes, however the VMM ends. Reads happen on one daemon
 * thread, which waits in poll(2) with a short timeout rather than in read(2): a read blocked in the kernel
 * is not woken by close(), and its next read would go to whatever file reused the descriptor's number. So
 * once the reader runs it owns the descriptor: close() tells it to stop and waits for it to close the tap.
 */
public final class TapBackend implements NetBackend {
    static final long TUNSETIFF = 0x400454caL;
    static final long TUNSETVNETHDRSZ = 0x400454d8L;
    static final int IFF_TAP = 0x0002;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_VNET_HDR = 0x4000;
    /** TUNSETIFF fails with EBUSY when an interface of that name exists, instead of attaching to it. */
    static final int IFF_TUN_EXCL = 0x8000;

    private final int fd;
    private final String name;
    private volatile boolean closed;
    /** The thread that reads frames and, once it runs, closes the descriptor when it ends. */
    private Thread reader;
    /** How long the reader waits for a frame before it looks at {@link #closed} again. */
    static final int POLL_MS = 100;

    private TapBackend(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * The tap of {@code --net}: made (or, without a bridge, opened if it exists) in the namespace the NIC names;
     * with a bridge it must be new, and becomes the bridge's port, up. Nothing is left behind when this fails.
     */
    public static TapBackend open(VmConfig.Nic nic) throws IOException {
        return NetNamespace.run(nic.netns(), () -> {
            if (nic.bridge() == null) {
                return open(nic.tap());
            }
            TapBackend tap = open(nic.tap(), true);
            try {
                BridgePort.attach(tap.name(), nic.bridge(), BridgePort.hostMac(nic.macBytes()));
            } catch (IOException | RuntimeException e) {
                tap.close();
                throw e;
            }
            return tap;
        });
    }

    /** Opens (or creates) tap {@code name}; a name with "%d" lets the kernel pick the number. */
    public static TapBackend open(String name) throws IOException {
        return open(name, false);
    }

    private static TapBackend open(String name, boolean exclusive) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length > 15) {
            throw new IllegalArgumentException("tap name must be 1-15 characters: " + name);
        }
        int fd;
        try {
            fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("open /dev/net/tun: errno " + e.getErrorCode());
        }
        try {
            Memory ifr = new Memory(40);
            ifr.clear();
            ifr.write(0, n, 0, n.length);
            ifr.setShort(16, (short) (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR | (exclusive ? IFF_TUN_EXCL : 0)));
            try {
                Libc.ioctl(fd, TUNSETIFF, ifr);
            } catch (LastErrorException e) {
                if (exclusive && e.getErrorCode() == NetSys.EBUSY) {
                    throw new IOException("an interface named " + name + " exists already");
                }
                throw e;
            }
            Memory size = new Memory(4);
            size.setInt(0, VirtioNet.HDR);
            Libc.ioctl(fd, TUNSETVNETHDRSZ, size);
            return new TapBackend(fd, ifr.getString(0, "US-ASCII"));
        } catch (LastErrorException e) {
            Libc.close(fd);
            throw new IOException("tap " + name + ": ioctl errno " + e.getErrorCode());
        } catch (IOException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The interface name the kernel gave the tap. */
    public String name() {
        return name;
    }

    @Override
    public void transmit(List<ByteBuffer> parts) throws IOException {
        if (closed) {
            throw new IOException("tap " + name + " is closed");
        }
        byte[] frame = VirtioNet.concat(parts);
        try {
            Libc.write(fd, frame, frame.length);
        } catch (LastErrorException e) {
            throw new IOException("tap " + name + ": write errno " + e.getErrorCode());
        }
    }

    @Override
    public synchronized void start(Consumer<byte[]> sink) {
        if (closed || reader != null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                readLoop(sink);
            } finally {
                Libc.close(fd);
            }
        }, "tap-" + name);
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void readLoop(Consumer<byte[]> sink) {
        byte[] buf = new byte[VirtioNet.HDR + 65536];
        byte[] pollFd = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(fd).putShort(Libc.POLLIN)
                .putShort((short) 0).array();
        while (!closed) {
            long n;
            try {
                if (Libc.poll(pollFd, 1, POLL_MS) == 0) {
                    continue; // look at closed again
                }
                n = Libc.read(fd, buf, buf.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.EINTR || e.getErrorCode() == Libc.EAGAIN) {
                    continue;
                }
                return;
            }
            if (n <= 0) {
                return;
            }
            if (!closed) {
                sink.accept(Arrays.copyOf(buf, (int) n));
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = reader;
        }
        if (t == null) {
            Libc.close(fd);
            return;
        }
        try {
            t.join(10L * POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
