package io.vireo.driver.kvm;

import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.spi.HostInfo;
import io.vireo.driver.support.host.HostCapabilities;
import io.vireo.driver.support.host.LinuxHost;

import java.util.List;
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
        return HostCapabilities.document(node, List.of(new HostCapabilities.Guest(KvmDomainConfig.ARCH, emulator,
                List.of(), List.of("kvm"), List.of())));
    }

    @Override
    public SecurityModel securityModel() {
        // No security module labels guests yet.
        return SecurityModel.NONE;
    }
}
