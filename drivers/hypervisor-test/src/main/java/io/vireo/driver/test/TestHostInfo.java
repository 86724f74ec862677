package io.vireo.driver.test;

import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.HostInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Host facts of the test hypervisor: its fixture's node, the fixed capabilities, and the real hostname. */
final class TestHostInfo implements HostInfo, DomainCapabilities {
    /** The emulator the capabilities' guests name. */
    static final String EMULATOR = "/usr/bin/test-hv";
    private static final String DOMCAPS = domcapsTemplate();
    /** libvirt's test driver reports hypervisor version 0.0.2. */
    private static final long VERSION = 2;

    private final TestHost host;
    private final String capabilities;

    TestHostInfo(TestHost host, String capabilities) {
        this.host = host;
        this.capabilities = capabilities;
    }

    @Override
    public String type() {
        return "TEST";
    }

    @Override
    public long hypervisorVersion() {
        return VERSION;
    }

    @Override
    public String hostname() {
        return localHostname();
    }

    /** The host's name as libvirt reports it: the kernel's hostname, made canonical when it has no domain. */
    static String localHostname() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (Exception e) {
            name = "localhost";
        }
        if (name.contains(".")) {
            return name;
        }
        try {
            String canonical = InetAddress.getByName(name).getCanonicalHostName();
            return canonical.startsWith("localhost") || canonical.matches("[0-9.:]+") ? name : canonical;
        } catch (Exception e) {
            return name;
        }
    }

    @Override
    public NodeInfo nodeInfo() {
        return host.node;
    }

    @Override
    public String capabilities() {
        return capabilities;
    }

    @Override
    public SecurityModel securityModel() {
        return new SecurityModel("testSecurity", "");
    }

    /**
     * libvirt's own test driver has no domain capabilities (virsh says "not supported"); virt-install
     * reads them, so this gives a document shaped like QEMU's for the test hypervisor's guests: i686 as in
     * the capabilities, and x86_64.
     */
    @Override
    public String domainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        if (flags != 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x%x) in function %s",
                flags, "testConnectGetDomainCapabilities");
        }
        if (emulator != null && !emulator.equals(EMULATOR)) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                "emulator '%s' is not supported by the test hypervisor (it has %s)", emulator, EMULATOR);
        }
        String a = arch == null ? "i686" : arch;
        if (!a.equals("i686") && !a.equals("x86_64")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                "architecture '%s' is not supported by the test hypervisor", a);
        }
        if (virttype != null && !virttype.equals("test")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                "virttype '%s' is not supported by the test hypervisor", virttype);
        }
        return DOMCAPS.replace("@ARCH@", a)
            .replace("@MACHINE@", machine == null ? "" : "  <machine>" + machine + "</machine>\n")
            .replace("@CPU@", a.equals("x86_64") ? "qemu64" : "qemu32");
    }

    private static String domcapsTemplate() {
        try (InputStream in = TestHostInfo.class.getResourceAsStream("domcapabilities.xml")) {
            if (in == null) {
                throw new IllegalStateException("missing resource domcapabilities.xml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
