package io.vireo.driver.test;

import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.spi.HostInfo;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Host facts of the test hypervisor: its fixture's node, the fixed capabilities, and the real hostname. */
final class TestHostInfo implements HostInfo {
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
}
