package io.vireo.driver.qemu;

import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.EventSink;
import io.vireo.core.store.FileDefinitionStore;
import io.vireo.driver.support.domain.GuestDomains;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.process.GuestProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The QEMU driver's domain table with real qemu-system processes running a stock Debian kernel and a
 * busybox initramfs under TCG (tools/guest/build-shell-guest.sh): boot, console, pause, ACPI shutdown,
 * reboot, destroy, a disk the guest writes, a daemon restart, and starts that must fail cleanly.
 */
class QemuGuestsTest {
    private static final String EMULATOR = "/usr/bin/qemu-system-x86_64";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static Path guest;

    @TempDir
    Path dir;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<GuestDomains> tables = new ArrayList<>();

    private final EventSink sink = new EventSink() {
        @Override
        public void domain(String name, UUID uuid, DomainEventType type, int detail) {
            events.add(type + " " + type.detailLabel(detail));
        }

        @Override
        public void network(String name, UUID uuid, NetworkEventType type) {
        }

        @Override
        public void storagePool(String name, UUID uuid, StoragePoolEventType type) {
        }

        @Override
        public void storageVolume(String pool, String name, String key, StorageVolumeEventType type) {
        }
    };

    @BeforeAll
    static void buildGuest() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(EMULATOR)),
                "SKIPPED LOUDLY: " + EMULATOR + " is not installed (tools/guest/setup-deps.sh installs it)");
        Path script = Path.of(System.getProperty("vireo.repo.root", "../..")).resolve("tools/guest/build-shell-guest.sh");
        Process p = new ProcessBuilder("sh", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "build-shell-guest.sh failed");
        guest = Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }

    private GuestDomains table(String emulator) {
        GuestDomains t = new GuestDomains(new QemuBackend(emulator, 3), ErrorDomain.QEMU, "qemuDomain",
                new FileDefinitionStore(dir.resolve("config")), sink, dir.resolve("run"));
        tables.add(t);
        return t;
    }

    /** Every QEMU this test started is gone afterwards, whatever happened. */
    @AfterEach
    void killLeftovers() throws Exception {
        tables.forEach(GuestDomains::detachAll);
        Path run = dir.resolve("run");
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".status")).toList()) {
                    LiveRecord r = LiveRecord.parse(Files.readString(f));
                    GuestProcess.find(r.pid(), r.startTicks()).ifPresent(p -> p.signal(true));
                }
            }
        }
    }

    private String xml(String name, String cmdline, String extraDevices) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + guest.resolve("vmlinuz") + "</kernel>"
                + "<initrd>" + guest.resolve("initrd.img") + "</initrd><cmdline>console=ttyS0 quiet " + cmdline
                + "</cmdline></os><features><acpi/></features><devices>"
                + "<serial type='pty'><log file='" + dir.resolve(name + "-serial.log") + "'/><target port='0'/></serial>"
                + "<console type='pty'><target type='serial' port='0'/></console>"
                + "<memballoon model='none'/>" + extraDevices + "</devices></domain>";
    }

    private String serial(String name) {
        try {
            Path log = dir.resolve(name + "-serial.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static int count(String text, String marker) {
        int n = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }

    /** Types {@code command} on the console and returns what came back once {@code expect} was seen. */
    private static String type(ConsoleStream console, String command, String expect) throws Exception {
        console.output().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        console.output().flush();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(expect)) {
            assertTrue(System.nanoTime() < deadline, "no '" + expect + "' on the console: " + seen);
            int n = console.input().read(buf);
            assertTrue(n >= 0, "console closed: " + seen);
            seen.write(buf, 0, n);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bootConsolePauseAndAcpiShutdown() throws Exception {
        GuestDomains t = table(EMULATOR);
        DomainRef ref = t.define(xml("life", "", ""), 0);
        long start = System.nanoTime();
        t.start(ref.uuid(), 0);
        System.out.printf("qemu start() returned in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        await("the guest's marker", BOOT, () -> serial("life").contains("VIREO-SHELL-READY"));
        System.out.printf("start -> marker %d ms%n", (System.nanoTime() - start) / 1_000_000);
        try (ConsoleStream console = t.openConsole(ref.uuid(), null, 0)) {
            VirtException busy = assertThrows(VirtException.class, () -> t.openConsole(ref.uuid(), "serial0", 0));
            assertEquals(ErrorCode.OPERATION_FAILED, busy.code());
            // The shell's output, and the tty's echo of what was typed, both come back.
            String out = type(console, "echo $((6 * 7))-answer", "42-answer");
            assertTrue(out.contains("echo $((6 * 7))-answer"), out);
        }
        t.suspend(ref.uuid());
        assertEquals(DomainState.PAUSED, t.state(ref.uuid()).state());
        t.resume(ref.uuid());
        DomainInfo info = t.info(ref.uuid());
        assertTrue(info.cpuTimeNanos() > 0, "real CPU time: " + info);
        assertEquals(262144, info.maxMemoryKiB());
        long shutdown = System.nanoTime();
        t.shutdown(ref.uuid(), 0);
        await("shut off", Duration.ofSeconds(60), () -> t.state(ref.uuid()).state() == DomainState.SHUTOFF);
        System.out.printf("shutdown -> shut off %d ms%n", (System.nanoTime() - shutdown) / 1_000_000);
        assertEquals(Reasons.SHUTOFF_SHUTDOWN, t.state(ref.uuid()).reason());
        assertEquals(List.of("DEFINED Added", "STARTED Booted", "SUSPENDED Paused", "RESUMED Unpaused",
                "SHUTDOWN Finished", "STOPPED Shutdown"), events);
        assertFalse(Files.exists(dir.resolve("run/life.status")));
    }

    @Test
    void rebootRestartAfterADaemonRestartAndDestroy() throws Exception {
        GuestDomains t = table(EMULATOR);
        DomainRef ref = t.define(xml("again", "", ""), 0);
        t.start(ref.uuid(), 0);
        int id = t.lookupByName("again").id();
        await("the guest's marker", BOOT, () -> serial("again").contains("VIREO-SHELL-READY"));
        // Reboot: the power button, then a reset when the guest has powered off; the same process boots again.
        t.reboot(ref.uuid(), 0);
        await("the second boot", BOOT, () -> count(serial("again"), "VIREO-SHELL-READY") == 2);
        assertEquals(DomainState.RUNNING, t.state(ref.uuid()).state());

        // The daemon goes away and comes back: the guest kept running and is found again.
        t.detachAll();
        events.clear();
        GuestDomains after = table(EMULATOR);
        assertEquals(DomainState.RUNNING, after.state(ref.uuid()).state());
        assertEquals(id, after.lookupByName("again").id());
        try (ConsoleStream console = after.openConsole(ref.uuid(), null, 0)) {
            type(console, "echo back-$((1 + 1))", "back-2");
        }
        LiveRecord record = LiveRecord.parse(Files.readString(dir.resolve("run/again.status")));
        long destroy = System.nanoTime();
        after.destroy(ref.uuid(), 0);
        System.out.printf("destroy %d ms%n", (System.nanoTime() - destroy) / 1_000_000);
        assertTrue(GuestProcess.find(record.pid(), record.startTicks()).isEmpty(), "QEMU is gone");
        assertEquals(Reasons.SHUTOFF_DESTROYED, after.state(ref.uuid()).reason());
        assertEquals(List.of("STOPPED Destroyed"), events);
    }

    @Test
    void theGuestWritesAFileTheHostFindsInItsDisk() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/sbin/mkfs.ext4")) && Files.isExecutable(Path.of("/sbin/debugfs")),
                "SKIPPED LOUDLY: e2fsprogs is not installed (tools/guest/setup-deps.sh installs it)");
        Path image = dir.resolve("disk.img");
        run("truncate", "-s", "32M", image.toString());
        run("/sbin/mkfs.ext4", "-q", "-F", image.toString());
        GuestDomains t = table(EMULATOR);
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + image
                + "'/><target dev='vda' bus='virtio'/></disk>";
        DomainRef ref = t.createXml(xml("writer", "vireo.disktest", disk), 0);
        await("the guest powering off", BOOT, () -> !t.listAll(0).contains(ref) && events.contains("STOPPED Shutdown"));
        assertTrue(serial("writer").contains("VIREO-DISK-WRITTEN"), serial("writer"));
        assertEquals("written-by-guest", run("/sbin/debugfs", "-R", "cat /hello.txt", image.toString()).strip());
    }

    @Test
    void startsThatCannotWorkNameTheReasonAndLeaveNothingRunning() throws Exception {
        GuestDomains t = table(EMULATOR);
        DomainRef noKernel = t.define(xml("nokernel", "", "").replace(guest.resolve("vmlinuz").toString(),
                dir.resolve("missing-vmlinuz").toString()), 0);
        VirtException e = assertThrows(VirtException.class, () -> t.start(noKernel.uuid(), 0));
        assertTrue(e.getMessage().contains(dir.resolve("missing-vmlinuz") + "': No such file or directory"), e.getMessage());
        assertEquals(DomainState.SHUTOFF, t.state(noKernel.uuid()).state());

        String dirDisk = "<disk type='file' device='disk'><source file='" + dir + "'/><target dev='vda' bus='virtio'/></disk>";
        DomainRef badDisk = t.define(xml("baddisk", "", dirDisk), 0);
        e = assertThrows(VirtException.class, () -> t.start(badDisk.uuid(), 0));
        assertEquals(ErrorCode.NO_SOURCE, e.code());
        assertTrue(e.getMessage().contains("Is a directory"), e.getMessage());

        // An emulator that exits at once: the error carries what it said, nothing is left behind.
        Path broken = dir.resolve("broken-qemu");
        Files.writeString(broken, "#!/bin/sh\necho 'qemu: cannot set up guest memory: out of luck' >&2\nexit 1\n");
        broken.toFile().setExecutable(true);
        GuestDomains bt = table(broken.toString());
        DomainRef b = bt.define(xml("exits", "", ""), 0);
        e = assertThrows(VirtException.class, () -> bt.start(b.uuid(), 0));
        assertTrue(e.getMessage().contains("process exited while connecting to monitor")
                && e.getMessage().contains("out of luck"), e.getMessage());
        assertEquals(DomainState.SHUTOFF, bt.state(b.uuid()).state());
        assertTrue(bt.listAll(io.vireo.api.ListFlags.DOMAIN_ACTIVE).isEmpty());
        assertFalse(Files.exists(dir.resolve("run/exits.status")));

        DomainRef kvm = t.define(xml("needskvm", "", "").replace("type='qemu'", "type='kvm'"), 0);
        if (!Files.exists(Path.of("/dev/kvm"))) {
            e = assertThrows(VirtException.class, () -> t.start(kvm.uuid(), DomainFlags.START_PAUSED));
            assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
            assertTrue(e.getMessage().contains("Domain requires KVM"), e.getMessage());
        }
    }

    /** Runs {@code command} and returns its standard output (debugfs prints its banner on stderr). */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static String domstats(java.util.List<io.vireo.api.TypedParameter> params) {
        StringBuilder b = new StringBuilder();
        params.forEach(p -> b.append(p.name()).append('=').append(p.text()).append(' '));
        return b.toString();
    }

    @Test
    void hotplugStatisticsBalloonAndMonitorCommands() throws Exception {
        Path image = dir.resolve("hot.img");
        run("truncate", "-s", "8M", image.toString());
        GuestDomains t = table(EMULATOR);
        DomainRef ref = t.createXml(xml("hot", "", "").replace("<memballoon model='none'/>",
                "<memballoon model='virtio'/>"), 0);
        await("the guest's marker", BOOT, () -> serial("hot").contains("VIREO-SHELL-READY"));
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + image
                + "'/><target dev='vdb' bus='virtio'/></disk>";
        t.attachDevice(ref.uuid(), disk, DomainFlags.AFFECT_LIVE);
        assertTrue(t.xmlDesc(ref.uuid(), 0).contains("<alias name='virtio-disk1'/>"), t.xmlDesc(ref.uuid(), 0));
        try (ConsoleStream console = t.openConsole(ref.uuid(), null, 0)) {
            // The guest sees the new disk (PCI hot-plug through ACPI) and reads from it.
            type(console, "while [ ! -b /dev/vda ]; do sleep 0.2; done; dd if=/dev/vda of=/dev/null bs=4096 count=64 "
                    + "2>/dev/null && echo read-$((40 + 2))", "read-42");
        }
        io.vireo.api.BlockStats stats = t.blockStats(ref.uuid(), "vdb");
        assertTrue(stats.readBytes() >= 64 * 4096 && stats.readRequests() > 0, stats.toString());
        assertEquals(stats, t.blockStats(ref.uuid(), image.toString()), "by target or by source path");
        // domstats' block group carries the same counters, the disk's name and path.
        String block = domstats(t.domainStats(ref.uuid(), io.vireo.api.DomainStatsGroups.BLOCK));
        assertTrue(block.startsWith("block.count=1 block.0.name=vdb block.0.path=" + image + " block.0.rd.reqs="), block);
        io.vireo.api.BlockStats after = t.blockStats(ref.uuid(), "vdb");
        java.util.regex.Matcher rd = java.util.regex.Pattern.compile(" block\\.0\\.rd\\.bytes=(\\d+) ").matcher(block);
        assertTrue(rd.find(), block);
        long rdBytes = Long.parseLong(rd.group(1));
        assertTrue(stats.readBytes() <= rdBytes && rdBytes <= after.readBytes(), block + " / " + stats + " / " + after);

        t.detachDevice(ref.uuid(), "<disk type='file'><target dev='vdb'/></disk>", DomainFlags.AFFECT_LIVE);
        await("the guest releasing the disk", Duration.ofSeconds(30),
                () -> !t.xmlDesc(ref.uuid(), 0).contains("vdb"));
        assertEquals(ErrorCode.INVALID_ARG, assertThrows(VirtException.class, () -> t.blockStats(ref.uuid(), "vdb")).code());

        assertTrue(t.cpuStats(ref.uuid()).get("cpu_time") > 0);
        assertTrue(t.memoryStats(ref.uuid()).get("rss") > 0);
        assertEquals(262144L, t.memoryStats(ref.uuid()).get("actual"));
        t.setMemory(ref.uuid(), 196608, DomainFlags.AFFECT_LIVE);
        await("the balloon inflating", Duration.ofSeconds(30), () -> t.memoryStats(ref.uuid()).get("actual") == 196608L);
        assertEquals(196608, t.info(ref.uuid()).memoryKiB());
        String all = domstats(t.domainStats(ref.uuid(), t.statsGroups()));
        assertTrue(all.matches("cpu\\.time=[1-9]\\d* cpu\\.user=\\d+ cpu\\.system=\\d+ balloon\\.current=196608 "
                + "balloon\\.maximum=262144 .*balloon\\.rss=[1-9]\\d* .*vcpu\\.current=1 vcpu\\.maximum=1 .*"), all);

        assertTrue(t.monitorCommand(ref.uuid(), "info status", io.vireo.api.spi.QemuMonitorCommands.HMP).contains("VM status: running"));
        String reply = t.monitorCommand(ref.uuid(), "{\"execute\":\"query-status\"}", 0);
        assertTrue(reply.contains("\"status\":\"running\""), reply);
        assertTrue(t.monitorCommand(ref.uuid(), "{\"execute\":\"no-such\"}", 0).contains("CommandNotFound"));
        t.destroy(ref.uuid(), 0);
    }

    @Test
    void anEthernetInterfaceLivesInTheTestsOwnNetworkNamespace() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/nsenter")) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                        || Files.isExecutable(Path.of("/sbin/ip")),
                "SKIPPED LOUDLY: iproute2/util-linux are not installed");
        String ns = "vireo-qt-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        try {
            // The emulator runs inside the namespace: its tap, and all traffic, stay there.
            Path wrapper = dir.resolve("qemu-in-netns");
            Files.writeString(wrapper, "#!/bin/sh\nexec ip netns exec " + ns + " " + EMULATOR + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
            GuestDomains t = table(wrapper.toString());
            String nic = "<interface type='ethernet'><mac address='52:54:00:12:34:56'/><target dev='vqtap0'/>"
                    + "<model type='virtio'/></interface>";
            DomainRef ref = t.createXml(xml("net", "vireo.ip=10.77.0.2/24", nic), 0);
            run("ip", "netns", "exec", ns, "ip", "link", "show", "vqtap0");
            assertFalse(Files.exists(Path.of("/sys/class/net/vqtap0")), "no tap in the host's namespace");
            await("the guest's network", BOOT, () -> serial("net").contains("VIREO-SHELL-READY"));
            assertTrue(serial("net").contains("VIREO-NET-UP 10.77.0.2/24"), serial("net"));
            run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.77.0.1/24", "dev", "vqtap0");
            String ping = run("ip", "netns", "exec", ns, "/bin/busybox", "ping", "-c", "3", "-W", "5", "10.77.0.2");
            assertTrue(ping.contains("3 received") || ping.contains("3 packets received"), ping);
            io.vireo.api.InterfaceStats s = t.interfaceStats(ref.uuid(), "vqtap0");
            assertTrue(s.rxPackets() >= 3 && s.txPackets() >= 3, s.toString());
            assertEquals(s.rxBytes() > 0, t.interfaceStats(ref.uuid(), "52:54:00:12:34:56").rxBytes() > 0);

            // A second interface plugged into the running guest: its tap appears in the namespace, up.
            t.attachDevice(ref.uuid(), "<interface type='ethernet'><mac address='52:54:00:12:34:57'/>"
                    + "<target dev='vqtap1'/><model type='virtio'/></interface>", DomainFlags.AFFECT_LIVE);
            assertTrue(run("ip", "netns", "exec", ns, "ip", "link", "show", "vqtap1").contains("UP"));
            assertTrue(t.xmlDesc(ref.uuid(), 0).contains("<alias name='net1'/>"), t.xmlDesc(ref.uuid(), 0));
            t.detachDevice(ref.uuid(), "<interface type='ethernet'><mac address='52:54:00:12:34:57'/></interface>",
                    DomainFlags.AFFECT_LIVE);
            await("the guest releasing the interface", Duration.ofSeconds(30),
                    () -> !t.xmlDesc(ref.uuid(), 0).contains("52:54:00:12:34:57"));
            await("QEMU closing the tap", Duration.ofSeconds(10), () -> {
                try {
                    return !run("ip", "netns", "exec", ns, "ip", "-o", "link").contains("vqtap1");
                } catch (Exception e) {
                    return false;
                }
            });

            // A bridge interface: its tap is enslaved to the bridge, in the same namespace.
            run("ip", "netns", "exec", ns, "ip", "link", "add", "vqbr0", "type", "bridge");
            t.attachDevice(ref.uuid(), "<interface type='bridge'><source bridge='vqbr0'/>"
                    + "<target dev='vqtap2'/><model type='virtio'/></interface>", DomainFlags.AFFECT_LIVE);
            assertTrue(run("ip", "netns", "exec", ns, "ip", "link", "show", "vqtap2").contains("master vqbr0"));
            t.destroy(ref.uuid(), 0);
        } finally {
            new ProcessBuilder("ip", "netns", "delete", ns).start().waitFor();
        }
    }

    @Test
    void bootsFromARawAndAQcow2DiskThroughTheFirmwareWithAVncDisplay() throws Exception {
        Path script = Path.of(System.getProperty("vireo.repo.root", "../..")).resolve("tools/guest/build-mbr-disk.sh");
        String out = run("sh", script.toString()).strip();
        Path disks = Path.of(out.substring(out.lastIndexOf('\n') + 1));
        GuestDomains t = table(EMULATOR);
        for (String format : List.of("raw", "qcow2")) {
            String name = "fw-" + format;
            String xml = "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os><devices>"
                    + "<disk type='file' device='disk'><driver name='qemu' type='" + format + "'/><source file='"
                    + disks.resolve("disk." + format) + "'/><target dev='vda' bus='virtio'/><readonly/></disk>"
                    + "<serial type='file'><source path='" + dir.resolve(name + "-serial.log") + "'/></serial>"
                    + "<graphics type='vnc' autoport='yes'/><memballoon model='none'/></devices></domain>";
            DomainRef ref = t.createXml(xml, 0);
            await(name + " printing from its boot sector", BOOT, () -> serial(name).contains("VIREO-MBR-BOOT"));
            // The VNC display listens on loopback, on the port the live XML names, and speaks RFB.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<graphics type='vnc' port='(\\d+)'")
                    .matcher(t.xmlDesc(ref.uuid(), 0));
            assertTrue(m.find(), t.xmlDesc(ref.uuid(), 0));
            int port = Integer.parseInt(m.group(1));
            assertTrue(port >= 5900, "autoport from 5900: " + port);
            try (java.net.Socket vnc = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                byte[] banner = vnc.getInputStream().readNBytes(12);
                assertTrue(new String(banner, StandardCharsets.US_ASCII).startsWith("RFB 003."), new String(banner));
            }
            t.destroy(ref.uuid(), 0);
        }
    }
}
