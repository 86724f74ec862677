package io.vireo.kvm.vmm.it;

import io.vireo.kvm.vmm.kvm.Kvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Boots the probe kernel (built from tools/guest/probe by build-probe.sh) on Vireo's VMM.
 * With a usable /dev/kvm the scenarios run here; without one (or on PVM) they run inside a
 * nested L1 Linux under QEMU TCG, whose emulated SVM provides /dev/kvm (tools/guest/nested-run.sh).
 * Set -Dvireo.it.nested=false to skip the nested run. Skips are printed, never silent.
 */
class ProbeVmmTest {
    static Path repo;
    static Path probe;
    static String skip;
    static boolean nested;
    static final Map<String, String> nestedResults = new HashMap<>();
    static String nestedLog = "";

    static void loudSkip(String why) {
        skip = why;
        System.err.println("*** ProbeVmmTest SKIPPED: " + why);
    }

    @BeforeAll
    static void setUp() throws Exception {
        repo = Path.of(System.getProperty("vireo.repo.root", "../..")).toAbsolutePath().normalize();
        if (!onPath("gcc") || !onPath("qemu-system-x86_64") || !onPath("cpio")) {
            // A fresh machine: install the probe toolchain and QEMU (tools/guest/setup-deps.sh is idempotent).
            Process d = new ProcessBuilder("sh", repo.resolve("tools/guest/setup-deps.sh").toString()).inheritIO().start();
            if (!d.waitFor(900, TimeUnit.SECONDS)) {
                d.destroyForcibly().waitFor();
            }
        }
        Path script = repo.resolve("tools/guest/build-probe.sh");
        Process b = new ProcessBuilder("sh", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!b.waitFor(300, TimeUnit.SECONDS) || b.exitValue() != 0) {
            b.destroyForcibly();
            loudSkip("the probe kernel did not build (tools/guest/build-probe.sh; run tools/guest/setup-deps.sh)");
            return;
        }
        probe = Path.of(out.substring(out.lastIndexOf('\n') + 1));
        boolean pvm = Kvm.isPvm();
        if (Kvm.available() && !pvm) {
            if (linuxWanted()) {
                linux = buildLinuxGuest();
                if (linux != null) {
                    System.setProperty("vireo.linux.dir", linux.toString());
                }
            }
            return; // direct
        }
        String why = Kvm.available() ? "/dev/kvm is PVM" : "/dev/kvm is missing";
        if ("false".equals(System.getProperty("vireo.it.nested"))) {
            loudSkip(why + " and the nested run is disabled (-Dvireo.it.nested=false)");
            return;
        }
        if (!onPath("qemu-system-x86_64")) {
            loudSkip(why + " and qemu-system-x86_64 is not installed for the nested run (tools/guest/setup-deps.sh)");
            return;
        }
        System.err.println("ProbeVmmTest: " + why + "; running the scenarios nested in an L1 under QEMU TCG");
        if (linuxWanted()) {
            linux = buildLinuxGuest();
        }
        nested = true;
        runNested();
    }

    static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    static Path scratch;
    static Path linux;

    /** The stock-kernel boots run by default; -Dvireo.it.linux=false leaves them out (loudly). */
    static boolean linuxWanted() {
        if ("false".equals(System.getProperty("vireo.it.linux"))) {
            linuxSkip = "the stock-kernel boots are disabled (-Dvireo.it.linux=false)";
            return false;
        }
        return true;
    }

    static String linuxSkip;

    /** Builds (or finds cached) the stock Debian kernel + busybox initramfs; null and a loud skip if it can't. */
    static Path buildLinuxGuest() throws Exception {
        Process b = new ProcessBuilder("sh", repo.resolve("tools/guest/build-linux-guest.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!b.waitFor(600, TimeUnit.SECONDS) || b.exitValue() != 0) {
            b.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            linuxSkip = "the Linux test guest did not build (tools/guest/build-linux-guest.sh)";
            System.err.println("*** ProbeVmmTest: " + linuxSkip + "; its scenarios are SKIPPED");
            return null;
        }
        return Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }

    static void runNested() throws Exception {
        Path module = repo.resolve("drivers/kvm-vmm");
        String cp = module.resolve("target/test-classes") + ":" + module.resolve("target/classes") + ":"
                + Files.readString(module.resolve("target/runtime-classpath.txt")).trim();
        scratch = Files.createTempDirectory("vireo-nested");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(scratch.resolve("run.sh"), "cd /tmp\n"
                + "export PATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
                + "exec " + java + " -XX:TieredStopAtLevel=1 -Dvireo.it.l1=true -Dvireo.it.timeout.ms=240000"
                + " -Dvireo.probe.dir=" + probe
                + (linux == null ? "" : " -Dvireo.linux.dir=" + linux)
                + " -cp " + cp + " io.vireo.kvm.vmm.it.ProbeScenarios " + System.getProperty("vireo.it.scenarios", "")
                + "\n");
        Process p = new ProcessBuilder("sh", repo.resolve("tools/guest/nested-run.sh").toString(), scratch.toString(), "2700")
                .redirectErrorStream(true).redirectOutput(scratch.resolve("nested-run.out").toFile()).start();
        try {
            if (!p.waitFor(2800, TimeUnit.SECONDS)) {
                throw new AssertionError("nested run did not finish");
            }
        } finally {
            if (p.isAlive()) {
                // nested-run.sh's children (timeout, QEMU) first: killing the shell alone would orphan them.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        nestedLog = read(scratch.resolve("out.log")) + read(scratch.resolve("nested-run.out"));
        if (read(scratch.resolve("l1-console.log")).contains("L1: ready kvm=no")) {
            loudSkip("the nested L1 has no /dev/kvm (kvm_amd did not load under QEMU TCG; see its console):\n"
                    + read(scratch.resolve("l1-console.log")));
            return;
        }
        for (String line : nestedLog.split("\n")) {
            if (line.startsWith("SCENARIO ")) {
                String[] w = line.split(" ", 3);
                nestedResults.put(w[1], w[2]);
            }
        }
        System.err.println("ProbeVmmTest nested results:\n" + nestedLog);
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    @AfterAll
    static void tearDown() {
        if (scratch != null) {
            ProbeScenarios.deleteTree(scratch);
        }
    }

    void scenario(String name) throws Exception {
        Assumptions.assumeTrue(skip == null, () -> "SKIPPED: " + skip);
        if (!nested) {
            ProbeScenarios.ALL.get(name).run(probe);
            return;
        }
        String only = System.getProperty("vireo.it.scenarios", "").trim();
        Assumptions.assumeTrue(only.isEmpty() || List.of(only.split("\\s+")).contains(name),
                () -> "SKIPPED: not among -Dvireo.it.scenarios=" + only);
        String r = nestedResults.get(name);
        assertNotNull(r, "scenario " + name + " did not report in the nested run:\n" + nestedLog);
        assertEquals("PASS", r.split(" ")[0], name + ": " + r.replace("\\n", "\n"));
    }

    @Test
    void boots1Vcpu() throws Exception {
        scenario("boot-1-vcpu");
    }

    @Test
    void boots2Vcpus() throws Exception {
        scenario("boot-2-vcpus");
    }

    @Test
    void consoleEcho() throws Exception {
        scenario("console-echo");
    }

    @Test
    void pauseResumeAndPowerdown() throws Exception {
        scenario("pause-resume-powerdown");
    }

    @Test
    void resetAndQuit() throws Exception {
        scenario("reset-and-quit");
    }

    @Test
    void destroyProcess() throws Exception {
        scenario("destroy-process");
    }

    /** The stock Debian kernel booting to its marker (by default; see {@link #linuxWanted}). */
    void linuxScenario(String name) throws Exception {
        Assumptions.assumeTrue(skip == null, () -> "SKIPPED: " + skip);
        if (linuxSkip != null) {
            System.err.println("*** ProbeVmmTest " + name + " SKIPPED: " + linuxSkip);
            Assumptions.abort("SKIPPED: " + linuxSkip);
        }
        scenario(name);
    }

    @Test
    void stockDebianKernelBootsWith1Vcpu() throws Exception {
        linuxScenario("linux-stock-kernel-1-vcpu");
    }

    @Test
    void stockDebianKernelBootsWith2Vcpus() throws Exception {
        linuxScenario("linux-stock-kernel-2-vcpus");
    }

    /** The stock Debian kernel finds virtio-blk and virtio-rng through ACPI and uses them. */
    @Test
    void stockDebianKernelUsesVirtioBlkAndRng() throws Exception {
        linuxScenario("linux-stock-kernel-virtio");
    }

    /** The stock Debian kernel: system_reboot and system_powerdown press the ACPI power button; ACPI reset. */
    @Test
    void stockDebianKernelRebootsAndPowersOffThroughAcpi() throws Exception {
        linuxScenario("linux-stock-kernel-acpi-power");
    }

    @Test
    void qemuMicrovmPrintsTheSameReport() throws Exception {
        scenario("qemu-microvm-same-output");
    }

    /** virtio-blk and virtio-rng: the probe's drivers report the same on Vireo's VMM and QEMU microvm. */
    @Test
    void virtioBlkAndRngSameAsQemu() throws Exception {
        scenario("virtio-blk-rng-same-as-qemu");
    }

    /**
     * virtio-net on a tap, both ways: the host checks the probe's frame on the tap and the probe's checksum of
     * the host's; Vireo's VMM and QEMU microvm report the same. Needs a private network namespace or the L1.
     */
    @Test
    void virtioNetSameAsQemu() throws Exception {
        String name = "virtio-net-same-as-qemu";
        String r = nestedResults.get(name);
        String why = r != null && r.startsWith("SKIP ") ? r.substring(5) : null;
        if (why == null) {
            try {
                scenario(name);
            } catch (ProbeScenarios.Skipped e) {
                why = e.getMessage();
            }
        }
        if (why != null) {
            System.err.println("*** ProbeVmmTest " + name + " SKIPPED: " + why);
            Assumptions.abort("SKIPPED: " + why);
        }
    }

    /** Malformed descriptor chains break the device (NEEDS_RESET), never the VMM. */
    @Test
    void virtioMaliciousGuest() throws Exception {
        scenario("virtio-malicious-guest");
    }
}
