package io.vireo.kvm.vmm.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's end of a tap a test makes for a guest: a persistent tap (so it can be brought up before a
 * VMM attaches to it, and outlives one VMM for the next), up, with IPv6 off so the kernel sends nothing
 * on it by itself. Frames of one ethertype are captured and injected through an AF_PACKET socket bound
 * to it. Closing it deletes the tap (over rtnetlink, which works even while a VMM still holds it).
 */
final class HostTap implements AutoCloseable {
    /** IEEE 802 local experimental ethertype 1. */
    static final int ETHERTYPE = 0x88b5;

    static final class Sys {
        static {
            Native.register(NativeLibrary.getInstance("c"));
        }

        private Sys() {
        }

        static native int unshare(int flags) throws LastErrorException;

        static native int open(String path, int flags) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        static native int ioctl(int fd, long request, Memory arg) throws LastErrorException;

        static native int ioctl(int fd, long request, long arg) throws LastErrorException;

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int bind(int fd, Memory addr, int len) throws LastErrorException;

        static native int setsockopt(int fd, int level, int name, Memory value, int len) throws LastErrorException;

        static native long send(int fd, Memory buf, long len, int flags) throws LastErrorException;

        static native long recv(int fd, Memory buf, long len, int flags) throws LastErrorException;
    }

    static final int CLONE_NEWNET = 0x40000000;
    static final int O_RDWR = 02;
    static final int O_CLOEXEC = 02000000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int AF_INET = 2;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final long TUNSETIFF = 0x400454caL;
    static final long TUNSETPERSIST = 0x400454cbL;
    static final int IFF_TAP = 0x0002;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_UP = 1;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long SIOCGIFINDEX = 0x8933;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int ENODEV = 19;
    static final int RTM_DELLINK = 17;
    static final int NLMSG_ERROR = 2;

    final String name;
    final int ifindex;
    private final byte[] mac;
    private final int packet;
    private final Memory buf = new Memory(65536);
    private boolean closed;

    private HostTap(String name, int ifindex, byte[] mac, int packet) {
        this.name = name;
        this.ifindex = ifindex;
        this.mac = mac;
        this.packet = packet;
    }

    /** Runs {@code work} on a thread of its own in a new network namespace; null, or why there is none. */
    static String inPrivateNetworkNamespace(Callable<Void> work) throws Exception {
        AtomicReference<String> unavailable = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Sys.unshare(CLONE_NEWNET);
            } catch (LastErrorException e) {
                unavailable.set("unshare(CLONE_NEWNET) failed with errno " + e.getErrorCode());
                return;
            } catch (UnsatisfiedLinkError e) {
                unavailable.set("no unshare(): " + e.getMessage());
                return;
            }
            try {
                work.call();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "it-netns");
        t.start();
        t.join();
        Throwable f = failure.get();
        if (f instanceof Exception e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return unavailable.get();
    }

    /** Makes tap {@code name} in the calling thread's network namespace and brings its host end up. */
    static HostTap create(String name) throws IOException {
        makePersistent(name);
        int packet = -1;
        try {
            // Before the link goes up: otherwise IPv6 sends router solicitations and MLD reports to the guest.
            Path v6 = Path.of("/proc/sys/net/ipv6/conf", name, "disable_ipv6");
            if (Files.exists(v6)) {
                Files.writeString(v6, "1\n");
            }
            int s = Sys.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            int index;
            byte[] mac = new byte[6];
            try {
                Memory ifr = ifreq(name);
                Sys.ioctl(s, SIOCGIFINDEX, ifr);
                index = ifr.getInt(16);
                ifr = ifreq(name);
                Sys.ioctl(s, SIOCGIFHWADDR, ifr);
                ifr.read(18, mac, 0, 6);
                ifr = ifreq(name);
                Sys.ioctl(s, SIOCGIFFLAGS, ifr);
                ifr.setShort(16, (short) (ifr.getShort(16) | IFF_UP));
                Sys.ioctl(s, SIOCSIFFLAGS, ifr);
            } finally {
                Sys.close(s);
            }
            packet = Sys.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, Short.toUnsignedInt(Short.reverseBytes((short) ETHERTYPE)));
            Memory ll = new Memory(20); // sockaddr_ll
            ll.clear();
            ll.setShort(0, (short) AF_PACKET);
            ll.setShort(2, Short.reverseBytes((short) ETHERTYPE));
            ll.setInt(4, index);
            Sys.bind(packet, ll, 20);
            return new HostTap(name, index, mac, packet);
        } catch (LastErrorException e) {
            if (packet >= 0) {
                Sys.close(packet);
            }
            deleteLink(name);
            throw new IOException("tap " + name + ": errno " + e.getErrorCode(), e);
        } catch (IOException | RuntimeException e) {
            deleteLink(name);
            throw e;
        }
    }

    static Memory ifreq(String name) {
        Memory ifr = new Memory(40);
        ifr.clear();
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        ifr.write(0, n, 0, n.length);
        return ifr;
    }

    private static void makePersistent(String name) throws IOException {
        int fd;
        try {
            fd = Sys.open("/dev/net/tun", O_RDWR | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("open /dev/net/tun: errno " + e.getErrorCode(), e);
        }
        try {
            Memory ifr = ifreq(name);
            ifr.setShort(16, (short) (IFF_TAP | IFF_NO_PI));
            Sys.ioctl(fd, TUNSETIFF, ifr);
            Sys.ioctl(fd, TUNSETPERSIST, 1);
        } catch (LastErrorException e) {
            throw new IOException("tap " + name + ": errno " + e.getErrorCode(), e);
        } finally {
            Sys.close(fd);
        }
    }

    /** The host end's MAC address. */
    byte[] mac() {
        return mac.clone();
    }

    /** The next {@link #ETHERTYPE} frame the guest sent out of the tap, or null after {@code timeoutMs}. */
    byte[] receive(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = Math.max(1, deadline - System.currentTimeMillis());
            Memory tv = new Memory(16); // struct timeval
            tv.setLong(0, left / 1000);
            tv.setLong(8, (left % 1000) * 1000);
            Sys.setsockopt(packet, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            try {
                long n = Sys.recv(packet, buf, buf.size(), 0);
                return buf.getByteArray(0, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EAGAIN && e.getErrorCode() != EINTR) {
                    throw e;
                }
                if (System.currentTimeMillis() >= deadline) {
                    return null;
                }
            }
        }
    }

    /** Sends {@code frame} (Ethernet header first) into the tap, towards the guest. */
    void send(byte[] frame) {
        Memory m = new Memory(frame.length);
        m.write(0, frame, 0, frame.length);
        long n = Sys.send(packet, m, frame.length, 0);
        if (n != frame.length) {
            throw new IllegalStateException("sent " + n + " of " + frame.length + " bytes");
        }
    }

    /** Deletes link {@code name} through rtnetlink (RTM_DELLINK by name); false if there was none. */
    static boolean deleteLink(String name) {
        int index;
        int s = Sys.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try {
            Memory ifr = ifreq(name);
            Sys.ioctl(s, SIOCGIFINDEX, ifr);
            index = ifr.getInt(16);
        } catch (LastErrorException e) {
            return false;
        } finally {
            Sys.close(s);
        }
        int nl = Sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0); // NETLINK_ROUTE
        try {
            Memory msg = new Memory(32); // nlmsghdr + ifinfomsg
            msg.clear();
            msg.setInt(0, 32);
            msg.setShort(4, (short) RTM_DELLINK);
            msg.setShort(6, (short) (1 | 4)); // NLM_F_REQUEST | NLM_F_ACK
            msg.setInt(8, 1);
            msg.setInt(20, index);
            Sys.send(nl, msg, 32, 0);
            Memory ack = new Memory(4096);
            long n = Sys.recv(nl, ack, ack.size(), 0);
            if (n < 20 || ack.getShort(4) != NLMSG_ERROR) {
                throw new IllegalStateException("RTM_DELLINK " + name + ": unexpected answer of " + n + " bytes");
            }
            int err = -ack.getInt(16);
            if (err != 0 && err != ENODEV) {
                throw new IllegalStateException("RTM_DELLINK " + name + ": errno " + err);
            }
            return err == 0;
        } finally {
            Sys.close(nl);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Sys.close(packet);
        deleteLink(name);
    }

    static String hex(byte[] b) {
        return b == null ? "null" : java.util.HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "tap " + name + " (index " + ifindex + ", " + hex(mac) + ")" + (closed ? " closed" : "");
    }
}
