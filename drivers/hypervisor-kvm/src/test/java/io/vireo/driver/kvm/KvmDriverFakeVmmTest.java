package io.vireo.driver.kvm;

import io.vireo.api.BlockStats;
import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.InterfaceStats;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainRef;
import io.vireo.driver.support.domain.GuestDomains;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.driver.support.process.GuestProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's lifecycle, console and reattachment against {@link FakeVmm}, a process that speaks the VMM's
 * monitor protocol without /dev/kvm: every path of the driver's own logic, quickly, on any host. The real
 * VMM with a real guest is KvmNestedScenarioTest's.
 */
class KvmDriverFakeVmmTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    Path dir;
    Harness h;
    GuestDomains table;
    Path kernel;

    static List<String> fakeVmmCommand() throws Exception {
        Path target = Path.of("target");
        String cp = target.resolve("test-classes").toAbsolutePath() + ":" + target.resolve("classes").toAbsolutePath()
                + ":" + Files.readString(target.resolve("test-classpath.txt")).trim();
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", cp, FakeVmm.class.getName());
    }

    @BeforeEach
    void setUp() throws Exception {
        // Short: Unix socket paths must stay under 108 bytes.
        dir = Files.createTempDirectory(Path.of("/tmp"), "kvmt");
        h = new Harness(dir.resolve("config"), dir.resolve("run"), fakeVmmCommand(), WAIT);
        kernel = dir.resolve("bzImage");
        Files.writeString(kernel, "a kernel");
        table = h.open();
    }

    @AfterEach
    void tearDown() {
        h.killRecorded();
        Harness.deleteTree(dir);
    }

    private DomainRef define(String name, String onReboot) {
        return table.define(Harness.xml(name, kernel, null, "console=ttyS0", onReboot, dir.resolve(name + ".serial")),
                0);
    }

    private GuestProcess process(String name) throws Exception {
        LiveRecord r = LiveRecord.parse(Files.readString(h.run.resolve(name + ".status")));
        return GuestProcess.find(r.pid(), r.startTicks()).orElseThrow();
    }

    private void awaitState(DomainRef ref, DomainState state) throws InterruptedException {
        Harness.await(() -> table.state(ref.uuid()).state() == state, WAIT, ref.name() + " " + state);
    }

    @Test
    void startSuspendResumeDestroy() throws Exception {
        DomainRef ref = define("vm1", "restart");
        table.start(ref.uuid(), 0);
        assertEquals(DomainState.RUNNING, table.state(ref.uuid()).state());
        assertEquals(1, table.lookupByName("vm1").id());
        String live = table.xmlDesc(ref.uuid(), 0);
        assertTrue(live.contains("<alias name='serial0'/>") && live.contains("<alias name='console0'/>"), live);
        assertFalse(table.xmlDesc(ref.uuid(), DomainFlags.XML_INACTIVE).contains("<alias"), "aliases are live only");
        String status = Files.readString(h.run.resolve("vm1.status"));
        assertTrue(status.contains("runtime.monitor=") && status.contains("runtime.console="), status);
        assertTrue(Harness.read(dir.resolve("vm1.serial")).contains("FAKE-GUEST start"));
        assertTrue(Harness.read(h.run.resolve("vm1.log")).contains(": starting up: "), "the start is logged");
        assertTrue(table.info(ref.uuid()).cpuTimeNanos() >= 0);

        table.suspend(ref.uuid());
        assertEquals(DomainState.PAUSED, table.state(ref.uuid()).state());
        table.resume(ref.uuid());
        assertEquals(DomainState.RUNNING, table.state(ref.uuid()).state());

        GuestProcess p = process("vm1");
        table.destroy(ref.uuid(), 0);
        assertFalse(p.isAlive(), "the VMM is gone when destroy returns");
        assertEquals(Reasons.SHUTOFF_DESTROYED, table.state(ref.uuid()).reason());
        assertFalse(Files.exists(h.run.resolve("vm1.monitor")) || Files.exists(h.run.resolve("vm1.serial0"))
                || Files.exists(h.run.resolve("vm1.status")), "no live files left");
        Thread.sleep(200);
        assertEquals(List.of("vm1 DEFINED Added", "vm1 STARTED Booted", "vm1 SUSPENDED Paused", "vm1 RESUMED Unpaused",
                "vm1 STOPPED Destroyed"), h.eventsOf("vm1"));
    }

    @Test
    void pausesByAnotherMonitorClientAreReported() throws Exception {
        DomainRef ref = define("vm2", "restart");
        table.start(ref.uuid(), DomainFlags.START_PAUSED);
        assertEquals(DomainState.PAUSED, table.state(ref.uuid()).state());
        try (JsonLineClient other = JsonLineClient.connect(h.run.resolve("vm2.monitor"), WAIT, "other")) {
            other.start(e -> { }, () -> { });
            other.execute("cont", null, WAIT);
            awaitState(ref, DomainState.RUNNING);
            other.execute("stop", null, WAIT);
            awaitState(ref, DomainState.PAUSED);
        }
        assertEquals(Reasons.PAUSED_USER, table.state(ref.uuid()).reason());
        assertEquals(List.of("vm2 DEFINED Added", "vm2 STARTED Booted", "vm2 SUSPENDED Paused", "vm2 RESUMED Unpaused",
                "vm2 SUSPENDED Paused"), h.eventsOf("vm2"));
        table.destroy(ref.uuid(), 0);
    }

    @Test
    void shutdownEndsTheGuestAtItsResetEvenWithOnRebootRestart() throws Exception {
        DomainRef ref = define("vm3", "restart");
        table.start(ref.uuid(), 0);
        GuestProcess p = process("vm3");
        table.shutdown(ref.uuid(), 0);
        awaitState(ref, DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_SHUTDOWN, table.state(ref.uuid()).reason());
        assertFalse(p.isAlive());
        Harness.await(() -> h.eventsOf("vm3").size() == 4, WAIT, "events");
        assertEquals(List.of("vm3 DEFINED Added", "vm3 STARTED Booted", "vm3 SHUTDOWN Finished",
                "vm3 STOPPED Shutdown"), h.eventsOf("vm3"));
        assertFalse(Files.exists(h.run.resolve("vm3.monitor")));
    }

    /** A guest with ACPI powers off on the power button: the VMM ends with guest-shutdown, libvirt's "shutdown". */
    @Test
    void shutdownOfAnAcpiGuestIsAGuestShutdown() throws Exception {
        Files.writeString(kernel, "acpi kernel");
        DomainRef ref = define("vmc", "restart");
        table.start(ref.uuid(), 0);
        GuestProcess p = process("vmc");
        table.shutdown(ref.uuid(), 0);
        awaitState(ref, DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_SHUTDOWN, table.state(ref.uuid()).reason());
        assertFalse(p.isAlive());
        Harness.await(() -> h.eventsOf("vmc").size() == 4, WAIT, "events");
        assertEquals(List.of("vmc DEFINED Added", "vmc STARTED Booted", "vmc SHUTDOWN Finished",
                "vmc STOPPED Shutdown"), h.eventsOf("vmc"));
        assertTrue(Harness.read(dir.resolve("vmc.serial")).contains("guest: power button"));
    }

    /** A reboot of a guest with ACPI: its power-off becomes a reset that follows on_reboot. */
    @Test
    void rebootOfAnAcpiGuestFollowsOnReboot() throws Exception {
        Files.writeString(kernel, "acpi kernel");
        DomainRef restart = define("vmd", "restart");
        table.start(restart.uuid(), 0);
        table.reboot(restart.uuid(), 0);
        Harness.await(() -> Harness.count(Harness.read(dir.resolve("vmd.serial")), "FAKE-GUEST start") == 2, WAIT,
                "the guest's second boot");
        assertEquals(DomainState.RUNNING, table.state(restart.uuid()).state());
        assertEquals(1, table.lookupByName("vmd").id(), "same guest, same ID");

        DomainRef destroy = define("vme", "destroy");
        table.start(destroy.uuid(), 0);
        table.reboot(destroy.uuid(), 0);
        awaitState(destroy, DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_SHUTDOWN, table.state(destroy.uuid()).reason());
        table.destroy(restart.uuid(), 0);
    }

    @Test
    void rebootFollowsOnReboot() throws Exception {
        DomainRef restart = define("vm4", "restart");
        table.start(restart.uuid(), 0);
        table.reboot(restart.uuid(), 0);
        Harness.await(() -> Harness.count(Harness.read(dir.resolve("vm4.serial")), "FAKE-GUEST start") == 2, WAIT,
                "the guest's second boot");
        assertEquals(DomainState.RUNNING, table.state(restart.uuid()).state());
        assertEquals(1, table.lookupByName("vm4").id(), "same guest, same ID");

        DomainRef destroy = define("vm5", "destroy");
        table.start(destroy.uuid(), 0);
        table.reboot(destroy.uuid(), 0);
        awaitState(destroy, DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_SHUTDOWN, table.state(destroy.uuid()).reason());
        Harness.await(() -> h.eventsOf("vm5").size() == 4, WAIT, "events");
        assertEquals(List.of("vm5 DEFINED Added", "vm5 STARTED Booted", "vm5 SHUTDOWN Finished",
                "vm5 STOPPED Shutdown"), h.eventsOf("vm5"));
        table.destroy(restart.uuid(), 0);
    }

    @Test
    void aVmmThatDiesOrFailsShutsTheDomainOffFailed() throws Exception {
        DomainRef killed = define("vm6", "restart");
        table.start(killed.uuid(), 0);
        process("vm6").signal(true);
        awaitState(killed, DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_FAILED, table.state(killed.uuid()).reason());
        assertFalse(Files.exists(h.run.resolve("vm6.monitor")), "a killed VMM's sockets are removed too");

        DomainRef failing = define("vm7", "restart");
        table.start(failing.uuid(), 0);
        try (JsonLineClient other = JsonLineClient.connect(h.run.resolve("vm7.monitor"), WAIT, "other")) {
            other.start(e -> { }, () -> { });
            other.execute("fake-error", null, WAIT);
        }
        awaitState(failing, DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_FAILED, table.state(failing.uuid()).reason());
        Harness.await(() -> h.eventsOf("vm7").size() == 3, WAIT, "events");
        assertEquals("vm7 STOPPED Failed", h.eventsOf("vm7").get(2));
    }

    @Test
    void aVmmThatCannotStartFailsTheStartWithItsLog() throws Exception {
        Files.writeString(kernel, "fail: not a kernel");
        DomainRef ref = define("vm8", "restart");
        VirtException e = assertThrows(VirtException.class, () -> table.start(ref.uuid(), 0));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("internal error: process exited while connecting to monitor: "
                + "vireo-vmm: error: " + kernel + ": not a bzImage"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(see " + h.run.resolve("vm8.log") + ")"), e.getMessage());
        assertEquals(DomainState.SHUTOFF, table.state(ref.uuid()).state());
        assertFalse(Files.exists(h.run.resolve("vm8.status")));
        assertTrue(h.recordedProcesses().isEmpty());
        assertEquals(List.of("vm8 DEFINED Added"), h.eventsOf("vm8"));
    }

    @Test
    void oneConsoleSessionAtATimeAndForceTakesOver() throws Exception {
        DomainRef ref = define("vm9", "restart");
        table.start(ref.uuid(), 0);
        ConsoleStream first = table.openConsole(ref.uuid(), null, 0);
        first.output().write("hello\r".getBytes(StandardCharsets.US_ASCII));
        first.output().flush();
        Harness.readUntil(first.input(), "echo: hello", WAIT);
        VirtException busy = assertThrows(VirtException.class, () -> table.openConsole(ref.uuid(), "serial0", 0));
        assertEquals(ErrorCode.OPERATION_FAILED, busy.code());
        assertEquals("operation failed: Active console session exists for this domain", busy.getMessage());
        VirtException none = assertThrows(VirtException.class, () -> table.openConsole(ref.uuid(), "serial1", 0));
        assertEquals("internal error: cannot find character device serial1", none.getMessage());

        List<Integer> firstEnd = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                firstEnd.add(first.input().read(new byte[64]));
            } catch (Exception e) {
                firstEnd.add(-2);
            }
        });
        reader.start();
        ConsoleStream second = table.openConsole(ref.uuid(), "console0", DomainFlags.CONSOLE_FORCE);
        reader.join(WAIT.toMillis());
        assertFalse(reader.isAlive(), "the first session's input ended");
        second.output().write("again\r".getBytes(StandardCharsets.US_ASCII));
        second.output().flush();
        Harness.readUntil(second.input(), "echo: again", WAIT);
        second.close();
        table.openConsole(ref.uuid(), null, 0).close();
        table.destroy(ref.uuid(), 0);
        VirtException stopped = assertThrows(VirtException.class, () -> table.openConsole(ref.uuid(), null, 0));
        assertEquals(ErrorCode.OPERATION_INVALID, stopped.code());
    }

    @Test
    void aNewDaemonReattachesAndDropsWhatItCannotReach() throws Exception {
        DomainRef keep = define("vma", "restart");
        table.start(keep.uuid(), 0);
        DomainRef lost = define("vmb", "restart");
        table.start(lost.uuid(), 0);
        int keepId = table.lookupByName("vma").id();
        GuestProcess keepProcess = process("vma");
        GuestProcess lostProcess = process("vmb");
        table.detachAll();
        // vmb's monitor socket disappears while nobody watches: its VMM can no longer be driven.
        Files.delete(h.run.resolve("vmb.monitor"));
        h.events.clear();

        GuestDomains after = h.open();
        assertEquals(DomainState.RUNNING, after.state(keep.uuid()).state());
        assertEquals(keepId, after.lookupByName("vma").id());
        assertEquals(DomainState.SHUTOFF, after.state(lost.uuid()).state());
        assertEquals(Reasons.SHUTOFF_FAILED, after.state(lost.uuid()).reason());
        assertFalse(lostProcess.isAlive(), "an unreachable VMM is ended, not left behind");
        assertEquals(List.of("vmb STOPPED Failed"), h.events);
        ConsoleStream c = after.openConsole(keep.uuid(), null, 0);
        c.output().write("back\r".getBytes(StandardCharsets.US_ASCII));
        Harness.readUntil(c.input(), "echo: back", WAIT);
        after.suspend(keep.uuid());
        after.destroy(keep.uuid(), 0);
        assertFalse(keepProcess.isAlive());
        assertEquals(List.of("vmb STOPPED Failed", "vma SUSPENDED Paused", "vma STOPPED Destroyed"), h.events);
    }
    /** A definition with two disks, one interface and (with {@code balloon}) a virtio memballoon. */
    private DomainRef defineWithDevices(String name, boolean balloon) throws Exception {
        Files.writeString(dir.resolve(name + "-a.img"), "");
        Files.writeString(dir.resolve(name + "-b.img"), "");
        String devices = "  <devices>\n"
                + "    <disk type='file' device='disk'><source file='" + dir.resolve(name + "-a.img") + "'/>"
                + "<target dev='vda'/></disk>\n"
                + "    <disk type='file' device='disk'><source file='" + dir.resolve(name + "-b.img") + "'/>"
                + "<target dev='vdb'/></disk>\n"
                + "    <interface type='ethernet'><mac address='52:54:00:AA:BB:CC'/><target dev='vtap-" + name + "'/>"
                + "</interface>\n"
                + (balloon ? "    <memballoon model='virtio'/>\n" : "");
        String xml = Harness.xml(name, kernel, null, "console=ttyS0", "restart", null).replace("  <devices>\n", devices);
        return table.define(xml, 0);
    }

    @Test
    void blockAndInterfaceStatisticsComeFromTheVmmsCounters() throws Exception {
        DomainRef ref = defineWithDevices("vs1", true);
        table.start(ref.uuid(), 0);
        // FakeVmm: disk i read 10+i requests of 4 KiB, wrote 20+i of 512 bytes, had i errors.
        assertEquals(new BlockStats(10, 40960, 20, 10240, 0), table.blockStats(ref.uuid(), "vda"));
        assertEquals(new BlockStats(11, 45056, 21, 10752, 1),
                table.blockStats(ref.uuid(), dir.resolve("vs1-b.img").toString()), "by source path, as libvirt");
        VirtException e = assertThrows(VirtException.class, () -> table.blockStats(ref.uuid(), "vdz"));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals("invalid argument: invalid path: vdz", e.getMessage());

        // NIC 0: received 30 frames of 100 bytes, sent 40 of 60, dropped none received and one sent.
        InterfaceStats expected = new InterfaceStats(3000, 30, 0, 0, 2400, 40, 0, 1);
        assertEquals(expected, table.interfaceStats(ref.uuid(), "vtap-vs1"));
        assertEquals(expected, table.interfaceStats(ref.uuid(), "52:54:00:aa:bb:cc"), "by MAC");
        e = assertThrows(VirtException.class, () -> table.interfaceStats(ref.uuid(), "vnet9"));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals("invalid argument: invalid path, 'vnet9' is not a known interface", e.getMessage());

        Map<String, Long> cpu = table.cpuStats(ref.uuid());
        assertTrue(cpu.get("cpu_time") > 0, cpu.toString());
        table.destroy(ref.uuid(), 0);
        e = assertThrows(VirtException.class, () -> table.blockStats(ref.uuid(), "vda"));
        assertEquals(ErrorCode.OPERATION_INVALID, e.code(), "not running: " + e.getMessage());
    }

    @Test
    void setMemoryLiveMovesTheBalloonAndMemoryStatsShowIt() throws Exception {
        DomainRef ref = defineWithDevices("vs2", true);
        table.start(ref.uuid(), 0);
        Map<String, Long> mem = table.memoryStats(ref.uuid());
        assertEquals(65536L, mem.get("actual"), mem.toString());
        assertTrue(mem.get("rss") > 0, "the VMM's RSS: " + mem);
        assertEquals(65536L, table.info(ref.uuid()).memoryKiB());

        table.setMemory(ref.uuid(), 32768, DomainFlags.AFFECT_LIVE);
        mem = table.memoryStats(ref.uuid());
        assertEquals(32768L, mem.get("actual"), mem.toString());
        assertEquals(32768L, table.info(ref.uuid()).memoryKiB());
        assertEquals(65536L, table.info(ref.uuid()).maxMemoryKiB());
        assertTrue(table.xmlDesc(ref.uuid(), 0).contains("<currentMemory unit='KiB'>32768</currentMemory>"),
                table.xmlDesc(ref.uuid(), 0));
        VirtException e = assertThrows(VirtException.class,
                () -> table.setMemory(ref.uuid(), 131072, DomainFlags.AFFECT_LIVE));
        assertEquals("invalid argument: cannot set memory higher than max memory", e.getMessage());
        table.destroy(ref.uuid(), 0);
    }

    @Test
    void theXmlsStatsPeriodReachesTheVmmAndMemoryStatsCarryTheGuestsReport() throws Exception {
        DomainRef plain = defineWithDevices("vs4", true);
        table.start(plain.uuid(), 0);
        assertEquals(List.of("actual", "rss"), List.copyOf(table.memoryStats(plain.uuid()).keySet()),
                "no period: the fake guest has not reported");
        // virsh dommemstat --period 5 on the running guest: the VMM is told, the live XML shows it.
        table.setMemoryStatsPeriod(plain.uuid(), 5, DomainFlags.AFFECT_LIVE);
        assertEquals(List.of("actual", "unused", "available", "last_update", "rss"),
                List.copyOf(table.memoryStats(plain.uuid()).keySet()), "the fake guest reports once it has a period");
        assertTrue(table.xmlDesc(plain.uuid(), 0).contains("<stats period='5'/>"), table.xmlDesc(plain.uuid(), 0));
        assertFalse(table.xmlDesc(plain.uuid(), DomainFlags.XML_INACTIVE).contains("<stats"));
        table.destroy(plain.uuid(), 0);

        Files.writeString(dir.resolve("vs5.img"), "");
        String xml = Harness.xml("vs5", kernel, null, "console=ttyS0", "restart", null).replace("  <devices>\n",
                "  <devices>\n    <memballoon model='virtio'><stats period='5'/></memballoon>\n");
        DomainRef ref = table.define(xml, 0);
        table.start(ref.uuid(), 0);
        long before = System.currentTimeMillis() / 1000;
        Map<String, Long> mem = table.memoryStats(ref.uuid());
        // FakeVmm: with a period its guest reports half its memory free and all but 8 MiB in total.
        assertEquals(List.of("actual", "unused", "available", "last_update", "rss"), List.copyOf(mem.keySet()));
        assertEquals(32768L, mem.get("unused"), mem.toString());
        assertEquals(65536L - 8192, mem.get("available"), mem.toString());
        assertTrue(mem.get("last_update") >= before - 1, mem.toString());
        table.destroy(ref.uuid(), 0);
    }

    @Test
    void withoutABalloonSetMemoryIsRefusedAndMemoryStatsHaveOnlyRss() throws Exception {
        DomainRef ref = defineWithDevices("vs3", false);
        table.start(ref.uuid(), 0);
        VirtException e = assertThrows(VirtException.class,
                () -> table.setMemory(ref.uuid(), 32768, DomainFlags.AFFECT_LIVE));
        assertTrue(e.getMessage().contains("without the balloon device"), e.getMessage());
        VirtException period = assertThrows(VirtException.class,
                () -> table.setMemoryStatsPeriod(ref.uuid(), 5, DomainFlags.AFFECT_LIVE));
        assertEquals("Requested operation is not valid: No memory balloon device configured, can not set the collection "
                + "period", period.getMessage());
        Map<String, Long> mem = table.memoryStats(ref.uuid());
        assertFalse(mem.containsKey("actual"), mem.toString());
        assertTrue(mem.get("rss") > 0, mem.toString());
        table.destroy(ref.uuid(), 0);
    }
}
