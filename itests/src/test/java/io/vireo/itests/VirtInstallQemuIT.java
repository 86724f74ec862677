package io.vireo.itests;

import org.junit.Assume;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Stock virt-install and virsh against the distribution's QEMU driver over libvirt's RPC protocol, as a
 * sysadmin would: {@code virt-install --connect qemu+tcp://…/system --import --boot kernel=…} for the two
 * shapes of XML it writes (an unknown OS on machine pc: ICH9 USB2 controllers; linux2022 on q35: PCIe root
 * ports, the guest agent's virtio-serial channel, USB3, balloon, RNG), the guests boot under TCG to their
 * shell, and {@code virsh shutdown} (ACPI power button) brings them to shut off before {@code virsh undefine}.
 */
public class VirtInstallQemuIT {
    private static final Path VIRT_INSTALL = Path.of("/usr/bin/virt-install");
    private static final Path VIRSH = Path.of("/usr/bin/virsh");
    private static final List<String> GUESTS = List.of("vigeneric", "vilinux");

    @Test
    public void virtInstallCreatesGuestsThatVirshShutsDownAndUndefines() throws Exception {
        boolean required = System.getenv("VIREO_REQUIRE_VIRSH") != null;
        boolean clients = Files.isExecutable(VIRT_INSTALL) && Files.isExecutable(VIRSH);
        if (!clients) {
            System.err.println("*** VirtInstallQemuIT SKIPPED: virt-install or virsh is not installed "
                    + "(tools/setup-test-deps.sh installs them)");
            assertTrue("VIREO_REQUIRE_VIRSH is set but virt-install/virsh are missing", !required);
        }
        Assume.assumeTrue(clients);
        Assume.assumeTrue("SKIPPED LOUDLY: qemu-system-x86_64 is not installed",
                Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")));
        Path guest = ShellGuest.build();
        Path work = Path.of(System.getProperty("vireo.itests.work", "target/work")).resolve("virt-install-qemu");
        try (Distribution dist = new Distribution(work)) {
            String uri = "qemu+tcp://127.0.0.1:" + dist.rpcPort + "/system";
            try {
                dist.start();
                install(uri, work, guest, "vigeneric", "detect=on,require=off");
                install(uri, work, guest, "vilinux", "linux2022");
                for (String name : GUESTS) {
                    ShellGuest.awaitLog(work.resolve(name + "-serial.log"), ShellGuest.READY, 1);
                    assertEquals("running", run(work, VIRSH.toString(), "-c", uri, "domstate", name).out().strip());
                }
                String xml = run(work, VIRSH.toString(), "-c", uri, "dumpxml", "vilinux").out();
                assertTrue(xml, xml.contains("<source mode='bind' path='"));
                assertTrue(xml, xml.contains("name='org.qemu.guest_agent.0'"));
                for (String name : GUESTS) {
                    Result r = run(work, VIRSH.toString(), "-c", uri, "shutdown", name);
                    assertTrue(r.toString(), r.out().contains("Domain '" + name + "' is being shutdown"));
                }
                for (String name : GUESTS) {
                    awaitState(work, uri, name, "shut off");
                    Result r = run(work, VIRSH.toString(), "-c", uri, "undefine", name);
                    assertTrue(r.toString(), r.out().contains("Domain '" + name + "' has been undefined"));
                }
                String list = run(work, VIRSH.toString(), "-c", uri, "list", "--all", "--name").out();
                assertEquals("", list.strip());
            } finally {
                for (String name : GUESTS) {
                    ShellGuest.killLeftover(dist.home, name);
                }
            }
        }
    }

    private static void install(String uri, Path work, Path guest, String name, String osinfo) throws Exception {
        long t0 = System.nanoTime();
        Result r = run(work, VIRT_INSTALL.toString(), "--connect", uri, "--name", name, "--memory", "256",
                "--vcpus", "1", "--virt-type", "qemu", "--import",
                "--boot", "kernel=" + guest.resolve("vmlinuz") + ",initrd=" + guest.resolve("initrd.img")
                        + ",kernel_args=console=ttyS0 quiet",
                "--disk", "none", "--network", "none", "--graphics", "none",
                "--serial", "pty,log.file=" + work.toAbsolutePath().resolve(name + "-serial.log"),
                "--osinfo", osinfo, "--noautoconsole");
        System.out.println("virt-install " + name + " (" + osinfo + ") took "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        assertEquals(r.toString(), 0, r.exit());
        assertTrue(r.toString(), r.out().contains("Domain creation completed"));
    }

    private static void awaitState(Path work, String uri, String name, String state) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String now = "";
        while (System.currentTimeMillis() < deadline) {
            now = run(work, VIRSH.toString(), "-c", uri, "domstate", name).out().strip();
            if (now.equals(state)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " is '" + now + "', not '" + state + "', 60 s after virsh shutdown");
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Path dir, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(argv))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        return new Result(p.exitValue(), out);
    }
}
