package io.vireo.kvm.vmm.devices.virtio.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real tap, created inside a network namespace private to one test thread (unshare(CLONE_NEWNET)),
 * so the host's network never sees it and it vanishes with the thread. Needs root and /dev/net/tun;
 * skipped (loudly) otherwise.
 */
class TapBackendTest {
    static final class Sys {
        static {
            Native.register(NativeLibrary.getInstance("c"));
        }

        static native int unshare(int flags) throws LastErrorException;

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int ioctl(int fd, long request, Memory arg) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;
    }

    static final int CLONE_NEWNET = 0x40000000;

    static void ifreq(int sock, String name, long request, int at, byte[] value) {
        Memory ifr = new Memory(40);
        ifr.clear();
        ifr.write(0, name.getBytes(), 0, name.length());
        ifr.write(at, value, 0, value.length);
        Sys.ioctl(sock, request, ifr);
    }

    static byte[] sockaddrIn(int a, int b, int c, int d) {
        return new byte[] {2, 0, 0, 0, (byte) a, (byte) b, (byte) c, (byte) d};
    }

    @Test
    void framesBothWaysThroughATapInAPrivateNamespace() throws Exception {
        boolean root = "0".equals(String.valueOf(new com.sun.security.auth.module.UnixSystem().getUid()));
        if (!root || !Files.exists(Path.of("/dev/net/tun"))) {
            System.err.println("*** TapBackendTest SKIPPED: needs root and /dev/net/tun");
            Assumptions.abort("needs root and /dev/net/tun");
        }
        BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(64);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> name = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                try {
                    Sys.unshare(CLONE_NEWNET);
                } catch (LastErrorException e) {
                    name.set("unshare failed " + e.getErrorCode());
                    return;
                }
                try (TapBackend tap = TapBackend.open("vtest%d")) {
                    name.set(tap.name());
                    tap.start(got::add);
                    int s = Sys.socket(2, 2, 0);
                    ifreq(s, tap.name(), 0x8916, 16, sockaddrIn(10, 99, 0, 1)); // SIOCSIFADDR
                    ifreq(s, tap.name(), 0x891c, 16, sockaddrIn(255, 255, 255, 0)); // SIOCSIFNETMASK
                    ifreq(s, tap.name(), 0x8914, 16, new byte[] {1, 0}); // SIOCSIFFLAGS: IFF_UP
                    Sys.close(s);
                    // Host -> guest: a datagram to a neighbour makes the kernel ARP for it out of the tap.
                    try (DatagramSocket ds = new DatagramSocket()) {
                        ds.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getByName("10.99.0.2"), 9));
                    }
                    // Guest -> host: a frame written to the tap (header + broadcast Ethernet frame) is accepted.
                    byte[] frame = new byte[12 + 60];
                    for (int i = 0; i < 6; i++) {
                        frame[12 + i] = (byte) 0xff;
                    }
                    frame[12 + 6] = 0x52;
                    frame[12 + 12] = (byte) 0x88;
                    frame[12 + 13] = (byte) 0xb5; // local experimental ethertype
                    tap.transmit(List.of(ByteBuffer.wrap(frame, 0, 20), ByteBuffer.wrap(frame, 20, 52)));
                    byte[] arp = null;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (arp == null && System.nanoTime() < deadline) {
                        byte[] f = got.poll(200, TimeUnit.MILLISECONDS);
                        if (f != null && f.length >= 12 + 14 && f[12 + 12] == 0x08 && f[12 + 13] == 0x06) {
                            arp = f;
                        }
                    }
                    assertNotNull(arp, "an ARP request came out of the tap with its virtio-net header");
                    assertEquals(0, arp[0], "header flags");
                    assertEquals((byte) 0xff, arp[12], "broadcast destination");
                }
                // close() ends the reader and releases the tap: the name can be had again at once (a reader
                // left blocked in read(2) would keep the old tap, and a new open of the name failed with EBUSY).
                TapBackend again = TapBackend.open(name.get());
                again.start(got::add);
                again.close();
                assertThrows(java.io.IOException.class, () -> again.transmit(List.of(ByteBuffer.allocate(72))));
                TapBackend.open(name.get()).close(); // closed without a reader: the descriptor is closed too
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "tap-test");
        t.start();
        t.join(30_000);
        if (name.get() != null && name.get().startsWith("unshare failed")) {
            System.err.println("*** TapBackendTest SKIPPED: " + name.get());
            Assumptions.abort(name.get());
        }
        if (failure.get() != null) {
            throw new AssertionError("tap " + name.get(), failure.get());
        }
        assertTrue(name.get().startsWith("vtest"), name.get());
    }
}
