package io.vireo.itests;

import org.junit.Assume;
import org.junit.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The distribution with its QEMU driver, as a user runs it: a Linux guest (Debian kernel, busybox, TCG)
 * defined and started from the console, still running after the container's JVM is killed with SIGKILL;
 * the restarted daemon lists it with its ID, reattaches its console (typed at over SSH, as a script does),
 * answers monitor commands, and destroys it.
 */
public class QemuRestartIT {
    private static final String URI = "qemu:///system";
    private static final Pattern RUNNING = Pattern.compile("(\\d+)\\s+tcg1\\s+running");

    @Test
    public void aGuestSurvivesADaemonCrashAndIsManagedAgainAfterRestart() throws Exception {
        Assume.assumeTrue("SKIPPED LOUDLY: qemu-system-x86_64 is not installed",
                Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")));
        Path guest = ShellGuest.build();
        Path work = Path.of(System.getProperty("vireo.itests.work", "target/work")).resolve("qemu-restart");
        try (Distribution dist = new Distribution(work)) {
            try {
                run(dist, work, guest);
            } finally {
                // Whatever happened, no guest outlives the test (the container's stop leaves guests running).
                ShellGuest.killLeftover(dist.home, "tcg1");
            }
        }
    }

    private void run(Distribution dist, Path work, Path guest) throws Exception {
        Path serialLog = work.resolve("tcg1-serial.log");
        Path xml = work.resolve("tcg1.xml");
        Files.writeString(xml, "<domain type='qemu'><name>tcg1</name><memory unit='MiB'>256</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type>"
                + "<kernel>" + guest.resolve("vmlinuz") + "</kernel><initrd>" + guest.resolve("initrd.img")
                + "</initrd><cmdline>console=ttyS0 quiet</cmdline></os><features><acpi/></features><devices>"
                + "<serial type='pty'><log file='" + serialLog + "'/></serial><console type='pty'/>"
                + "<memballoon model='none'/></devices></domain>");
        dist.start();
        assertOk(dist.client("virt:define -c " + URI + " " + xml), "Domain 'tcg1' defined from " + xml);
        long t0 = System.nanoTime();
        assertOk(dist.client("virt:start -c " + URI + " tcg1"), "Domain 'tcg1' started");
        System.out.println("virt:start returned in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        ShellGuest.awaitLog(serialLog, ShellGuest.READY, 1);
        System.out.println("virt:start -> guest marker " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        long pid = ShellGuest.qemuPid(dist.home, "tcg1");
        int id = runningId(dist.client("virt:list -c " + URI).output());

        dist.killHard();
        assertTrue("QEMU outlived the daemon", ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        dist.start();
        String list = "";
        for (int i = 0; i < 40 && !RUNNING.matcher(list).find(); i++) {
            list = dist.client("virt:list -c " + URI).output();
            Thread.sleep(250);
        }
        assertEquals("same domain ID after the restart: " + list, id, runningId(list));
        String info = dist.client("virt:dominfo -c " + URI + " tcg1").output();
        assertTrue(info, info.contains("State:          running") && !info.contains("CPU time:       0.0s"));

        assertOk(dist.client("virt:destroy -c " + URI + " tcg1"), "Domain 'tcg1' destroyed");
        assertTrue(dist.client("virt:domstate -c " + URI + " tcg1").output().contains("shut off"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (ShellGuest.isRunning(pid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse("QEMU is gone after virt:destroy", ShellGuest.isRunning(pid));
    }

    private static void assertOk(Distribution.CommandResult r, String expected) {
        assertEquals(r.output(), 0, r.exitCode());
        assertTrue(r.output(), r.output().contains(expected));
    }

    private static int runningId(String list) {
        Matcher m = RUNNING.matcher(list);
        assertTrue(list, m.find());
        return Integer.parseInt(m.group(1));
    }
}
