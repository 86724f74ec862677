package io.vireo.driver.qemu;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.VirtException;
import io.vireo.xml.domain.InterfaceDef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host side of a guest's network interfaces: the tap QEMU created (by name, in QEMU's own network
 * namespace, which is the daemon's unless the emulator was started in another one), brought up and, for
 * {@code type='bridge'}, enslaved to its bridge; and its counters. Everything runs in QEMU's namespace
 * (nsenter by PID, /proc/PID/net), so a guest confined to a namespace never touches the host's.
 */
final class Taps {
    private Taps() {
    }

    static void bringUp(long qemuPid, InterfaceDef net) {
        String tap = net.getTargetDev();
        if ("bridge".equals(net.getType())) {
            ip(qemuPid, "link", "set", tap, "master", net.getSourceBridge());
        }
        if (net.getMtu() != null) {
            ip(qemuPid, "link", "set", tap, "mtu", Integer.toString(net.getMtu()));
        }
        ip(qemuPid, "link", "set", tap, "up");
    }

    private static void ip(long pid, String... args) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n", "ip"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "%s: %s", String.join(" ", args),
                        out);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "cannot run ip: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_ABORTED, ErrorDomain.QEMU, "interrupted");
        }
    }

    /**
     * The tap's counters from /proc/PID/net/dev of QEMU, turned to the guest's view: what the tap sent, the
     * guest received.
     */
    static InterfaceStats stats(long qemuPid, String tap) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(qemuPid), "net", "dev"))) {
                int colon = line.indexOf(':');
                if (colon < 0 || !line.substring(0, colon).strip().equals(tap)) {
                    continue;
                }
                String[] f = line.substring(colon + 1).strip().split("\\s+");
                long rxBytes = Long.parseLong(f[0]);
                long rxPackets = Long.parseLong(f[1]);
                long rxErrs = Long.parseLong(f[2]);
                long rxDrop = Long.parseLong(f[3]);
                long txBytes = Long.parseLong(f[8]);
                long txPackets = Long.parseLong(f[9]);
                long txErrs = Long.parseLong(f[10]);
                long txDrop = Long.parseLong(f[11]);
                return new InterfaceStats(txBytes, txPackets, txErrs, txDrop, rxBytes, rxPackets, rxErrs, rxDrop);
            }
        } catch (IOException | RuntimeException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "cannot read counters of %s: %s",
                    tap, e.getMessage());
        }
        throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "invalid path, '%s' is not "
                + "a known interface", tap);
    }
}
