package io.vireo.driver.qemu;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.HostInfo;
import io.vireo.driver.support.host.LinuxHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** What qemu:///system reports about the host and what its emulator can run. */
final class QemuHostInfo implements HostInfo, DomainCapabilities {
    private static final String CAPS = resource("capabilities.xml");
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
        NodeInfo n = nodeInfo();
        return CAPS.replace("@HOSTUUID@", hostUuid())
                .replace("@SOCKETS@", Integer.toString(n.sockets()))
                .replace("@CORES@", Integer.toString(n.cores()))
                .replace("@THREADS@", Integer.toString(n.threads()))
                .replace("@MEMORY@", Long.toString(n.memoryKiB()))
                .replace("@CPUS@", Integer.toString(n.cpus()))
                .replace("@EMULATOR@", backend.emulator())
                .replace("@KVMDOMAIN@", QemuBackend.kvmAvailable() ? "      <domain type='kvm'/>\n" : "");
    }

    /** The host's UUID as libvirt shows it: from the machine ID. */
    private static String hostUuid() {
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
