package io.vireo.driver.kvm;

import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainRef;
import io.vireo.driver.support.domain.GuestDomains;
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DomainDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <interface type='bridge'>} and {@code type='ethernet'} in a network namespace, through the whole
 * driver: the namespace is the test's own ({@code ip netns add}, removed at the end, also on failure), with
 * a bridge in it; the VMM process is {@link FakeVmm}, which makes its taps with the VMM's own TapBackend, so
 * the taps here are real. Start names and makes them, the live XML shows them, and destroy, a killed VMM and a
 * daemon restart followed by destroy each leave none behind; refusals at start leave nothing. Nothing is
 * created in the test's own namespace. Needs root, /dev/net/tun and iproute2; skipped (loudly) otherwise.
 */
class KvmBridgeNetworkTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String NS = "vireo-kvmt-" + ProcessHandle.current().pid();
    static String skip;
    Path dir;
    Harness h;
    GuestDomains table;
    Path kernel;

    static String ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(IpLinks.command()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    }

    /** The interface names {@code ip [-n NS] -o link show} lists (states change on their own: names do not). */
    static List<String> names(String... ns) throws Exception {
        List<String> args = new ArrayList<>(List.of(ns));
        args.addAll(List.of("-o", "link", "show"));
        List<String> names = new ArrayList<>();
        for (String line : ip(args.toArray(String[]::new)).split("\n")) {
            names.add(line.split(": ")[1]);
        }
        return names;
    }

    static String link(String name) throws Exception {
        return ip("-n", NS, "-o", "link", "show", "dev", name);
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
        } else if (ip("-n", NS, "link", "add", "br0", "type", "bridge") == null) {
            skip = "no bridge support in this kernel";
        } else {
            ip("-n", NS, "link", "set", "br0", "up");
        }
        if (skip != null) {
            System.err.println("*** KvmBridgeNetworkTest SKIPPED: " + skip);
        }
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (Files.exists(Path.of("/run/netns", NS))) {
            ip("netns", "del", NS);
        }
        assertFalse(Files.exists(Path.of("/run/netns", NS)), NS + " removed");
    }

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(skip == null, () -> "SKIPPED: " + skip);
        dir = Files.createTempDirectory(Path.of("/tmp"), "kvmn");
        h = new Harness(dir.resolve("config"), dir.resolve("run"), KvmDriverFakeVmmTest.fakeVmmCommand(), WAIT);
        kernel = dir.resolve("bzImage");
        Files.writeString(kernel, "a kernel");
        table = h.open();
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.killRecorded();
        }
        Harness.deleteTree(dir);
    }

    static String metadata(String netns) {
        return "  <metadata>\n    <vireo:kvm xmlns:vireo='" + KvmMetadata.NAMESPACE + "'><vireo:netns name='" + netns
                + "'/></vireo:kvm>\n  </metadata>\n";
    }

    private DomainRef define(String name, String netns, String interfaces) {
        String xml = Harness.xml(name, kernel, null, "console=ttyS0", "restart", null)
                .replace("  <devices>\n", "  <devices>\n" + interfaces);
        if (netns != null) {
            xml = xml.replace("  <memory", metadata(netns) + "  <memory");
        }
        return table.define(xml, 0);
    }

    private GuestProcess process(String name) throws Exception {
        LiveRecord r = LiveRecord.parse(Files.readString(h.run.resolve(name + ".status")));
        return GuestProcess.find(r.pid(), r.startTicks()).orElseThrow();
    }

    static void awaitGone(String tap) throws Exception {
        Harness.await(() -> {
            try {
                return link(tap) == null;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10), tap + " to go from " + NS);
    }

    static String tapOf(String liveXml, int index) {
        String[] parts = liveXml.split("<target dev='");
        String rest = parts[1 + index];
        return rest.substring(0, rest.indexOf('\''));
    }

    @Test
    void aBridgedGuestGetsANamedTapOnTheBridgeAndDestroyRemovesIt() throws Exception {
        List<String> rootBefore = names();
        DomainRef ref = define("nb1", NS, "    <interface type='bridge'><source bridge='br0'/>"
                + "<mac address='52:54:00:11:22:33'/></interface>\n"
                + "    <interface type='ethernet'/>\n");
        table.start(ref.uuid(), 0);
        String live = table.xmlDesc(ref.uuid(), 0);
        String tap = tapOf(live, 0);
        String eth = tapOf(live, 1);
        assertTrue(tap.matches("vnet\\d+") && eth.matches("vnet\\d+") && !tap.equals(eth), live);
        assertTrue(live.contains("<source bridge='br0'/>\n      <target dev='" + tap + "'/>"), live);
        assertFalse(table.xmlDesc(ref.uuid(), DomainFlags.XML_INACTIVE).contains("<target dev='vnet"),
                "the generated names are live only");
        String l = link(tap);
        assertTrue(l != null && l.contains(" master br0 ") && l.matches(".*<[A-Z_,]*\\bUP\\b.*"), "port, up: " + l);
        assertTrue(l.contains("link/ether fe:54:00:11:22:33 "), l);
        String e = link(eth);
        assertTrue(e != null && !e.contains(" master "), "the ethernet tap is in the namespace, on no bridge: " + e);
        assertEquals(rootBefore, names(), "nothing new in the test's own namespace");
        // domifstat finds the interface by its generated name.
        table.interfaceStats(ref.uuid(), tap);

        table.destroy(ref.uuid(), 0);
        awaitGone(tap);
        awaitGone(eth);
        // A second start gets new names (not reused while the daemon runs, as libvirt 9).
        table.start(ref.uuid(), 0);
        String again = tapOf(table.xmlDesc(ref.uuid(), 0), 0);
        assertFalse(again.equals(tap) || again.equals(eth), again);
        assertTrue(link(again).contains(" master br0 "));
        table.destroy(ref.uuid(), 0);
        awaitGone(again);
    }

    @Test
    void aKilledVmmTakesItsTapWithIt() throws Exception {
        DomainRef ref = define("nb2", NS, "    <interface type='bridge'><source bridge='br0'/></interface>\n");
        table.start(ref.uuid(), 0);
        String tap = tapOf(table.xmlDesc(ref.uuid(), 0), 0);
        assertTrue(link(tap).contains(" master br0 "));
        GuestProcess p = process("nb2");
        p.signal(true);
        Harness.await(() -> table.state(ref.uuid()).state() == DomainState.SHUTOFF, WAIT, "nb2 to shut off");
        assertEquals(Reasons.SHUTOFF_FAILED, table.state(ref.uuid()).reason());
        awaitGone(tap);
    }

    @Test
    void aGuestFoundAgainAfterADaemonRestartStillRemovesItsTapWhenDestroyed() throws Exception {
        DomainRef ref = define("nb3", NS, "    <interface type='bridge'><source bridge='br0'/></interface>\n");
        table.start(ref.uuid(), 0);
        String tap = tapOf(table.xmlDesc(ref.uuid(), 0), 0);
        table.detachAll();
        GuestDomains after = h.open();
        assertEquals(DomainState.RUNNING, after.state(ref.uuid()).state());
        assertEquals(tap, tapOf(after.xmlDesc(ref.uuid(), 0), 0), "the live XML keeps the tap's name");
        assertTrue(link(tap).contains(" master br0 "), "the tap lives on with its VMM");
        after.destroy(ref.uuid(), 0);
        awaitGone(tap);
    }

    @Test
    void theDriversDefaultNamespaceServesGuestsThatNameNone() throws Exception {
        h = new Harness(dir.resolve("config"), dir.resolve("run"), KvmDriverFakeVmmTest.fakeVmmCommand(), WAIT, NS);
        table = h.open();
        DomainRef ref = define("nb4", null, "    <interface type='bridge'><source bridge='br0'/>"
                + "<target dev='nb4tap'/></interface>\n");
        table.start(ref.uuid(), 0);
        assertTrue(link("nb4tap").contains(" master br0 "));
        table.destroy(ref.uuid(), 0);
        awaitGone("nb4tap");
    }

    private void refusedAtStart(DomainRef ref, ErrorCode code, String... fragments) throws Exception {
        List<String> rootBefore = names();
        List<String> nsBefore = names("-n", NS);
        VirtException e = assertThrows(VirtException.class, () -> table.start(ref.uuid(), 0));
        assertEquals(code, e.code(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
        assertEquals(DomainState.SHUTOFF, table.state(ref.uuid()).state());
        assertFalse(Files.exists(h.run.resolve(ref.name() + ".status")), "no live record");
        assertTrue(h.recordedProcesses().isEmpty(), "no VMM");
        assertEquals(rootBefore, names(), "nothing left in the test's own namespace");
        assertEquals(nsBefore, names("-n", NS), "nothing left in " + NS);
    }

    @Test
    void refusalsAtStartLeaveNothingBehind() throws Exception {
        refusedAtStart(define("nr1", "vireo-no-such-ns", "    <interface type='bridge'><source bridge='br0'/>"
                + "</interface>\n"), ErrorCode.OPERATION_FAILED,
                "network namespace 'vireo-no-such-ns' of domain 'nr1' does not exist (no /run/netns/vireo-no-such-ns");
        refusedAtStart(define("nr2", NS, "    <interface type='bridge'><source bridge='nobr'/></interface>\n"),
                ErrorCode.SYSTEM_ERROR, "Cannot get interface MTU on 'nobr': No such device",
                "no bridge 'nobr' in network namespace '" + NS + "'");
        ip("-n", NS, "tuntap", "add", "dev", "inuse", "mode", "tap");
        try {
            refusedAtStart(define("nr3", NS, "    <interface type='bridge'><source bridge='br0'/>"
                    + "<target dev='inuse'/></interface>\n"), ErrorCode.SYSTEM_ERROR,
                    "Unable to create tap device inuse: Device or resource busy");
            refusedAtStart(define("nr4", NS, "    <interface type='bridge'><source bridge='inuse'/></interface>\n"),
                    ErrorCode.SYSTEM_ERROR, "Unable to add bridge inuse port", "'inuse' in network namespace '"
                            + NS + "' is not a bridge");
            refusedAtStart(define("nr5", NS, "    <interface type='ethernet'><target dev='br0'/></interface>\n"),
                    ErrorCode.SYSTEM_ERROR, "Unable to create tap device br0", "is not a tap");
        } finally {
            ip("-n", NS, "link", "del", "inuse");
        }
        // What appears between the driver's check and the VMM's start: the VMM refuses it, and the start fails
        // with its words. A backend whose check sees only br0 stands for the race.
        ip("-n", NS, "link", "add", "late0", "type", "bridge");
        try {
            DomainDef def = VireoXml.parseDomain(Harness.xml("nr6", kernel, null, "console=ttyS0", "restart", null)
                    .replace("  <memory", metadata(NS) + "  <memory").replace("  <devices>\n", "  <devices>\n"
                            + "    <interface type='bridge'><source bridge='br0'/><target dev='late0'/></interface>\n"));
            KvmDomainConfig.complete(def, "vmm");
            KvmBackend blind = new KvmBackend(h.backend.settings(),
                    new GuestTaps(netns -> Map.of("br0", "bridge"), GuestTaps.RUN_NETNS));
            VirtException e = assertThrows(VirtException.class,
                    () -> blind.start(def, new GuestPaths(h.run, "nr6"), false, null));
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith("internal error: process exited while connecting to monitor: "
                    + "vireo-vmm: error: cannot open tap late0: an interface named late0 exists already (in network "
                    + "namespace '" + NS + "')"), e.getMessage());
            assertTrue(h.recordedProcesses().isEmpty(), "no VMM");
            assertTrue(link("late0").contains("late0"), "the interface that was there is left alone");
        } finally {
            ip("-n", NS, "link", "del", "late0");
        }
    }
}
