package io.vireo.kvm.vmm.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.vireo.kvm.vmm.it.ProbeScenarios.DISK_BYTES;
import static io.vireo.kvm.vmm.it.ProbeScenarios.DISK_SERIAL;
import static io.vireo.kvm.vmm.it.ProbeScenarios.check;
import static io.vireo.kvm.vmm.it.ProbeScenarios.deleteTree;
import static io.vireo.kvm.vmm.it.ProbeScenarios.diskImage;

/** The stock Debian kernel's scenarios (tools/guest/build-linux-guest.sh), run by {@link ProbeScenarios#main}. */
final class LinuxScenarios {
    private LinuxScenarios() {
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

    /**
     * ACPI power management on the stock kernel (vireo.acpi), three boots of one guest (--on-reboot restart):
     * the monitor's system_reboot presses the power button (Generic Event Device, Notify(PWRB, 0x80), the
     * button driver's KEY_POWER), the guest runs poweroff -f and the VMM boots it again instead of ending;
     * then the guest reboots through the FADT reset register (reboot=a); then system_powerdown presses the
     * button, the guest powers off through the FADT sleep registers, and the VMM ends: guest-shutdown, exit 0.
     */
    static void linuxAcpiPower() throws Exception {
        String dir = System.getProperty("vireo.linux.dir");
        if (dir == null) {
            throw new AssertionError("no Linux guest (-Dvireo.linux.dir)");
        }
        Path linux = Path.of(dir);
        // reboot=a after the default reboot=k: the last one counts, so a reboot goes through the reset register.
        io.vireo.kvm.vmm.api.VmConfig cfg = new io.vireo.kvm.vmm.api.VmConfig(linux.resolve("vmlinuz"),
                linux.resolve("initrd.img"), io.vireo.kvm.vmm.api.VmConfig.DEFAULT_CMDLINE
                + " quiet 8250.nr_uarts=1 vireo.acpi reboot=a", 256, 1, null, null, "none", true);
        long saved = Guest.timeoutMs;
        Guest.timeoutMs = Long.getLong("vireo.it.linux.timeout.ms", 240_000);
        long t0 = System.nanoTime();
        try (Guest g = new Guest(cfg)) {
            List<Map<String, Object>> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            g.vmm.addEventListener(events::add);
            String ready = "VIREO-ACPI power button /dev/input/event";
            String waiting = "VIREO-ACPI waiting for the power button";
            String pressed = "VIREO-ACPI power button pressed, powering off";
            try {
                g.waitFor(ready);
                long boot1 = ms(t0);
                g.console.feed("button\n");
                g.waitFor(waiting);
                Map<String, Object> r = g.execute("system_reboot");
                check(r.containsKey("return"), "system_reboot: " + r, g.output());
                g.waitFor(ready, 2);
                long boot2 = ms(t0);
                check(events.toString().contains("event=POWERDOWN, data={via=acpi-power-button, reboot=true}")
                        && events.toString().contains("reason=guest-reset (ACPI power-off after a reboot request)"),
                        "system_reboot: power button, the guest's power-off became a reset: " + events, g.output());
                check(Guest.occurrences(g.output(), pressed) == 1, "the guest saw KEY_POWER", g.output());

                g.console.feed("reboot\n");
                g.waitFor(ready, 3);
                long boot3 = ms(t0);
                check(events.toString().contains("reason=guest-reset (ACPI reset)"),
                        "the guest rebooted through the ACPI reset register: " + events, g.output());

                g.console.feed("button\n");
                g.waitFor(waiting, 2);
                r = g.execute("system_powerdown");
                check(r.containsKey("return"), "system_powerdown: " + r, g.output());
                long press = System.nanoTime();
                int rc = g.awaitExit();
                long off = ms(press);
                String out = g.output();
                check(events.toString().contains("event=POWERDOWN, data={via=acpi-power-button}"),
                        "system_powerdown pressed the ACPI power button: " + events, out);
                check(Guest.occurrences(out, pressed) == 2, "the guest saw KEY_POWER again", out);
                check(rc == 0 && "guest-shutdown".equals(g.vmm.shutdownReason()),
                        "poweroff -f ends the VMM through the sleep registers (rc " + rc + ", reason "
                                + g.vmm.shutdownReason() + ")", out);
                check(!out.contains("FAILED"), "modules load", out);
                check(Guest.occurrences(events.toString(), "event=RESET") == 2, "two resets only: " + events, out);
                System.out.println("linux acpi: power button ready at " + boot1 + " ms, after system_reboot at " + boot2
                        + " ms, after the ACPI reset at " + boot3 + " ms; power-off " + off
                        + " ms after system_powerdown; " + g.vmm.stats());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nevents: " + events + "\nstats: " + g.vmm.stats(), e);
            }
        } finally {
            Guest.timeoutMs = saved;
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /**
     * The stock kernel finds the virtio-mmio devices through the ACPI DSDT (its virtio_mmio has no
     * command-line support), and its virtio_blk / virtio-rng drivers work: the initramfs (vireo.virtio)
     * reports the disk's size, serial and first sectors, the entropy device, and writes sector 16. On a second
     * disk, an ext4 image the host made with a file in it (vireo.ext4), the guest's ext4 reads that file and
     * writes one of its own, which the host reads back with debugfs; e2fsck finds the image clean. The balloon
     * is inflated and its statistics queue reports the guest's memory, again with a polling period set.
     */
    static final String TAP = "vireo-t0";
    static final String EXT4_HOST_TEXT = "written by the host before boot";

    static void linuxVirtio() throws Exception {
        // A tap is made only inside the nested L1 (a throw-away machine), never on a developer's host.
        boolean net = Boolean.getBoolean("vireo.it.l1");
        String dir = System.getProperty("vireo.linux.dir");
        if (dir == null) {
            throw new AssertionError("no Linux guest (-Dvireo.linux.dir)");
        }
        Path linux = Path.of(dir);
        Path tmp = Files.createTempDirectory("vireo-it-linux-virtio");
        long saved = Guest.timeoutMs;
        Guest.timeoutMs = Long.getLong("vireo.it.linux.timeout.ms", 240_000);
        try {
            Path disk = diskImage(tmp);
            Path ext4 = Ext4Image.create(tmp, "from-host.txt", EXT4_HOST_TEXT);
            io.vireo.kvm.vmm.api.VmConfig cfg = new io.vireo.kvm.vmm.api.VmConfig(linux.resolve("vmlinuz"),
                    linux.resolve("initrd.img"), System.getProperty("vireo.it.linux.cmdline",
                    io.vireo.kvm.vmm.api.VmConfig.DEFAULT_CMDLINE + " quiet 8250.nr_uarts=1")
                    + " vireo.virtio vireo.balloon vireo.ext4" + (net ? " vireo.net" : ""), 256, 1, null, null, "none",
                    false, List.of(new io.vireo.kvm.vmm.api.VmConfig.Disk(disk, false, DISK_SERIAL),
                            new io.vireo.kvm.vmm.api.VmConfig.Disk(ext4, false, Ext4Image.SERIAL)), true, true,
                    net ? List.of(new io.vireo.kvm.vmm.api.VmConfig.Nic(TAP, "52:54:00:12:34:56")) : List.of());
            try (Guest g = new Guest(cfg)) {
                String out;
                if (net) {
                    // The VMM made the tap; the host's end gets 10.99.0.1 (busybox in the L1).
                    Process ifc = new ProcessBuilder("busybox", "ifconfig", TAP, "10.99.0.1", "netmask", "255.255.255.0",
                            "up").redirectErrorStream(true).start();
                    String ifcOut = new String(ifc.getInputStream().readAllBytes());
                    check(ifc.waitFor(30, TimeUnit.SECONDS) && ifc.exitValue() == 0, "ifconfig " + TAP + ": " + ifcOut, "");
                } else {
                    System.out.println("linux virtio: the virtio-net part runs only in the nested L1 (it makes a tap)");
                }
                try {
                    // The balloon: ask for 16 MiB through the monitor, as the driver would; the guest's
                    // driver inflates it and reports the pages in "actual".
                    g.waitFor("VIREO-VIRTIO balloon loaded");
                    // Its driver reports memory statistics once as it loads; a polling period makes it report again.
                    long firstReport = awaitBalloonReport(g, 0);
                    check(g.execute("balloon-stats-period", "{\"seconds\":1}").containsKey("return"),
                            "balloon-stats-period", g.output());
                    Map<String, Object> r = g.execute("balloon", "{\"value\":" + (240L << 20) + "}");
                    check(r.containsKey("return"), "balloon command: " + r, g.output());
                    io.vireo.kvm.vmm.devices.virtio.balloon.VirtioBalloon b = g.vmm.virtio().balloon();
                    long deadline = System.currentTimeMillis() + 120_000;
                    while (b.actualPages() != 4096 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(100);
                    }
                    check(b.actualPages() == 4096 && b.inflatedPages() >= 4096, "balloon inflated to 16 MiB: actual "
                            + b.actualPages() + ", inflated " + b.inflatedPages(), g.output());
                    Map<String, Object> q = g.ok("query-balloon");
                    check(((Number) q.get("actual")).longValue() == 240L << 20, "query-balloon " + q, g.output());
                    awaitBalloonReport(g, firstReport);
                    q = g.ok("query-balloon");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> st = (Map<String, Object>) q.get("stats");
                    long total = ((Number) st.getOrDefault("stat-total-memory", 0L)).longValue();
                    long free = ((Number) st.getOrDefault("stat-free-memory", 0L)).longValue();
                    check(total > 128L << 20 && total <= 256L << 20 && free > 0 && free < total,
                            "the guest's statistics: total " + total + ", free " + free + " in " + q, g.output());
                    System.out.println("linux virtio: balloon stats " + q);
                    g.console.feed("inflated\n");
                    out = g.waitFor("VIREO-GUEST-READY cpus=1");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nstats: " + g.vmm.stats(), e);
                }
                byte[] img = Files.readAllBytes(disk);
                String md5 = java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("MD5").digest(java.util.Arrays.copyOf(img, 1024)));
                check(out.contains("VIREO-VIRTIO vda " + DISK_BYTES / 512 + " sectors serial " + DISK_SERIAL + "\n"),
                        "the guest sees the disk, its size and serial", out);
                check(out.contains("VIREO-VIRTIO vda sectors 0-1 md5 " + md5 + "\n"), "the guest reads the disk", out);
                check(out.contains("VIREO-VIRTIO rng 16 bytes from virtio_rng"), "the guest reads entropy", out);
                check(!out.contains("FAILED"), "modules load", out);
                check(out.contains("VIREO-VIRTIO balloon host says inflated"), "console input reaches the guest", out);
                check(out.contains("VIREO-EXT4 mounted /dev/vdb\n"), "the guest mounts the ext4 disk", out);
                check(out.contains("VIREO-EXT4 host file: " + EXT4_HOST_TEXT + "\n"), "the guest reads the host's file",
                        out);
                check(out.contains("VIREO-EXT4 unmounted"), "the guest unmounts the ext4 disk", out);
                if (net) {
                    check(out.contains("VIREO-VIRTIO net eth0 52:54:00:12:34:56\n"), "the guest sees the NIC and its MAC", out);
                    check(out.contains("VIREO-VIRTIO net ping ok"), "the guest pings the host through the tap", out);
                }
                int rc = g.awaitExit();
                check(rc == 0, "reboot -f ends the VMM (rc " + rc + ")", out);
                String wrote = new String(Files.readAllBytes(disk), 16 * 512, 22, java.nio.charset.StandardCharsets.US_ASCII);
                check(wrote.equals("VIREO-LINUX-WROTE-THIS"), "the guest's write reached the image: " + wrote, out);
                String guestFile = Ext4Image.cat(ext4, "/guest/hello.txt");
                String hostMd5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                        .digest((EXT4_HOST_TEXT + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                check(guestFile.equals("VIREO-EXT4-GUEST read " + hostMd5 + "\n"),
                        "the guest's file in the ext4 image: " + guestFile, out);
                String fsck = Ext4Image.fsck(ext4);
                check(fsck.isEmpty(), "e2fsck -fn finds the image clean:\n" + fsck, out);
                System.out.println("linux virtio: " + g.vmm.stats());
            }
        } finally {
            Guest.timeoutMs = saved;
            deleteTree(tmp);
        }
    }

    /** Waits (up to 2 minutes) for a balloon statistics report newer than {@code after}; returns its time. */
    static long awaitBalloonReport(Guest g, long after) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        Map<String, Object> q = g.ok("query-balloon");
        while (((Number) q.get("last_update")).longValue() <= after && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            q = g.ok("query-balloon");
        }
        long t = ((Number) q.get("last_update")).longValue();
        check(t > after, "a balloon statistics report after " + after + ": " + q, g.output());
        return t;
    }
}
