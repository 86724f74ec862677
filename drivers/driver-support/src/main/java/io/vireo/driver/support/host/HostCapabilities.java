package io.vireo.driver.support.host;

import io.vireo.api.NodeInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * libvirt's capabilities document ({@code virConnectGetCapabilities}) for a driver of real guests: the host
 * (its UUID, CPU topology and memory, from /proc) and the guests the driver can run.
 */
public final class HostCapabilities {
    /** One {@code <guest>}: hvm guests of {@code arch} run by {@code emulator}, of the given domain types. */
    public record Guest(String arch, String emulator, List<String> machines, List<String> domainTypes,
                        List<String> features) {
        public Guest {
            machines = List.copyOf(machines);
            domainTypes = List.copyOf(domainTypes);
            features = List.copyOf(features);
        }
    }

    private HostCapabilities() {
    }

    public static String document(NodeInfo node, List<Guest> guests) {
        return document(node, hostUuid(), guests);
    }

    static String document(NodeInfo node, String hostUuid, List<Guest> guests) {
        StringBuilder x = new StringBuilder("<capabilities>\n\n  <host>\n");
        x.append("    <uuid>").append(hostUuid).append("</uuid>\n");
        x.append("    <cpu>\n      <arch>").append(escape(node.model())).append("</arch>\n");
        x.append("      <topology sockets='").append(node.sockets()).append("' dies='1' cores='").append(node.cores())
                .append("' threads='").append(node.threads()).append("'/>\n    </cpu>\n");
        x.append("    <power_management/>\n    <iommu support='no'/>\n");
        x.append("    <topology>\n      <cells num='1'>\n        <cell id='0'>\n");
        x.append("          <memory unit='KiB'>").append(node.memoryKiB()).append("</memory>\n");
        x.append("          <cpus num='").append(node.cpus()).append("'>\n");
        for (int i = 0; i < node.cpus(); i++) {
            x.append("            <cpu id='").append(i).append("'/>\n");
        }
        x.append("          </cpus>\n        </cell>\n      </cells>\n    </topology>\n");
        x.append("    <secmodel>\n      <model>none</model>\n      <doi>0</doi>\n    </secmodel>\n  </host>\n\n");
        for (Guest g : guests) {
            x.append("  <guest>\n    <os_type>hvm</os_type>\n");
            x.append("    <arch name='").append(escape(g.arch())).append("'>\n");
            x.append("      <wordsize>64</wordsize>\n");
            x.append("      <emulator>").append(escape(g.emulator())).append("</emulator>\n");
            for (String m : g.machines()) {
                x.append("      <machine maxCpus='255'>").append(escape(m)).append("</machine>\n");
            }
            for (String t : g.domainTypes()) {
                x.append("      <domain type='").append(escape(t)).append("'/>\n");
            }
            x.append("    </arch>\n");
            if (!g.features().isEmpty()) {
                x.append("    <features>\n");
                for (String f : g.features()) {
                    x.append("      ").append(f).append("\n");
                }
                x.append("    </features>\n");
            }
            x.append("  </guest>\n\n");
        }
        return x.append("</capabilities>\n").toString();
    }

    /** The host's UUID as libvirt shows it: from the machine ID, else derived from the hostname. */
    static String hostUuid() {
        try {
            String id = Files.readString(Path.of("/etc/machine-id")).trim();
            if (id.matches("[0-9a-f]{32}")) {
                return id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
            }
        } catch (IOException ignored) {
            // fall through to a name-based UUID
        }
        return UUID.nameUUIDFromBytes(LinuxHost.hostname().getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
