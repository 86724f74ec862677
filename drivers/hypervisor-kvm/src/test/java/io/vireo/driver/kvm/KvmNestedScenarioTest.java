package io.vireo.driver.kvm;

import io.vireo.kvm.vmm.kvm.Kvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The KVM driver with the real VMM, the real launcher and the probe kernel ({@link KvmScenarios}): where
 * /dev/kvm works the scenario script runs here; without it (or on PVM) it runs inside the nested L1 Linux
 * under QEMU TCG (tools/guest/nested-run.sh), which takes a few minutes. {@code -Dvireo.it.nested=false}
 * skips it; every skip is printed, never silent. The daemon-crash case: the script starts JVM A, which
 * starts a guest, kills A with SIGKILL by its PID, checks the VMM still runs, and starts JVM B, which
 * reattaches and destroys it. Then a guest on a bridge in a network namespace of its own (NETWORK.md).
 * Whatever a failed run leaves is killed by PID from the live records.
 * {@code -Dvireo.kvm.scenarios="net"} (any of lifecycle, crash, net) runs only those; the others' tests skip.
 */
class KvmNestedScenarioTest {
    static Path repo;
    static Path scratch;
    static String skip;
    static final Map<String, String> steps = new LinkedHashMap<>();
    static String output = "";
    static final List<String> PHASES = List.of("lifecycle", "crash", "net");
    static final List<String> selected = List.of(System.getProperty("vireo.kvm.scenarios", String.join(" ", PHASES))
            .trim().split("[\\s,]+"));

    static void loudSkip(String why) {
        skip = why;
        System.err.println("*** KvmNestedScenarioTest SKIPPED: " + why);
    }

    static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    static String run(List<String> command, long timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeAll
    static void runScenarios() throws Exception {
        repo = VmmHome.repoRoot();
        boolean direct = Kvm.available() && !Kvm.isPvm();
        String why = !Kvm.available() ? "/dev/kvm is missing" : "/dev/kvm is PVM";
        if (!direct && "false".equals(System.getProperty("vireo.it.nested"))) {
            loudSkip(why + " and the nested run is disabled (-Dvireo.it.nested=false)");
            return;
        }
        if (!onPath("gcc") || (!direct && !onPath("qemu-system-x86_64"))) {
            run(List.of("sh", repo.resolve("tools/guest/setup-deps.sh").toString()), 900);
        }
        if (!direct && !onPath("qemu-system-x86_64")) {
            loudSkip(why + " and qemu-system-x86_64 is missing for the nested run (tools/guest/setup-deps.sh)");
            return;
        }
        String built = run(List.of("sh", repo.resolve("tools/guest/build-probe.sh").toString()), 300);
        if (built == null) {
            loudSkip("the probe kernel did not build (tools/guest/build-probe.sh)");
            return;
        }
        Path probe = Path.of(built.substring(built.lastIndexOf('\n') + 1));
        scratch = Files.createTempDirectory(Path.of("/tmp"), "vireo-kvm-nested");
        Path launcher = VmmHome.create(scratch.resolve("home"));
        String cp = snapshotClasspath(scratch.resolve("lib"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(scratch.resolve("run.sh"), script(java, cp, launcher, probe));
        long t0 = System.nanoTime();
        int rc;
        if (direct) {
            System.err.println("KvmNestedScenarioTest: /dev/kvm works here; running the scenarios directly");
            Process p = new ProcessBuilder("sh", scratch.resolve("run.sh").toString()).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("out.log").toFile()).start();
            rc = waitFor(p, 1800);
        } else {
            System.err.println("KvmNestedScenarioTest: " + why + "; running the scenarios nested in an L1 under QEMU TCG");
            Process p = new ProcessBuilder("sh", repo.resolve("tools/guest/nested-run.sh").toString(),
                    scratch.toString(), "2400").redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("nested-run.out").toFile()).start();
            rc = waitFor(p, 2500);
        }
        long total = (System.nanoTime() - t0) / 1_000_000;
        output = read(scratch.resolve("out.log")) + read(scratch.resolve("nested-run.out"));
        System.err.println("KvmNestedScenarioTest output (exit " + rc + ", " + total + " ms in all"
                + (direct ? "" : ", L1 boot and power-off included") + "):\n" + output);
        if (output.contains("NO-KVM")) {
            loudSkip("the nested L1 has no working /dev/kvm");
            return;
        }
        StringBuilder timings = new StringBuilder("KvmNestedScenarioTest timings:\n");
        for (String line : output.split("\n")) {
            if (line.startsWith("STEP ")) {
                String[] w = line.split(" ", 4);
                steps.put(w[1], w[2] + (w.length > 3 ? " " + w[3] : ""));
                timings.append(String.format("  %-16s %-4s %7s ms%n", w[1], w[2], w[3].split(" ")[0]));
            } else if (line.startsWith("PHASE ") || line.startsWith("TOTAL ")) {
                timings.append("  ").append(line).append('\n');
            }
        }
        timings.append(String.format("  %-16s %12s ms%n", "test total", total));
        System.err.println(timings);
    }

    /**
     * Copies the class path into {@code lib}: the run takes minutes, and a jar in the local Maven repository
     * that a build replaces meanwhile would break the JVMs that have it open.
     */
    static String snapshotClasspath(Path lib) throws Exception {
        Files.createDirectories(lib);
        Path target = Path.of("target").toAbsolutePath();
        List<String> entries = new ArrayList<>();
        for (Path classes : List.of(target.resolve("test-classes"), target.resolve("classes"))) {
            Path copy = lib.resolve(classes.getFileName());
            copyTree(classes, copy);
            entries.add(copy.toString());
        }
        int n = 0;
        for (String entry : VmmHome.testClasspath()) {
            Path jar = Path.of(entry);
            if (Files.isRegularFile(jar)) {
                Path copy = lib.resolve(n++ + "-" + jar.getFileName());
                Files.copy(jar, copy);
                entries.add(copy.toString());
            } else if (Files.isDirectory(jar)) {
                Path copy = lib.resolve(n++ + "-" + jar.getFileName());
                copyTree(jar, copy);
                entries.add(copy.toString());
            }
        }
        return String.join(":", entries);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    /** Removes the scratch directory; plain file operations only (no project classes after a long run). */
    static void deleteTree(Path root) throws Exception {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int waitFor(Process p, long seconds) throws Exception {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the scenario run did not finish within " + seconds + " s");
            }
            return p.exitValue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The run script: the lifecycle JVM, then JVM A (killed with SIGKILL by its PID once its guest runs) and
     * JVM B; at the end, every VMM still recorded is killed by PID and the work directory removed.
     */
    static String script(String java, String cp, Path launcher, Path probe) {
        return script(java, cp, launcher, probe, selected);
    }

    static String script(String java, String cp, Path launcher, Path probe, List<String> phases) {
        String jvm = java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dvireo.kvm.wait.s=400 -cp " + cp
                + " io.vireo.driver.kvm.KvmScenarios";
        String args = " \"$W\" " + launcher + " " + probe;
        return String.join("\n",
                "#!/bin/sh",
                "# Generated by KvmNestedScenarioTest.",
                "export PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "export XDG_CACHE_HOME=/tmp/vireo-kvm-cache",
                "[ -c /dev/kvm ] || { echo NO-KVM; exit 3; }",
                "W=/tmp/vireo-kvm-scn",
                "rm -rf \"$W\"; mkdir -p \"$W\"",
                "T0=$(date +%s%N)",
                "ms() { echo $(( ($(date +%s%N) - T0) / 1000000 )); }",
                "RC=0",
                phases.contains("lifecycle") ? "echo \"PHASE lifecycle-jvm at $(ms) ms\"" : ":",
                // The net phase shares the lifecycle JVM when both run (one JVM start less).
                phases.contains("lifecycle") ? jvm + (phases.contains("net") ? " main+net" : " main") + args + " || RC=1"
                        : ":",
                phases.contains("crash") ? "" : "if false; then",
                "echo \"PHASE crash-jvm-a at $(ms) ms\"",
                jvm + " crash-a" + args + " &",
                "A=$!",
                "i=0",
                "while [ ! -f \"$W/crash-a.ready\" ] && kill -0 $A 2>/dev/null && [ $i -lt 6000 ]; do sleep 0.1; i=$((i+1)); done",
                "if [ -f \"$W/crash-a.ready\" ]; then",
                "  K0=$(ms); kill -9 $A; wait $A",
                "  echo \"STEP kill-daemon PASS $(( $(ms) - K0 )) JVM A (pid $A) killed with SIGKILL\"",
                "  VMM=$(cut -d' ' -f1 \"$W/crash-a.ready\")",
                "  if kill -0 \"$VMM\" 2>/dev/null; then echo \"STEP vmm-survives PASS 0 pid $VMM\";",
                "  else echo \"STEP vmm-survives FAIL 0 VMM pid $VMM is gone\"; RC=1; fi",
                "  echo \"PHASE crash-jvm-b at $(ms) ms\"",
                "  " + jvm + " crash-b" + args + " || RC=1",
                "else",
                "  kill -9 $A 2>/dev/null; wait $A",
                "  echo \"STEP kill-daemon FAIL 0 JVM A never reported its guest running\"; RC=1",
                "fi",
                phases.contains("crash") ? "" : "fi",
                phases.contains("net") && !phases.contains("lifecycle") ? "echo \"PHASE net-jvm at $(ms) ms\"" : ":",
                phases.contains("net") && !phases.contains("lifecycle") ? jvm + " net" + args + " || RC=1" : ":",
                "LEFT=\"\"",
                "for f in \"$W\"/run/*.status; do",
                "  [ -f \"$f\" ] || continue",
                "  p=$(sed -n 's/^pid=//p' \"$f\")",
                "  if [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null; then LEFT=\"$LEFT $p\"; kill -9 \"$p\"; fi",
                "done",
                "# [.]: grep's own command line must not match.",
                "VMMS=$(grep -l 'io[.]vireo[.]kvm[.]vmm[.]Main' /proc/[0-9]*/cmdline 2>/dev/null | tr '\\n' ' ')",
                "if [ -z \"$LEFT\" ] && [ -z \"$VMMS\" ]; then echo \"STEP nothing-left PASS 0\";",
                "else echo \"STEP nothing-left FAIL 0 killed:$LEFT still:$VMMS\"; RC=1; fi",
                "# What a failed net step left: its namespace goes (its VMMs are gone by now).",
                "ip netns del " + KvmScenarios.NETNS + " 2>/dev/null",
                "echo \"TOTAL scenario script $(ms) ms\"",
                "rm -rf \"$W\"",
                "exit $RC",
                "");
    }

    @AfterAll
    static void tearDown() throws Exception {
        deleteTree(scratch);
    }

    static void step(String name) {
        Assumptions.assumeTrue(skip == null, () -> "SKIPPED: " + skip);
        String r = steps.get(name);
        assertNotNull(r, "step " + name + " did not report:\n" + output);
        if (r.startsWith("SKIP")) {
            System.err.println("*** KvmNestedScenarioTest step " + name + " SKIPPED: " + r);
            Assumptions.abort(r);
        }
        assertEquals("PASS", r.split(" ")[0], name + ": " + r.replace("\\n", "\n"));
    }

    /** Skips (loudly) a test whose phase was not selected with -Dvireo.kvm.scenarios. */
    static void phase(String name) {
        if (!selected.contains(name)) {
            System.err.println("*** KvmNestedScenarioTest: phase " + name + " not selected (-Dvireo.kvm.scenarios="
                    + String.join(" ", selected) + "), its test SKIPPED");
            Assumptions.abort("phase " + name + " not selected");
        }
    }

    @Test
    void defineAndStartShowTheProbeInTheSerialLog() {
        phase("lifecycle");
        step("start");
    }

    @Test
    void consoleEchoesAndForceTakesOver() {
        phase("lifecycle");
        step("console");
    }

    @Test
    void suspendAndResume() {
        phase("lifecycle");
        step("suspend-resume");
    }

    @Test
    void rebootWithOnRebootRestartBootsAgainInTheSameProcess() {
        phase("lifecycle");
        step("reboot-restart");
    }

    @Test
    void shutdownEndsTheGuestWithShutdownEvents() {
        phase("lifecycle");
        step("shutdown");
    }

    @Test
    void rebootWithOnRebootDestroyShutsOff() {
        phase("lifecycle");
        step("reboot-destroy");
    }

    @Test
    void aGuestOutlivesTheDaemonAndANewOneReattaches() {
        phase("crash");
        for (String s : List.of("crash-a-start", "kill-daemon", "vmm-survives", "reattach", "reattach-console")) {
            step(s);
        }
    }

    @Test
    void destroyLeavesNothingRunning() {
        if (selected.contains("crash")) {
            step("destroy");
        }
        step("nothing-left");
    }

    @Test
    void aBridgedGuestGetsItsTapInItsNamespaceAndDestroyRemovesIt() {
        phase("net");
        for (String s : List.of("bridge-netns", "bridge-destroy", "netns-cleaned")) {
            step(s);
        }
    }

    @Test
    void theProbesFrameReachesTheBridge() {
        phase("net");
        step("bridge-probe-frame");
    }
}
