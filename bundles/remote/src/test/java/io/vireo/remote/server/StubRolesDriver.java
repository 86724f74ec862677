package io.vireo.remote.server;

import io.vireo.api.BlockStats;
import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorDomain;
import io.vireo.api.DomainStatsGroups;
import io.vireo.api.InterfaceStats;
import io.vireo.api.TypedParameter;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDevices;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.api.spi.QemuMonitorCommands;
import io.vireo.driver.test.TestHypervisorDriver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test driver's host ({@code qemu:///default} here has test:///default's fixtures)
 * plus the roles the test driver lacks, answered by this stand-in: device hotplug, statistics and QEMU
 * monitor commands (the same stand-in as the shell's tests use). It records every call it gets
 * ({@link #calls}; they arrive on the server's workers) and answers what the test sets ({@link #block},
 * {@link #memory}, {@link #monitorReply}, ...), or throws {@link #failure} when set.
 */
final class StubRolesDriver implements HypervisorDriver {
    /**
     * Served under the scheme {@code qemu}, one the server lets clients open ({@code qemu:///default} is
     * then this stand-in; Vireo's real QEMU driver is not in these tests).
     */
    static final Map<String, Object> PROPERTIES = Map.of(HypervisorDriver.SCHEME, "qemu");

    private final TestHypervisorDriver test = new TestHypervisorDriver();

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile BlockStats block = new BlockStats(1, 2, 3, 4, 5);
    volatile InterfaceStats iface = new InterfaceStats(1, 2, 3, 4, 5, 6, 7, 8);
    volatile Map<String, Long> memory = new LinkedHashMap<>();
    volatile Map<String, Long> cpu = new LinkedHashMap<>();
    /** What domainStats answers for the groups besides STATE; statsGroups reports CPU_TOTAL and BLOCK. */
    volatile List<TypedParameter> domainStats = List.of();
    volatile String monitorReply = "{\"return\":{},\"id\":\"libvirt-1\"}";
    volatile VirtException failure;

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        return new Conn(test.open(uri, context));
    }

    private void call(String what) {
        calls.add(what);
        if (failure != null) {
            throw failure;
        }
    }

    private final class Conn implements DriverConnection, DomainDevices, DomainStats, QemuMonitorCommands {
        private final DriverConnection inner;

        Conn(DriverConnection inner) {
            this.inner = inner;
        }

        @Override
        public ErrorDomain errorDomain() {
            return inner.errorDomain();
        }

        @Override
        public <T> T role(Class<T> role) {
            if (role == DomainDevices.class || role == DomainStats.class || role == QemuMonitorCommands.class) {
                return role.cast(this);
            }
            return inner.role(role);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public void attachDevice(UUID uuid, String xml, int flags) {
            call("attach " + flags + "\n" + xml);
        }

        @Override
        public void detachDevice(UUID uuid, String xml, int flags) {
            call("detach " + flags + "\n" + xml);
        }

        @Override
        public BlockStats blockStats(UUID uuid, String device) {
            call("blockStats " + device);
            return block;
        }

        @Override
        public InterfaceStats interfaceStats(UUID uuid, String device) {
            call("interfaceStats " + device);
            return iface;
        }

        @Override
        public Map<String, Long> memoryStats(UUID uuid) {
            call("memoryStats");
            return memory;
        }

        @Override
        public Map<String, Long> cpuStats(UUID uuid) {
            call("cpuStats");
            return cpu;
        }

        @Override
        public int statsGroups() {
            return DomainStatsGroups.CPU_TOTAL | DomainStatsGroups.BLOCK;
        }

        @Override
        public List<TypedParameter> domainStats(UUID uuid, int groups) {
            call("domainStats 0x" + Integer.toHexString(groups));
            return domainStats;
        }

        @Override
        public String monitorCommand(UUID uuid, String command, int flags) {
            call("monitor " + flags + " " + command);
            return monitorReply;
        }
    }
}
