package io.vireo.kvm.vmm.devices.virtio.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.vireo.kvm.vmm.kvm.Libc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Makes a new tap a working port of a Linux bridge, in the calling thread's network namespace, as libvirt
 * does for {@code <interface type='bridge'>}: the bridge's MTU, a host-side MAC that is not the guest's
 * (a bridge takes its lowest port's address, and a tap carrying the guest's own MAC makes the host warn
 * about its own address coming back), port of the bridge, up. Plain interface ioctls (SIOCBRADDIF is
 * what brctl uses), so no netlink.
 */
final class BridgePort {
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCGIFMTU = 0x8921;
    static final long SIOCSIFMTU = 0x8922;
    static final long SIOCSIFHWADDR = 0x8924;
    static final long SIOCGIFINDEX = 0x8933;
    static final long SIOCBRADDIF = 0x89a2;
    static final short IFF_UP = 0x1;
    static final short ARPHRD_ETHER = 1;
    /** struct ifreq: the name (IFNAMSIZ 16), then a union at offset 16. */
    private static final int IFREQ = 40;
    private static final int UNION = 16;

    private BridgePort() {
    }

    /**
     * Adds tap {@code tap} to bridge {@code bridge} and brings it up, with {@code hostMac} as the tap's
     * own address. The tap is left as it was made when this fails; its owner closes it.
     */
    static void attach(String tap, String bridge, byte[] hostMac) throws IOException {
        int s;
        try {
            s = NetSys.socket(NetSys.AF_UNIX, NetSys.SOCK_DGRAM | NetSys.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a socket to configure " + tap + ": " + NetSys.describe(e.getErrorCode()));
        }
        try {
            Memory br = ifreq(bridge);
            try {
                Libc.ioctl(s, SIOCGIFMTU, br);
            } catch (LastErrorException e) {
                throw new IOException("Cannot get interface MTU on '" + bridge + "': " + NetSys.describe(e.getErrorCode())
                        + (e.getErrorCode() == NetSys.ENODEV ? " (no bridge '" + bridge + "')" : ""));
            }
            int mtu = br.getInt(UNION);
            Memory t = ifreq(tap);
            t.setInt(UNION, mtu);
            call(s, SIOCSIFMTU, t, "cannot set the MTU of " + tap + " to " + mtu);
            t = ifreq(tap);
            t.setShort(UNION, ARPHRD_ETHER);
            t.write(UNION + 2, hostMac, 0, 6);
            call(s, SIOCSIFHWADDR, t, "cannot set the MAC address of " + tap);
            t = ifreq(tap);
            call(s, SIOCGIFINDEX, t, "cannot find " + tap);
            int index = t.getInt(UNION);
            br = ifreq(bridge);
            br.setInt(UNION, index);
            try {
                Libc.ioctl(s, SIOCBRADDIF, br);
            } catch (LastErrorException e) {
                throw new IOException("Unable to add bridge " + bridge + " port " + tap + ": "
                        + NetSys.describe(e.getErrorCode())
                        + (e.getErrorCode() == NetSys.EOPNOTSUPP ? " ('" + bridge + "' is not a bridge)" : ""));
            }
            t = ifreq(tap);
            call(s, SIOCGIFFLAGS, t, "cannot read the flags of " + tap);
            t.setShort(UNION, (short) (t.getShort(UNION) | IFF_UP));
            call(s, SIOCSIFFLAGS, t, "cannot bring " + tap + " up");
        } finally {
            Libc.close(s);
        }
    }

    /** The tap's own address for a guest MAC: the first byte becomes 0xFE (0xFA if it was 0xFE already). */
    static byte[] hostMac(byte[] guestMac) {
        byte[] m = guestMac.clone();
        m[0] = (byte) (m[0] == (byte) 0xfe ? 0xfa : 0xfe);
        return m;
    }

    private static Memory ifreq(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        Memory ifr = new Memory(IFREQ);
        ifr.clear();
        ifr.write(0, n, 0, Math.min(n.length, 15));
        return ifr;
    }

    private static void call(int s, long request, Memory ifr, String what) throws IOException {
        try {
            Libc.ioctl(s, request, ifr);
        } catch (LastErrorException e) {
            throw new IOException(what + ": " + NetSys.describe(e.getErrorCode()));
        }
    }
}
