package io.vireo.driver.kvm;

import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainRef;
import io.vireo.driver.support.domain.GuestDomains;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.process.GuestProcess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The KVM driver with the real VMM and the probe kernel (tools/guest/probe), driven as the daemon drives
 * it but in a plain JVM: run where /dev/kvm works (inside the nested L1, see KvmNestedScenarioTest). Each
 * step prints {@code STEP name PASS|FAIL millis [why]}; the run script drives the daemon-crash case across
 * two JVMs:
 * <pre>
 *   KvmScenarios main    WORK LAUNCHER PROBE_DIR   define, start, console, suspend/resume, reboot, shutdown
 *   KvmScenarios crash-a WORK LAUNCHER PROBE_DIR   starts a guest, writes WORK/crash-a.ready, waits to be killed
 *   KvmScenarios crash-b WORK LAUNCHER PROBE_DIR   a new daemon: reattaches, console, destroys
 *   KvmScenarios net     WORK LAUNCHER PROBE_DIR   a bridged guest in a network namespace of its own
 *   KvmScenarios main+net ...                      both, in one JVM
 * </pre>
 * The probe echoes console lines until "end", then prints ticks until Ctrl-Alt-Del, then resets.
 */
public final class KvmScenarios {
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("vireo.kvm.wait.s", 300));

    private final Path work;
    private final Path probe;
    private final Harness h;
    private GuestDomains table;

    private KvmScenarios(Path work, String launcher, Path probe) {
        this.work = work;
        this.probe = probe;
        this.h = new Harness(work.resolve("config"), work.resolve("run"), List.of(launcher), WAIT);
    }

    public static void main(String[] args) throws Exception {
        KvmScenarios s = new KvmScenarios(Path.of(args[1]), args[2], Path.of(args[3]));
        boolean ok = true;
        // Modes joined by '+' run in one JVM, one after the other (a JVM start costs seconds nested).
        for (String mode : args[0].split("\\+")) {
            ok &= switch (mode) {
                case "main" -> s.lifecycle();
                case "crash-a" -> s.crashA();
                case "crash-b" -> s.crashB();
                case "net" -> s.network();
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
        }
        System.out.flush();
        // Guests a failed step left behind are ended here; after success there are none.
        if (!ok) {
            s.h.killRecorded();
        }
        System.exit(ok ? 0 : 1);
    }

    interface Step {
        void run() throws Exception;
    }

    /** A step that cannot be checked here: reported as SKIP with the reason, not as a failure. */
    static final class Skip extends RuntimeException {
        Skip(String why) {
            super(why);
        }
    }

    private static boolean step(String name, Step body) {
        long t0 = System.nanoTime();
        try {
            body.run();
            System.out.println("STEP " + name + " PASS " + (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (Skip e) {
            System.out.println("STEP " + name + " SKIP " + (System.nanoTime() - t0) / 1_000_000 + " " + e.getMessage());
            return true;
        } catch (Throwable e) {
            System.out.println("STEP " + name + " FAIL " + (System.nanoTime() - t0) / 1_000_000 + " "
                    + String.valueOf(e).replace("\n", "\\n"));
            e.printStackTrace(System.out);
            return false;
        } finally {
            System.out.flush();
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void checkEquals(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }

    private Path serialLog(String name) {
        return work.resolve(name + ".serial");
    }

    private DomainRef define(String name, String cmdline, String onReboot) {
        return table.define(Harness.xml(name, probe.resolve("bzImage"), probe.resolve("initrd.img"),
                "console=ttyS0 " + cmdline, onReboot, serialLog(name)), 0);
    }

    private void awaitSerial(String name, String text, int times) throws InterruptedException {
        Harness.await(() -> Harness.count(Harness.read(serialLog(name)), text) >= times, WAIT,
                "'" + text + "' x" + times + " in " + name + "'s serial log; it has:\n" + Harness.read(serialLog(name)));
    }

    private void awaitState(DomainRef ref, DomainState state, int reason) throws InterruptedException {
        Harness.await(() -> {
            DomainStateReason s = table.state(ref.uuid());
            return s.state() == state && s.reason() == reason;
        }, WAIT, ref.name() + " " + state + " reason " + reason + " (is " + table.state(ref.uuid()) + ")");
    }

    private void awaitEvents(String name, List<String> expected) throws InterruptedException {
        try {
            Harness.await(() -> h.eventsOf(name).size() >= expected.size(), Duration.ofSeconds(10), "events");
        } catch (AssertionError e) {
            // compared below, with the full list in the message
        }
        checkEquals(expected, h.eventsOf(name), name + "'s events");
    }

    private GuestProcess process(String name) throws IOException {
        LiveRecord r = LiveRecord.parse(Files.readString(h.run.resolve(name + ".status")));
        return GuestProcess.find(r.pid(), r.startTicks()).orElseThrow(() -> new AssertionError(name + "'s VMM is gone"));
    }

    private void checkNoLiveFiles(String name) {
        for (String suffix : List.of(".status", ".xml", ".monitor", ".serial0")) {
            check(!Files.exists(h.run.resolve(name + suffix)), name + suffix + " is left in the run directory");
        }
    }

    private static void type(ConsoleStream console, String line) throws IOException {
        console.output().write((line + "\r").getBytes(StandardCharsets.US_ASCII));
        console.output().flush();
    }

    /** Reads a console session on a thread of its own, so the guest never waits on an unread socket. */
    static final class ConsoleTap {
        final ConsoleStream stream;
        private final StringBuffer seen = new StringBuffer();
        private volatile boolean ended;

        ConsoleTap(ConsoleStream stream) {
            this.stream = stream;
            Thread t = new Thread(() -> {
                byte[] buf = new byte[512];
                try {
                    InputStream in = stream.input();
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // closed
                } finally {
                    ended = true;
                }
            }, "console-tap");
            t.setDaemon(true);
            t.start();
        }

        void await(String text) throws InterruptedException {
            Harness.await(() -> seen.indexOf(text) >= 0, WAIT, "'" + text + "' on the console; it showed: " + seen);
        }

        boolean ended() {
            return ended;
        }
    }

    // main: one guest through its life, a second for on_reboot='destroy'

    private boolean lifecycle() {
        table = h.open();
        DomainRef[] g1 = new DomainRef[1];
        int[] id = new int[1];
        ConsoleTap[] console = new ConsoleTap[1];
        boolean ok = step("start", () -> {
            g1[0] = define("g1", "probe.echo probe.loop", "restart");
            table.start(g1[0].uuid(), 0);
            checkEquals(DomainState.RUNNING, table.state(g1[0].uuid()).state(), "state");
            id[0] = table.lookupByName("g1").id();
            awaitSerial("g1", "VIREO-PROBE 1 start", 1);
            awaitSerial("g1", "echo: ready", 1);
            check(table.xmlDesc(g1[0].uuid(), 0).contains("<alias name='serial0'/>"), "live XML names serial0");
        });
        ok = ok && step("console", () -> {
            ConsoleTap first = new ConsoleTap(table.openConsole(g1[0].uuid(), null, 0));
            type(first.stream, "hello-vireo");
            first.await("echo: hello-vireo");
            try {
                table.openConsole(g1[0].uuid(), "serial0", 0);
                throw new AssertionError("a second session was let in");
            } catch (VirtException e) {
                checkEquals(ErrorCode.OPERATION_FAILED, e.code(), "second session: " + e.getMessage());
            }
            console[0] = new ConsoleTap(table.openConsole(g1[0].uuid(), "serial0", DomainFlags.CONSOLE_FORCE));
            Harness.await(first::ended, Duration.ofSeconds(10), "the first session to end");
            type(console[0].stream, "taken-over");
            console[0].await("echo: taken-over");
        });
        ok = ok && step("suspend-resume", () -> {
            table.suspend(g1[0].uuid());
            checkEquals(DomainState.PAUSED, table.state(g1[0].uuid()).state(), "state");
            type(console[0].stream, "while-paused");
            Thread.sleep(2000);
            check(!Harness.read(serialLog("g1")).contains("echo: while-paused"), "a paused guest echoed");
            table.resume(g1[0].uuid());
            checkEquals(DomainState.RUNNING, table.state(g1[0].uuid()).state(), "state");
            awaitSerial("g1", "echo: while-paused", 1);
        });
        ok = ok && step("reboot-restart", () -> {
            GuestProcess vmm = process("g1");
            type(console[0].stream, "end");
            awaitSerial("g1", "tick 1", 1);
            table.reboot(g1[0].uuid(), 0);
            awaitSerial("g1", "probe: ctrl-alt-del", 1);
            awaitSerial("g1", "VIREO-PROBE 1 start", 2);
            checkEquals(DomainState.RUNNING, table.state(g1[0].uuid()).state(), "state after reboot");
            checkEquals(id[0], table.lookupByName("g1").id(), "ID after reboot");
            checkEquals(vmm.pid(), process("g1").pid(), "the same VMM process");
            type(console[0].stream, "after-reboot");
            console[0].await("echo: after-reboot");
        });
        ok = ok && step("shutdown", () -> {
            GuestProcess vmm = process("g1");
            type(console[0].stream, "end");
            awaitSerial("g1", "tick 1", 2);
            table.shutdown(g1[0].uuid(), 0);
            awaitState(g1[0], DomainState.SHUTOFF, Reasons.SHUTOFF_SHUTDOWN);
            check(!vmm.isAlive(), "the VMM ended");
            checkNoLiveFiles("g1");
            Harness.await(console[0]::ended, Duration.ofSeconds(10), "the console session to end");
            awaitEvents("g1", List.of("g1 DEFINED Added", "g1 STARTED Booted", "g1 SUSPENDED Paused",
                    "g1 RESUMED Unpaused", "g1 SHUTDOWN Finished", "g1 STOPPED Shutdown"));
        });
        ok = ok && step("reboot-destroy", () -> {
            // With a disk the probe tests (vireo.blk) before it loops: domblkstat shows the VMM's counters.
            Path img = work.resolve("g2.img");
            Files.write(img, new byte[64 * 1024]);
            DomainRef g2 = table.define(Harness.xml("g2", probe.resolve("bzImage"), probe.resolve("initrd.img"),
                    "console=ttyS0 vireo.blk probe.loop", "destroy", serialLog("g2")).replace("  <devices>\n",
                    "  <devices>\n    <disk type='file' device='disk'><source file='" + img + "'/><target dev='vda'/>"
                            + "</disk>\n"), 0);
            table.start(g2.uuid(), DomainFlags.START_PAUSED);
            checkEquals(DomainState.PAUSED, table.state(g2.uuid()).state(), "started paused");
            GuestProcess vmm = process("g2");
            table.resume(g2.uuid());
            awaitSerial("g2", "tick 1", 1);
            // get-id, read 1 KiB, write 4 KiB, flush, read 4 KiB, a read past the end (an I/O error)
            checkEquals(new io.vireo.api.BlockStats(2, 5120, 1, 4096, 1), table.blockStats(g2.uuid(), "vda"),
                    "domblkstat vda");
            check(table.memoryStats(g2.uuid()).getOrDefault("rss", 0L) > 0, "dommemstat rss");
            table.reboot(g2.uuid(), 0);
            awaitState(g2, DomainState.SHUTOFF, Reasons.SHUTOFF_SHUTDOWN);
            check(!vmm.isAlive(), "the VMM ended");
            check(Harness.count(Harness.read(serialLog("g2")), "VIREO-PROBE 1 start") == 1, "no second boot");
            checkNoLiveFiles("g2");
            awaitEvents("g2", List.of("g2 DEFINED Added", "g2 STARTED Booted", "g2 SUSPENDED Paused",
                    "g2 RESUMED Unpaused", "g2 SHUTDOWN Finished", "g2 STOPPED Shutdown"));
        });
        return ok;
    }

    // The daemon crash, across two JVMs

    private boolean crashA() {
        table = h.open();
        return step("crash-a-start", () -> {
            DomainRef g3 = define("g3", "probe.echo", "restart");
            table.start(g3.uuid(), 0);
            awaitSerial("g3", "echo: ready", 1);
            ConsoleTap c = new ConsoleTap(table.openConsole(g3.uuid(), null, 0));
            type(c.stream, "before-crash");
            c.await("echo: before-crash");
            GuestProcess vmm = process("g3");
            Files.writeString(work.resolve("crash-a.tmp"), vmm.pid() + " " + table.lookupByName("g3").id() + "\n");
            Files.move(work.resolve("crash-a.tmp"), work.resolve("crash-a.ready"));
        }) && waitToBeKilled();
    }

    private static boolean waitToBeKilled() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private boolean crashB() throws IOException {
        String[] ready = Files.readString(work.resolve("crash-a.ready")).trim().split(" ");
        long pid = Long.parseLong(ready[0]);
        int id = Integer.parseInt(ready[1]);
        DomainRef[] g3 = new DomainRef[1];
        boolean ok = step("reattach", () -> {
            table = h.open();
            List<DomainRef> active = table.listAll(ListFlags.DOMAIN_ACTIVE);
            checkEquals(1, active.size(), "running domains " + active);
            g3[0] = active.get(0);
            checkEquals("g3", g3[0].name(), "name");
            checkEquals(id, g3[0].id(), "ID after the daemon's crash");
            checkEquals(DomainState.RUNNING, table.state(g3[0].uuid()).state(), "state");
            checkEquals(pid, process("g3").pid(), "VMM pid");
            checkEquals(List.of(), h.events, "events at reattach");
        });
        ok = ok && step("reattach-console", () -> {
            ConsoleTap c = new ConsoleTap(table.openConsole(g3[0].uuid(), null, 0));
            type(c.stream, "after-crash");
            c.await("echo: after-crash");
        });
        ok = ok && step("destroy", () -> {
            GuestProcess vmm = process("g3");
            table.destroy(g3[0].uuid(), 0);
            check(!vmm.isAlive(), "the VMM is gone when destroy returns");
            checkEquals(new DomainStateReason(DomainState.SHUTOFF, Reasons.SHUTOFF_DESTROYED),
                    table.state(g3[0].uuid()), "state");
            checkNoLiveFiles("g3");
            check(GuestProcess.find(pid, vmm.startTicks()).isEmpty(), "no VMM process left");
            checkEquals(List.of("g3 STOPPED Destroyed"), h.eventsOf("g3"), "events");
        });
        return ok;
    }

    // net: a guest on a bridge in a network namespace of its own (inside the L1: never the host's network)

    static final String NETNS = "vireo-l1-net";
    static final String GUEST_MAC = "52:54:00:4e:45:54";

    static String ip(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(IpLinks.command()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
        return out;
    }

    /** The interface names of a namespace (states change on their own: names do not). */
    static List<String> linkNames(String... ns) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of(ns));
        args.addAll(List.of("-o", "link", "show"));
        List<String> names = new java.util.ArrayList<>();
        for (String line : ip(args.toArray(String[]::new)).split("\n")) {
            names.add(line.split(": ")[1]);
        }
        return names;
    }

    static String linkIn(String ns, String dev) {
        try {
            return ip("-n", ns, "-o", "link", "show", "dev", dev);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static long rxPackets(String ns, String dev) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.JsonNode l = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ip("-n", ns, "-j", "-s", "link", "show", "dev", dev)).path(0);
        return l.path("stats64").path("rx").path("packets").asLong(-1);
    }

    private boolean network() throws Exception {
        if (table == null) {
            table = h.open();
        }
        List<String> rootBefore = linkNames();
        String[] tap = new String[1];
        DomainRef[] g4 = new DomainRef[1];
        boolean ok;
        try {
            ok = step("bridge-netns", () -> {
                ip("netns", "add", NETNS);
                ip("-n", NETNS, "link", "add", "br0", "type", "bridge");
                ip("-n", NETNS, "addr", "add", "10.77.0.1/24", "dev", "br0");
                ip("-n", NETNS, "link", "set", "br0", "up");
                String xml = Harness.xml("g4", probe.resolve("bzImage"), probe.resolve("initrd.img"),
                        "console=ttyS0 vireo.net probe.loop", "restart", serialLog("g4"))
                        .replace("  <memory", "  <metadata>\n    <vireo:kvm xmlns:vireo='" + KvmMetadata.NAMESPACE
                                + "'><vireo:netns name='" + NETNS + "'/></vireo:kvm>\n  </metadata>\n  <memory")
                        .replace("  <devices>\n", "  <devices>\n    <interface type='bridge'><source bridge='br0'/>"
                                + "<mac address='" + GUEST_MAC + "'/></interface>\n");
                g4[0] = table.define(xml, 0);
                table.start(g4[0].uuid(), 0);
                String live = table.xmlDesc(g4[0].uuid(), 0);
                int at = live.indexOf("<target dev='");
                check(at > 0, "the live XML names the tap: " + live);
                tap[0] = live.substring(at + 13, live.indexOf('\'', at + 13));
                check(tap[0].matches("vnet\\d+"), "a vnetN name: " + tap[0]);
                check(live.contains("<source bridge='br0'/>"), "the live XML shows the bridge: " + live);
                String link = linkIn(NETNS, tap[0]);
                check(link != null, tap[0] + " exists in " + NETNS);
                check(link.contains(" master br0 "), "a port of br0: " + link);
                check(link.matches(".*<[A-Z_,]*\\bUP\\b.*"), "up: " + link);
                check(link.contains("link/ether fe:54:00:4e:45:54 "), "the host-side MAC: " + link);
                checkEquals(rootBefore, linkNames(), "the L1's own interfaces");
                // A probe with vireo.net has sent its frame (it then waits for an answer); one without ticks.
                Harness.await(() -> Harness.read(serialLog("g4")).contains("net: sent")
                        || Harness.read(serialLog("g4")).contains("tick 1"), WAIT, "'net: sent' or 'tick 1' in g4's "
                        + "serial log");
            });
            ok = ok && step("bridge-probe-frame", () -> {
                String serial = Harness.read(serialLog("g4"));
                if (!serial.contains("net: sent")) {
                    throw new Skip("the probe kernel has no vireo.net (no 'net: sent' on its console)");
                }
                check(serial.contains("net: mac " + GUEST_MAC), "the guest sees the MAC of the XML: " + serial);
                long rx = rxPackets(NETNS, "br0");
                check(rx >= 1, "the probe's broadcast frame arrived on br0 (rx packets " + rx + ")");
                System.out.println("NOTE br0 received " + rx + " packet(s); domifstat " + tap[0] + ": "
                        + table.interfaceStats(g4[0].uuid(), tap[0]));
            });
            ok = ok && step("bridge-destroy", () -> {
                GuestProcess vmm = process("g4");
                table.destroy(g4[0].uuid(), 0);
                check(!vmm.isAlive(), "the VMM is gone when destroy returns");
                Harness.await(() -> linkIn(NETNS, tap[0]) == null, Duration.ofSeconds(30),
                        tap[0] + " to go from " + NETNS);
                checkNoLiveFiles("g4");
                checkEquals(List.of("lo", "br0"), linkNames("-n", NETNS), NETNS + "'s interfaces");
            });
        } finally {
            if (g4[0] != null && table.state(g4[0].uuid()).state() != DomainState.SHUTOFF) {
                table.destroy(g4[0].uuid(), 0);
            }
        }
        return step("netns-cleaned", () -> {
            if (Files.exists(Path.of("/run/netns", NETNS))) {
                ip("netns", "del", NETNS);
            }
            check(!Files.exists(Path.of("/run/netns", NETNS)), NETNS + " removed");
            checkEquals(rootBefore, linkNames(), "the L1's own interfaces at the end");
        }) && ok;
    }
}
