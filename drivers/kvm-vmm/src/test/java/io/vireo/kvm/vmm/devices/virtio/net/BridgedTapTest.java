package io.vireo.kvm.vmm.devices.virtio.net;

import io.vireo.kvm.vmm.api.VmConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --net tap=T,netns=NS,bridge=BR} for real: a network namespace of the test's own ({@code ip netns add},
 * deleted at the end, also on failure) holding a bridge; the taps the VMM's code makes appear there, as
 * ports of the bridge, and nowhere else. Needs root, /dev/net/tun and iproute2; skipped (loudly) otherwise.
 */
class BridgedTapTest {
    static final String NS = "vireo-tap-" + ProcessHandle.current().pid();
    static final String MAC = "52:54:00:12:34:56";
    static String skip;

    static String ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        return out;
    }

    static String inNs(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-n", NS));
        a.addAll(List.of(args));
        return ip(a.toArray(String[]::new));
    }

    @BeforeAll
    static void namespaceWithABridge() throws Exception {
        boolean root = "0".equals(String.valueOf(new com.sun.security.auth.module.UnixSystem().getUid()));
        if (!root || !Files.exists(Path.of("/dev/net/tun"))) {
            skip = "needs root and /dev/net/tun";
        } else if (ip("-V") == null) {
            skip = "iproute2 (ip) is missing";
        } else if (ip("netns", "add", NS) == null) {
            skip = "cannot create network namespace " + NS;
        } else if (inNs("link", "add", "br0", "type", "bridge") == null) {
            skip = "no bridge support in this kernel";
        } else {
            inNs("link", "set", "br0", "mtu", "1400", "up");
        }
        if (skip != null) {
            System.err.println("*** BridgedTapTest SKIPPED: " + skip);
        }
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (Files.exists(Path.of("/run/netns", NS))) {
            ip("netns", "del", NS);
        }
        assertFalse(Files.exists(Path.of("/run/netns", NS)), "namespace " + NS + " removed");
    }

    static void needs() {
        Assumptions.assumeTrue(skip == null, () -> "SKIPPED: " + skip);
    }

    static void awaitGone(String tap) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inNs("-o", "link", "show", "dev", tap) != null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNull(inNs("-o", "link", "show", "dev", tap), tap + " is gone from " + NS);
    }

    @Test
    void theTapIsMadeInTheNamespaceAsAPortOfTheBridgeAndGoesWhenClosed() throws Exception {
        needs();
        String before = ip("-o", "link", "show");
        try (TapBackend tap = TapBackend.open(new VmConfig.Nic("vt0", MAC, NS, "br0"))) {
            assertEquals("vt0", tap.name());
            String link = inNs("-o", "link", "show", "dev", "vt0");
            assertTrue(link.contains(" master br0 "), link);
            assertTrue(link.matches(".*<[A-Z_,]*\\bUP\\b.*"), "up: " + link);
            assertTrue(link.contains(" mtu 1400 "), "the bridge's MTU: " + link);
            assertTrue(link.contains("link/ether fe:54:00:12:34:56 "), "host-side MAC: " + link);
            assertNull(ip("-o", "link", "show", "dev", "vt0"), "no vt0 in the test's own namespace");
            assertEquals(before, ip("-o", "link", "show"), "the test's own namespace is unchanged");
            // A broadcast frame from the guest's side reaches the bridge.
            long rx = rxPackets("br0");
            byte[] frame = new byte[VirtioNet.HDR + 60];
            for (int i = 0; i < 6; i++) {
                frame[VirtioNet.HDR + i] = (byte) 0xff;
            }
            System.arraycopy(VmConfig.Nic.parse("tap=x,mac=" + MAC).macBytes(), 0, frame, VirtioNet.HDR + 6, 6);
            frame[VirtioNet.HDR + 12] = (byte) 0x88;
            frame[VirtioNet.HDR + 13] = (byte) 0xb5;
            tap.transmit(List.of(ByteBuffer.wrap(frame)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rxPackets("br0") == rx && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(rxPackets("br0") > rx, "the frame arrived on br0");
        }
        awaitGone("vt0");
    }

    static long rxPackets(String dev) throws Exception {
        String s = inNs("-s", "-o", "link", "show", "dev", dev);
        // -o -s: "... RX: bytes packets errors ... \    N N ..." : the line after the RX header
        String[] w = s.substring(s.indexOf("RX:")).split("\\\\")[1].trim().split("\\s+");
        return Long.parseLong(w[1]);
    }

    @Test
    void aTapNameInUseIsRefusedAndTheInterfaceLeftAlone() throws Exception {
        needs();
        inNs("link", "add", "vt1", "type", "bridge");
        IOException e = assertThrows(IOException.class,
                () -> TapBackend.open(new VmConfig.Nic("vt1", MAC, NS, "br0")));
        assertTrue(e.getMessage().contains("an interface named vt1 exists already"), e.getMessage());
        assertTrue(e.getMessage().contains("network namespace '" + NS + "'"), e.getMessage());
        String link = inNs("-o", "-d", "link", "show", "dev", "vt1");
        assertTrue(link != null && link.contains(" bridge "), "vt1 is still the bridge it was: " + link);
        inNs("link", "del", "vt1");
    }

    @Test
    void aMissingBridgeFailsAndLeavesNoTap() throws Exception {
        needs();
        IOException e = assertThrows(IOException.class,
                () -> TapBackend.open(new VmConfig.Nic("vt2", MAC, NS, "nobr")));
        assertTrue(e.getMessage().contains("Cannot get interface MTU on 'nobr': No such device"), e.getMessage());
        awaitGone("vt2");
    }

    @Test
    void aBridgeThatIsNoBridgeFailsAndLeavesNoTap() throws Exception {
        needs();
        inNs("tuntap", "add", "dev", "plain", "mode", "tap");
        try {
            IOException e = assertThrows(IOException.class,
                    () -> TapBackend.open(new VmConfig.Nic("vt3", MAC, NS, "plain")));
            assertTrue(e.getMessage().contains("Unable to add bridge plain port vt3"), e.getMessage());
            assertTrue(e.getMessage().contains("is not a bridge"), e.getMessage());
            awaitGone("vt3");
        } finally {
            inNs("link", "del", "plain");
        }
    }

    @Test
    void anUnknownNamespaceIsNamed() {
        needs();
        IOException e = assertThrows(IOException.class,
                () -> TapBackend.open(new VmConfig.Nic("vt4", MAC, "vireo-no-such-ns", "br0")));
        assertEquals("network namespace 'vireo-no-such-ns' does not exist (no /run/netns/vireo-no-such-ns)",
                e.getMessage());
    }

    @Test
    void withoutABridgeTheTapIsMadeInTheNamespaceAndLeftDown() throws Exception {
        needs();
        try (TapBackend tap = TapBackend.open(new VmConfig.Nic("vt5", MAC, NS, null))) {
            String link = inNs("-o", "link", "show", "dev", "vt5");
            assertTrue(link != null && !link.contains(" master "), "not a port: " + link);
            assertNull(ip("-o", "link", "show", "dev", "vt5"), "no vt5 in the test's own namespace");
        }
        awaitGone("vt5");
    }

    @Test
    void nicArgumentsRoundTrip() {
        VmConfig.Nic n = VmConfig.Nic.parse("tap=vnet0,mac=52:54:00:aa:bb:cc,netns=guests,bridge=br0");
        assertEquals(new VmConfig.Nic("vnet0", "52:54:00:aa:bb:cc", "guests", "br0"), n);
        assertEquals("tap=vnet0,mac=52:54:00:aa:bb:cc,netns=guests,bridge=br0", n.toArg());
        assertEquals("tap=t,mac=52:54:00:aa:bb:cc", new VmConfig.Nic("t", "52:54:00:aa:bb:cc").toArg());
        assertThrows(IllegalArgumentException.class, () -> VmConfig.Nic.parse("tap=t,netns=../etc"));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.Nic.parse("tap=t,netns=.."));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.Nic.parse("tap=t,bridge=a-very-long-bridge-name"));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.Nic.parse("tap=t,vlan=3"));
    }
}
