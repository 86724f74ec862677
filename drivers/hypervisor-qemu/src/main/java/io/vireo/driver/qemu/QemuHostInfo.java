package io.vireo.driver.qemu;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.HostInfo;
import io.vireo.driver.support.host.HostCapabilities;
import io.vireo.driver.support.host.LinuxHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What qemu:///system reports about the host and what its emulator can run. */
final class QemuHostInfo implements HostInfo, DomainCapabilities {
    private static final String DOMCAPS = resource("domcapabilities.xml");

    private final QemuBackend backend;

    QemuHostInfo(QemuBackend backend) {
        this.backend = backend;
    }

    @Override
    public String type() {
        return "QEMU";
    }

    @Override
    public long hypervisorVersion() {
        return backend.emulatorVersion();
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
        List<String> types = QemuBackend.kvmAvailable() ? List.of("qemu", "kvm") : List.of("qemu");
        return HostCapabilities.document(nodeInfo(), List.of(new HostCapabilities.Guest("x86_64", backend.emulator(),
                List.of("pc", "q35"), types, List.of("<acpi default='on' toggle='yes'/>",
                "<apic default='on' toggle='no'/>", "<cpuselection/>", "<deviceboot/>",
                "<disksnapshot default='on' toggle='no'/>"))));
    }

    @Override
    public SecurityModel securityModel() {
        return new SecurityModel("none", "0");
    }

    @Override
    public String domainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        if (flags != 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "unsupported flags (0x%x) in function %s",
                    flags, "qemuConnectGetDomainCapabilities");
        }
        if (emulator != null && !emulator.equals(backend.emulator())) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "emulator '%s' does not support virt type '%s'", emulator, virttype == null ? "kvm" : virttype);
        }
        if (arch != null && !arch.equals("x86_64")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "requested architecture '%s' is not supported by this host", arch);
        }
        String type = virttype == null ? (QemuBackend.kvmAvailable() ? "kvm" : "qemu") : virttype;
        if (!type.equals("qemu") && !(type.equals("kvm") && QemuBackend.kvmAvailable())) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "KVM is not supported by '%s' on this host", backend.emulator());
        }
        String m = machine == null ? "pc" : machine;
        if (!m.equals("pc") && !m.equals("q35") && !m.startsWith("pc-")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "the machine '%s' is not supported by emulator '%s'", m, backend.emulator());
        }
        return DOMCAPS.replace("@EMULATOR@", backend.emulator()).replace("@VIRTTYPE@", type)
                .replace("@MACHINE@", m).replace("@KVM@", type.equals("kvm") ? "yes" : "no");
    }

    private static String resource(String name) {
        try (InputStream in = QemuHostInfo.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
