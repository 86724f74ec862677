package io.vireo.kvm.vmm.it;

import io.vireo.kvm.vmm.Vmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The probe-kernel scenarios. They need a usable /dev/kvm; {@link ProbeVmmTest} runs them
 * directly, or inside the nested L1 machine through {@link #main} when this host has none.
 */
public final class ProbeScenarios {
    @FunctionalInterface
    interface Scenario {
        void run(Path probe) throws Exception;
    }

    static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        ALL.put("boot-1-vcpu", p -> boot(p, 1));
        ALL.put("boot-2-vcpus", p -> boot(p, 2));
        ALL.put("console-echo", ProbeScenarios::consoleEcho);
        ALL.put("pause-resume-powerdown", ProbeScenarios::pauseResume);
        ALL.put("reset-and-quit", ProbeScenarios::resetAndQuit);
        ALL.put("destroy-process", ProbeScenarios::destroyProcess);
        ALL.put("qemu-microvm-same-output", ProbeScenarios::qemuSameOutput);
        ALL.put("linux-stock-kernel-1-vcpu", p -> linux(1));
        ALL.put("linux-stock-kernel-2-vcpus", p -> linux(2));
    }

    private ProbeScenarios() {
    }

    static void check(boolean cond, String what, String output) {
        if (!cond) {
            throw new AssertionError(what + "; output:\n" + output);
        }
    }

    static long fnv1a(byte[] data) {
        int h = 0x811c9dc5;
        for (byte b : data) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h & 0xffffffffL;
    }

    /** The probe's report, as both VMMs must print it. */
    static List<String> expectedReport(Path probe, int vcpus, String cmdline) throws IOException {
        byte[] initrd = Files.readAllBytes(probe.resolve("initrd.img"));
        List<String> l = new ArrayList<>(List.of(
                "VIREO-PROBE 1 start",
                "boot: header HdrS version 020f xloadflags 0001 loader set loaded-high",
                "e820: sane low-ram kernel-in-ram ram-top-mib 64",
                "cmdline: " + cmdline,
                String.format("initrd: size %d fnv1a %08x in-ram above-kernel", initrd.length, fnv1a(initrd)),
                "pci: no devices on 00:00.0",
                "rtc: 24h-bcd date-valid",
                "i8042: self-test ok echo ok",
                "smp: cpus " + vcpus + " bsp apic-id 0"));
        for (int i = 1; i < vcpus; i++) {
            l.add("smp: ap apic-id " + i + " online");
        }
        l.add("smp: " + vcpus + " of " + vcpus + " cpus online");
        return l;
    }

    /** Lines from the probe's start banner to its end banner, without CRs. */
    static List<String> report(String output) {
        List<String> r = new ArrayList<>();
        boolean in = false;
        for (String line : output.replace("\r", "").split("\n")) {
            if (line.startsWith("VIREO-PROBE 1 start")) {
                in = true;
                r.clear();
            }
            if (in) {
                r.add(line);
            }
            if (line.startsWith("VIREO-PROBE 1 done")) {
                break;
            }
        }
        return r;
    }

    static void boot(Path probe, int vcpus) throws Exception {
        try (Guest g = new Guest(probe, vcpus, "probe.boot", false)) {
            int rc = g.awaitExit();
            String out = g.output();
            List<String> expect = expectedReport(probe, vcpus, "console=ttyS0 probe.boot");
            expect.add("VIREO-PROBE 1 done");
            check(report(out).equals(expect), "probe report differs from expected " + expect, out);
            check(rc == 0, "exit code " + rc, out);
            check("guest-reset".equals(g.vmm.shutdownReason()), "ended by " + g.vmm.shutdownReason(), out);
        }
    }

    static void consoleEcho(Path probe) throws Exception {
        try (Guest g = new Guest(probe, 1, "probe.echo", false)) {
            g.waitFor("echo: ready");
            g.console.feed("hello vireo\n");
            g.waitFor("echo: hello vireo");
            g.console.feed("second line\nend\n");
            String out = g.waitFor("VIREO-PROBE 1 done");
            check(out.contains("echo: second line\necho: end\n"), "echo of the second line", out);
            check(g.awaitExit() == 0, "exit code", out);
        }
    }

    static void pauseResume(Path probe) throws Exception {
        try (Guest g = new Guest(probe, 2, "probe.loop", false)) {
            g.waitFor("tick 2");
            check("running".equals(g.ok("query-status").get("status")), "status running", g.output());
            g.ok("stop");
            check("paused".equals(g.ok("query-status").get("status")), "status paused", g.output());
            String frozen = g.output();
            Thread.sleep(1500);
            check(g.output().equals(frozen), "output while paused", g.output());
            int ticks = Guest.occurrences(frozen, "tick ");
            g.ok("cont");
            check("running".equals(g.ok("query-status").get("status")), "status running after cont", g.output());
            g.waitFor("tick ", ticks + 1);
            Map<String, Object> stats = g.ok("query-stats");
            check(((Number) stats.get("exits")).longValue() > 0, "exits counted: " + stats, g.output());
            check(((List<?>) stats.get("vcpus")).size() == 2, "two vcpus in stats: " + stats, g.output());
            g.ok("system_powerdown");
            String out = g.waitFor("probe: ctrl-alt-del");
            check(g.awaitExit() == 0, "exit code", out);
            check(g.vmm.status() == Vmm.Status.SHUTDOWN, "status shutdown", out);
        }
    }

    static void resetAndQuit(Path probe) throws Exception {
        try (Guest g = new Guest(probe, 2, "probe.loop", true)) {
            g.waitFor("tick 1");
            g.ok("system_reset");
            g.waitFor("VIREO-PROBE 1 start", 2);
            String out = g.waitFor("tick 1", 2);
            check(report(out.substring(out.lastIndexOf("VIREO-PROBE 1 start"))).size() > 5, "second boot report", out);
            g.ok("quit");
            check(g.awaitExit() == 0, "exit code", out);
            check("host-quit".equals(g.vmm.shutdownReason()), "reason " + g.vmm.shutdownReason(), out);
        }
    }

    /** The VMM as its own process, as the driver runs it: killed with SIGTERM, it leaves nothing behind. */
    static void destroyProcess(Path probe) throws Exception {
        Path dir = Files.createTempDirectory("vireo-it-proc");
        Process p = null;
        try {
            Path sock = dir.resolve("mon.sock");
            Path log = dir.resolve("serial.log");
            String cp = System.getProperty("java.class.path");
            p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", cp, "io.vireo.kvm.vmm.Main",
                    "--kernel", probe.resolve("bzImage").toString(), "--initrd", probe.resolve("initrd.img").toString(),
                    "--cmdline", "console=ttyS0 probe.loop", "--memory-mib", "64", "--vcpus", "1",
                    "--console", "none", "--serial-log", log.toString(), "--monitor-socket", sock.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("vmm.out").toFile()).start();
            long deadline = System.currentTimeMillis() + Guest.timeoutMs * 2;
            while (!(Files.exists(log) && Files.readString(log).contains("tick 1"))) {
                if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                    throw new AssertionError("VMM process did not start the guest: " + read(dir.resolve("vmm.out"))
                            + read(log));
                }
                Thread.sleep(100);
            }
            check(Files.exists(sock), "monitor socket exists", read(log));
            p.destroy(); // SIGTERM
            if (!p.waitFor(Guest.timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("VMM ignored SIGTERM");
            }
            check(!Files.exists(sock), "monitor socket removed on exit", read(dir.resolve("vmm.out")));
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
    }

    /** QEMU loads the same bzImage through its real-mode path; the probe must report the same. */
    static void qemuSameOutput(Path probe) throws Exception {
        String cmdline = "console=ttyS0 probe.cmp";
        List<String> expect = expectedReport(probe, 2, cmdline);
        expect.add("VIREO-PROBE 1 done");
        List<String> vireo;
        try (Guest g = new Guest(probe, 2, "probe.cmp", false)) {
            g.awaitExit();
            vireo = report(g.output());
        }
        Path dir = Files.createTempDirectory("vireo-it-qemu");
        Process p = null;
        try {
            Path serial = dir.resolve("serial.log");
            p = new ProcessBuilder("qemu-system-x86_64", "-M", "microvm,rtc=on", "-accel", "kvm", "-cpu", "host,-arch-capabilities",
                    "-m", "64", "-smp", "2", "-kernel", probe.resolve("bzImage").toString(),
                    "-initrd", probe.resolve("initrd.img").toString(), "-append", cmdline,
                    "-nodefaults", "-no-reboot", "-display", "none", "-device", "i8042",
                    "-serial", "file:" + serial)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
            if (!p.waitFor(Guest.timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("QEMU did not finish: " + read(serial));
            }
            List<String> qemu = report(read(serial));
            check(qemu.equals(expect), "QEMU's probe report differs from expected " + expect,
                    read(serial) + read(dir.resolve("qemu.out")));
            check(vireo.equals(qemu), "Vireo and QEMU differ: vireo=" + vireo, read(serial));
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
    }

    /** The stock Debian kernel + busybox initramfs (tools/guest/build-linux-guest.sh) boots to its marker. */
    static void linux(int vcpus) throws Exception {
        String dir = System.getProperty("vireo.linux.dir");
        if (dir == null) {
            throw new AssertionError("no Linux guest (-Dvireo.linux.dir)");
        }
        Path linux = Path.of(dir);
        io.vireo.kvm.vmm.api.VmConfig cfg = new io.vireo.kvm.vmm.api.VmConfig(linux.resolve("vmlinuz"),
                linux.resolve("initrd.img"), io.vireo.kvm.vmm.api.VmConfig.DEFAULT_CMDLINE + " quiet 8250.nr_uarts=1",
                256, vcpus, null, null, "none", false);
        // Nested (QEMU TCG L1) a boot takes 20-30 s (NESTED.md); on hardware KVM well under a second.
        long saved = Guest.timeoutMs;
        Guest.timeoutMs = Long.getLong("vireo.it.linux.timeout.ms", 240_000);
        long t0 = System.nanoTime();
        try (Guest g = new Guest(cfg)) {
            String out;
            try {
                out = g.waitFor("VIREO-GUEST-READY cpus=" + vcpus);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nstats: " + g.vmm.stats(), e);
            }
            long marker = (System.nanoTime() - t0) / 1_000_000;
            int rc = g.awaitExit();
            check(rc == 0 && "guest-reset".equals(g.vmm.shutdownReason()), "reboot -f ends the VMM (rc " + rc + ")", out);
            System.out.println("linux " + vcpus + " vcpus: marker after " + marker + " ms; " + g.vmm.stats());
        } finally {
            Guest.timeoutMs = saved;
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Runs scenarios (all, or those named) and prints one "SCENARIO name PASS|FAIL" line each. */
    public static void main(String[] args) {
        Path probe = Path.of(System.getProperty("vireo.probe.dir"));
        List<String> names = args.length == 0 ? new ArrayList<>(ALL.keySet()) : List.of(args);
        int pass = 0;
        int fail = 0;
        for (String n : names) {
            if (n.startsWith("linux-") && args.length == 0 && System.getProperty("vireo.linux.dir") == null) {
                System.out.println("SCENARIO " + n + " SKIP (no -Dvireo.linux.dir)");
                continue;
            }
            long t0 = System.nanoTime();
            try {
                ALL.get(n).run(probe);
                System.out.printf("SCENARIO %s PASS (%d ms)%n", n, (System.nanoTime() - t0) / 1_000_000);
                pass++;
            } catch (Throwable e) {
                System.out.println("SCENARIO " + n + " FAIL " + e.toString().replace("\n", "\\n"));
                fail++;
            }
            System.out.flush();
        }
        System.out.println("scenarios: " + pass + " passed, " + fail + " failed");
        System.exit(fail == 0 ? 0 : 1);
    }
}
