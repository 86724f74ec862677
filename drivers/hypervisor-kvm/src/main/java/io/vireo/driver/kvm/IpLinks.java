package io.vireo.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The interfaces of a network namespace as iproute2 lists them ({@code ip [-n NS] -j -d link show}): what a
 * sysadmin would run to see the same, and no netlink code in the daemon.
 */
final class IpLinks {
    private static final List<String> IP = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpLinks() {
    }

    static String command() {
        for (String p : IP) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "ip";
    }

    /** Interface name → its kind (linkinfo's info_kind: bridge, tun, veth, ...; "" when it has none). */
    static Map<String, String> list(String netns) {
        List<String> argv = new ArrayList<>(List.of(command()));
        if (netns != null) {
            argv.addAll(List.of("-n", netns));
        }
        argv.addAll(List.of("-j", "-d", "link", "show"));
        String out;
        String err;
        try {
            Process p = new ProcessBuilder(argv).start();
            p.getOutputStream().close();
            byte[] o = p.getInputStream().readAllBytes();
            err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("no answer within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("exit status " + p.exitValue() + (err.isEmpty() ? "" : ": " + err));
            }
            out = new String(o, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "cannot list the interfaces of %s "
                    + "(%s): %s", GuestTaps.where(netns), String.join(" ", argv), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "interrupted listing %s",
                    GuestTaps.where(netns));
        }
        return parse(out);
    }

    static Map<String, String> parse(String json) {
        Map<String, String> links = new HashMap<>();
        try {
            for (JsonNode l : JSON.readTree(json)) {
                links.put(l.path("ifname").asText(), l.path("linkinfo").path("info_kind").asText(""));
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "cannot read ip's interface list: %s",
                    e.getMessage());
        }
        return links;
    }
}
