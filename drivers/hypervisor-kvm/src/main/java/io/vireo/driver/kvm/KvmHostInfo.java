package io.vireo.driver.kvm;

import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.spi.HostInfo;
import io.vireo.driver.support.host.LinuxHost;

import java.util.function.Supplier;

/** The host as {@code kvm:///system} reports it: the real machine, and the one kind of guest the VMM runs. */
final class KvmHostInfo implements HostInfo {
    /** The Vireo VMM's version (its monitor greeting says 0.1), in libvirt's major * 1,000,000 + minor * 1,000 + micro. */
    static final long VMM_VERSION = 1_000;

    private final Supplier<String> emulator;

    /** {@code emulator}: the VMM launcher, which the capabilities name as the guests' emulator. */
    KvmHostInfo(Supplier<String> emulator) {
        this.emulator = emulator;
    }

    @Override
    public String type() {
        return "KVM";
    }

    @Override
    public long hypervisorVersion() {
        return VMM_VERSION;
    }

    @Override
    public String hostname() {
        return LinuxHost.hostname();
    }

    @Override
    public NodeInfo nodeInfo() {
        return LinuxHost.nodeInfo();
    }

    @Override
    public String capabilities() {
        return capabilities(nodeInfo(), emulator.get());
    }

    /** libvirt's capabilities document: the host's CPU and memory, and x86_64 hvm guests of domain type kvm. */
    static String capabilities(NodeInfo node, String emulator) {
        StringBuilder x = new StringBuilder();
        x.append("<capabilities>\n\n");
        x.append("  <host>\n");
        x.append("    <cpu>\n");
        x.append("      <arch>").append(escape(node.model())).append("</arch>\n");
        x.append("      <topology sockets='").append(node.sockets()).append("' dies='1' cores='").append(node.cores())
                .append("' threads='").append(node.threads()).append("'/>\n");
        x.append("    </cpu>\n");
        x.append("    <topology>\n");
        x.append("      <cells num='1'>\n");
        x.append("        <cell id='0'>\n");
        x.append("          <memory unit='KiB'>").append(node.memoryKiB()).append("</memory>\n");
        x.append("          <cpus num='").append(node.cpus()).append("'>\n");
        for (int i = 0; i < node.cpus(); i++) {
            x.append("            <cpu id='").append(i).append("'/>\n");
        }
        x.append("          </cpus>\n");
        x.append("        </cell>\n");
        x.append("      </cells>\n");
        x.append("    </topology>\n");
        x.append("  </host>\n\n");
        x.append("  <guest>\n");
        x.append("    <os_type>hvm</os_type>\n");
        x.append("    <arch name='").append(KvmDomainConfig.ARCH).append("'>\n");
        x.append("      <wordsize>64</wordsize>\n");
        x.append("      <emulator>").append(escape(emulator)).append("</emulator>\n");
        x.append("      <domain type='kvm'/>\n");
        x.append("    </arch>\n");
        x.append("  </guest>\n\n");
        x.append("</capabilities>\n");
        return x.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }

    @Override
    public SecurityModel securityModel() {
        // No security module labels guests yet.
        return SecurityModel.NONE;
    }
}
