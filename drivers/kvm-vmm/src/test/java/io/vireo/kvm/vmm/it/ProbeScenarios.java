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
        ALL.put("virtio-blk-rng-same-as-qemu", ProbeScenarios::virtioSameAsQemu);
        ALL.put("virtio-malicious-guest", ProbeScenarios::virtioMalicious);
        ALL.put("virtio-net-same-as-qemu", ProbeScenarios::virtioNetSameAsQemu);
        ALL.put("linux-stock-kernel-1-vcpu", p -> LinuxScenarios.linux(1));
        ALL.put("linux-stock-kernel-2-vcpus", p -> LinuxScenarios.linux(2));
        ALL.put("linux-stock-kernel-virtio", p -> LinuxScenarios.linuxVirtio());
        ALL.put("linux-stock-kernel-acpi-power", p -> LinuxScenarios.linuxAcpiPower());
    }

    private ProbeScenarios() {
    }

    /** A scenario that cannot run here (it says why); reported as SKIP, never as a pass. */
    static final class Skipped extends Exception {
        Skipped(String why) {
            super(why);
        }
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

    static final int DISK_BYTES = 1 << 20;
    static final String DISK_SERIAL = "vireo-probe-disk";

    /** A 1 MiB raw image whose byte i is (7i + 1) mod 256. */
    static Path diskImage(Path dir) throws IOException {
        byte[] b = new byte[DISK_BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        Path p = dir.resolve("disk.img");
        Files.write(p, b);
        return p;
    }

    /** What the probe writes to sectors 8-15 (the same formula as probe.c's blk_test). */
    static byte[] probePattern() {
        byte[] w = new byte[4096];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) ((8 + i / 512) * 37 + i * 13 + (i >> 7));
        }
        return w;
    }

    static long crc32(byte[] b, int off, int len) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b, off, len);
        return c.getValue();
    }

    /** The probe's virtio lines, as both VMMs must print them for {@link #diskImage} and "vireo.blk vireo.rng". */
    static List<String> expectedVirtio() throws IOException {
        byte[] img = new byte[DISK_BYTES];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) (i * 7 + 1);
        }
        return List.of(
                "virtio: 2 devices blk rng",
                "blk: capacity " + DISK_BYTES / 512 + " sectors",
                "blk: serial " + DISK_SERIAL,
                String.format("blk: sectors 0-1 crc32 %08x", crc32(img, 0, 1024)),
                "blk: write sectors 8-15 status 0",
                "blk: flush status 0",
                String.format("blk: read sectors 8-15 match crc32 %08x", crc32(probePattern(), 0, 4096)),
                "blk: read past the end status 1",
                "blk: interrupt status 1",
                "rng: got 64 bytes nonzero");
    }

    static List<String> virtioLines(List<String> report) {
        List<String> l = new ArrayList<>();
        for (String s : report) {
            if (s.startsWith("virtio: ") || s.startsWith("blk: ") || s.startsWith("rng: ") || s.startsWith("evil: ")
                    || s.startsWith("net: ")) {
                l.add(s);
            }
        }
        return l;
    }

    /** The image holds the probe's pattern in sectors 8-15 and the original bytes everywhere else. */
    static void checkImage(Path img, String who, String output) throws IOException {
        byte[] b = Files.readAllBytes(img);
        check(b.length == DISK_BYTES, who + ": image size " + b.length, output);
        byte[] w = probePattern();
        for (int i = 0; i < b.length; i++) {
            byte want = i >= 4096 && i < 8192 ? w[i - 4096] : (byte) (i * 7 + 1);
            if (b[i] != want) {
                throw new AssertionError(String.format("%s: image byte 0x%x is 0x%02x, expected 0x%02x; output:%n%s", who, i,
                        b[i] & 0xff, want & 0xff, output));
            }
        }
    }

    /** virtio-blk + virtio-rng: the probe's drivers print the same on Vireo's VMM and on QEMU microvm. */
    static void virtioSameAsQemu(Path probe) throws Exception {
        Path dir = Files.createTempDirectory("vireo-it-virtio");
        Process p = null;
        try {
            Path vimg = Files.createDirectories(dir.resolve("vireo"));
            Path vdisk = diskImage(vimg);
            io.vireo.kvm.vmm.api.VmConfig cfg = new io.vireo.kvm.vmm.api.VmConfig(probe.resolve("bzImage"),
                    probe.resolve("initrd.img"), "console=ttyS0 vireo.blk vireo.rng", 64, 1, null, null, "none", false,
                    List.of(new io.vireo.kvm.vmm.api.VmConfig.Disk(vdisk, false, DISK_SERIAL)), true, false, List.of());
            List<String> vireo;
            String vout;
            try (Guest g = new Guest(cfg)) {
                int rc = g.awaitExit();
                vout = g.output();
                vireo = report(vout);
                check(rc == 0 && vireo.contains("VIREO-PROBE 1 done"), "Vireo run ends normally (rc " + rc + ")", vout);
                String stats = g.vmm.stats().toString();
                // get-id, read 1 KiB, write 4 KiB, flush, read 4 KiB, a read past the end (I/O error)
                check(stats.contains("{device=virtio-blk, base=0xd0000000, irq=5, status=0, path=" + vdisk
                                + ", requests=6, rd_req=2, rd_bytes=5120, wr_req=1, wr_bytes=4096, flush_req=1, errors=1}")
                        && stats.contains("{device=virtio-rng, base=0xd0001000, irq=6, status=0}"),
                        "query-stats shows the devices: " + stats, vout);
                check(vout.contains("cmdline: console=ttyS0 vireo.blk vireo.rng virtio_mmio.device=512@0xd0000000:5"
                        + " virtio_mmio.device=512@0xd0001000:6\n"), "Vireo announces its devices on the command line",
                        vout);
            }
            check(virtioLines(vireo).equals(expectedVirtio()), "Vireo's virtio lines differ from " + expectedVirtio(),
                    vout);
            checkImage(vdisk, "Vireo", vout);

            Path qimg = Files.createDirectories(dir.resolve("qemu"));
            Path qdisk = diskImage(qimg);
            Path serial = dir.resolve("serial.log");
            // acpi=off: only then does microvm append virtio_mmio.device= words (auto-kernel-cmdline);
            // force-legacy=false: QEMU's virtio-mmio speaks version 1 (legacy) unless told otherwise.
            p = new ProcessBuilder("qemu-system-x86_64", "-M", "microvm,rtc=on,acpi=off", "-accel", "kvm",
                    "-cpu", "host,-arch-capabilities", "-m", "64", "-smp", "1",
                    "-kernel", probe.resolve("bzImage").toString(), "-initrd", probe.resolve("initrd.img").toString(),
                    "-append", "console=ttyS0 vireo.blk vireo.rng",
                    "-nodefaults", "-no-reboot", "-display", "none", "-device", "i8042",
                    "-global", "virtio-mmio.force-legacy=false",
                    "-drive", "id=d0,if=none,format=raw,file=" + qdisk,
                    "-device", "virtio-blk-device,drive=d0,serial=" + DISK_SERIAL, "-device", "virtio-rng-device",
                    "-serial", "file:" + serial)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
            if (!p.waitFor(Guest.timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("QEMU did not finish: " + read(serial));
            }
            String qout = read(serial).replace("\r", "") + read(dir.resolve("qemu.out"));
            List<String> qemu = report(qout);
            check(qemu.contains("VIREO-PROBE 1 done"), "QEMU run ends normally", qout);
            check(virtioLines(qemu).equals(virtioLines(vireo)), "Vireo and QEMU differ: vireo=" + virtioLines(vireo), qout);
            checkImage(qdisk, "QEMU", qout);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
    }

    /**
     * A malicious guest: the probe posts chains outside RAM, overflowing, looping, running ahead and
     * malformed. The VMM (its own process, as the driver runs it) marks the device NEEDS_RESET,
     * logs, keeps running, and the device works again after the guest resets it.
     */
    static void virtioMalicious(Path probe) throws Exception {
        Path dir = Files.createTempDirectory("vireo-it-evil");
        Process p = null;
        try {
            Path disk = diskImage(dir);
            Path log = dir.resolve("serial.log");
            String cp = System.getProperty("java.class.path");
            p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", cp, "io.vireo.kvm.vmm.Main",
                    "--kernel", probe.resolve("bzImage").toString(), "--cmdline", "console=ttyS0 vireo.evil",
                    "--memory-mib", "64", "--vcpus", "1", "--console", "none", "--serial-log", log.toString(),
                    "--disk", disk + ",serial=" + DISK_SERIAL, "--rng")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("vmm.out").toFile()).start();
            if (!p.waitFor(Guest.timeoutMs * 2, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("VMM did not finish: " + read(dir.resolve("vmm.out")) + read(log));
            }
            String out = read(log).replace("\r", "");
            String vmmOut = read(dir.resolve("vmm.out"));
            List<String> expect = List.of(
                    "virtio: 2 devices blk rng",
                    "evil: blk buffer outside ram needs-reset config-interrupt",
                    "evil: blk address+length overflow needs-reset config-interrupt",
                    "evil: blk looping chain needs-reset config-interrupt",
                    "evil: blk avail index far ahead needs-reset config-interrupt",
                    "evil: blk request without status needs-reset config-interrupt",
                    "evil: blk works after reset",
                    "evil: rng looping chain needs-reset config-interrupt",
                    "evil: rng next beyond queue needs-reset config-interrupt");
            check(virtioLines(report(out)).equals(expect), "malicious-guest verdicts differ from " + expect,
                    out + "\nVMM:\n" + vmmOut);
            check(report(out).contains("VIREO-PROBE 1 done"), "the guest went on to the end", out);
            check(p.exitValue() == 0, "VMM exit code " + p.exitValue() + " (0: guest reset)", vmmOut);
            check(Guest.occurrences(vmmOut, "device needs reset") == 7, "one log line per broken device", vmmOut);
            check(vmmOut.contains("virtio-blk@0xd0000000: device needs reset: descriptor"), "blk log line", vmmOut);
            check(vmmOut.contains("virtio-rng@0xd0001000: device needs reset: descriptor chain"), "rng log line", vmmOut);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
    }

    static final String NET_TAP = "vireo-n0";
    static final String NET_MAC = "52:54:00:12:34:56";

    /** What the probe sends (probe.c's net_test): broadcast, from its MAC, {@link HostTap#ETHERTYPE}, 187 bytes of pattern. */
    static byte[] probeFrame(byte[] mac) {
        byte[] f = new byte[14 + 187];
        java.util.Arrays.fill(f, 0, 6, (byte) 0xff);
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = (byte) (HostTap.ETHERTYPE >> 8);
        f[13] = (byte) HostTap.ETHERTYPE;
        for (int i = 0; i < 187; i++) {
            f[14 + i] = (byte) (i * 13 + 5);
        }
        return f;
    }

    /** The host's answer: to the probe's MAC, from the tap's, {@link HostTap#ETHERTYPE}, 300 bytes of another pattern. */
    static byte[] hostFrame(byte[] probeMac, byte[] tapMac) {
        byte[] f = new byte[14 + 300];
        System.arraycopy(probeMac, 0, f, 0, 6);
        System.arraycopy(tapMac, 0, f, 6, 6);
        f[12] = (byte) (HostTap.ETHERTYPE >> 8);
        f[13] = (byte) HostTap.ETHERTYPE;
        for (int i = 0; i < 300; i++) {
            f[14 + i] = (byte) (i * 31 + 11);
        }
        return f;
    }

    static List<String> expectedNet(byte[] probeFrame, byte[] hostFrame) {
        return List.of(
                "virtio: 1 devices net",
                "net: mac " + NET_MAC,
                String.format("net: sent %d bytes fnv1a %08x", probeFrame.length, fnv1a(probeFrame)),
                String.format("net: received %d bytes fnv1a %08x header clean", hostFrame.length, fnv1a(hostFrame)));
    }

    /**
     * virtio-net: the probe sends a frame and receives one through a tap, on Vireo's VMM and on QEMU
     * microvm (the same tap); the host checks the frame on the tap byte for byte, answers it, and the
     * probe's checksum of the answer must be the host's. The tap lives in a network namespace private to
     * the scenario's thread (root), or in the nested L1's (a throw-away machine); never elsewhere.
     */
    static void virtioNetSameAsQemu(Path probe) throws Exception {
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            throw new Skipped("no /dev/net/tun");
        }
        String noNamespace = HostTap.inPrivateNetworkNamespace(() -> {
            netBothWays(probe);
            return null;
        });
        if (noNamespace != null) {
            if (!Boolean.getBoolean("vireo.it.l1")) {
                throw new Skipped("a tap needs a network namespace of its own (" + noNamespace
                        + "; run as root) or the nested L1");
            }
            netBothWays(probe);
        }
    }

    static final byte[] NET_MAC_BYTES = io.vireo.kvm.vmm.api.VmConfig.Nic.parse("tap=x,mac=" + NET_MAC).macBytes();

    /** Waits for the probe's frame on the tap, checks it byte for byte and answers it; returns the answer. */
    static byte[] answerProbe(HostTap tap, String who, java.util.function.Supplier<String> output) {
        byte[] got = tap.receive(Guest.timeoutMs);
        check(got != null, who + ": no frame from the probe on " + tap, output.get());
        byte[] want = probeFrame(NET_MAC_BYTES);
        check(java.util.Arrays.equals(got, want), who + ": the probe's frame on the tap is\n" + HostTap.hex(got)
                + "\nexpected\n" + HostTap.hex(want), output.get());
        byte[] answer = hostFrame(NET_MAC_BYTES, tap.mac());
        tap.send(answer);
        return answer;
    }

    static void netBothWays(Path probe) throws Exception {
        Path dir = Files.createTempDirectory("vireo-it-net");
        Process p = null;
        try (HostTap tap = HostTap.create(NET_TAP)) {
            byte[] answer = hostFrame(NET_MAC_BYTES, tap.mac());
            List<String> expect = expectedNet(probeFrame(NET_MAC_BYTES), answer);

            // QEMU first: it lets go of the tap when it exits. (Vireo's VMM, run in this JVM, keeps the tap
            // attached after close while its reader thread sits in read(); deleting the tap ends that read.)
            Path serial = dir.resolve("serial.log");
            // acpi=off: microvm then appends virtio_mmio.device= words; force-legacy=false: version 2 registers.
            p = new ProcessBuilder("qemu-system-x86_64", "-M", "microvm,rtc=on,acpi=off", "-accel", "kvm",
                    "-cpu", "host,-arch-capabilities", "-m", "64", "-smp", "1",
                    "-kernel", probe.resolve("bzImage").toString(), "-initrd", probe.resolve("initrd.img").toString(),
                    "-append", "console=ttyS0 vireo.net",
                    "-nodefaults", "-no-reboot", "-display", "none", "-device", "i8042",
                    "-global", "virtio-mmio.force-legacy=false",
                    "-netdev", "tap,id=n0,ifname=" + NET_TAP + ",script=no,downscript=no,vhost=off",
                    "-device", "virtio-net-device,netdev=n0,mac=" + NET_MAC,
                    "-serial", "file:" + serial)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
            Path qemuOut = dir.resolve("qemu.out");
            answerProbe(tap, "QEMU", () -> read(serial) + read(qemuOut));
            if (!p.waitFor(Guest.timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("QEMU did not finish: " + read(serial));
            }
            String qout = read(serial).replace("\r", "") + read(qemuOut);
            List<String> qemu = report(qout);
            check(qemu.contains("VIREO-PROBE 1 done"), "QEMU run ends normally", qout);
            check(virtioLines(qemu).equals(expect), "QEMU's net lines differ from " + expect, qout);
            check(tap.receive(100) == null, "QEMU: the probe sent one frame only", qout);

            io.vireo.kvm.vmm.api.VmConfig cfg = new io.vireo.kvm.vmm.api.VmConfig(probe.resolve("bzImage"),
                    probe.resolve("initrd.img"), "console=ttyS0 vireo.net", 64, 1, null, null, "none", false,
                    List.of(), false, false, List.of(new io.vireo.kvm.vmm.api.VmConfig.Nic(NET_TAP, NET_MAC)));
            try (Guest g = new Guest(cfg)) {
                answerProbe(tap, "Vireo", g::output);
                int rc = g.awaitExit();
                String out = g.output();
                List<String> vireo = report(out);
                check(rc == 0 && vireo.contains("VIREO-PROBE 1 done"), "Vireo run ends normally (rc " + rc + ")", out);
                check(virtioLines(vireo).equals(virtioLines(qemu)), "Vireo and QEMU differ: qemu=" + virtioLines(qemu),
                        out);
                check(tap.receive(100) == null, "Vireo: the probe sent one frame only", out);
                checkNetStats(g, probeFrame(NET_MAC_BYTES).length, answer.length);
            }
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
    }

    /** The monitor's query-stats counts exactly the frames exchanged: one each way, nothing dropped. */
    @SuppressWarnings("unchecked")
    static void checkNetStats(Guest g, long txBytes, long rxBytes) throws IOException {
        Map<String, Object> stats = g.ok("query-stats");
        Map<String, Object> net = null;
        for (Object d : (List<Object>) stats.get("virtio")) {
            if ("virtio-net".equals(((Map<String, Object>) d).get("device"))) {
                net = (Map<String, Object>) d;
            }
        }
        check(net != null, "query-stats lists the virtio-net: " + stats, g.output());
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("tap", NET_TAP);
        want.put("mac", NET_MAC);
        want.put("tx_frames", 1L);
        want.put("tx_bytes", txBytes);
        want.put("tx_dropped", 0L);
        want.put("tx_errors", 0L);
        want.put("rx_frames", 1L);
        want.put("rx_bytes", rxBytes);
        want.put("rx_dropped", 0L);
        want.put("rx_errors", 0L);
        Map<String, Object> have = new LinkedHashMap<>();
        for (String k : want.keySet()) {
            Object v = net.get(k);
            have.put(k, v instanceof Number ? (Object) ((Number) v).longValue() : v);
        }
        check(have.equals(want), "query-stats net counters " + have + ", expected " + want + " (all: " + net + ")",
                g.output());
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
    /**
     * Ends the run with every thread's stack if scenario {@code name} outlives its limit (default
     * four timeouts): one hung scenario must not hold the whole nested run until its outer limit.
     */
    static Thread watchdog(String name) {
        long limit = Long.getLong("vireo.it.scenario.limit.ms", Guest.timeoutMs * 4);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(limit);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("SCENARIO " + name + " FAIL still running after " + limit + " ms; threads:\\n"
                    + ThreadDump.all().replace("\n", "\\n"));
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }, "it-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

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
            Thread watchdog = watchdog(n);
            try {
                ALL.get(n).run(probe);
                System.out.printf("SCENARIO %s PASS (%d ms)%n", n, (System.nanoTime() - t0) / 1_000_000);
                pass++;
            } catch (Skipped e) {
                System.out.println("SCENARIO " + n + " SKIP " + e.getMessage().replace("\n", "\\n"));
            } catch (Throwable e) {
                System.out.println("SCENARIO " + n + " FAIL " + e.toString().replace("\n", "\\n"));
                fail++;
            } finally {
                watchdog.interrupt();
            }
            System.out.flush();
        }
        System.out.println("scenarios: " + pass + " passed, " + fail + " failed");
        System.exit(fail == 0 ? 0 : 1);
    }
}
