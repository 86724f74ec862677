package io.vireo.core.connect;

import io.vireo.api.BlockStats;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDevices;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.QemuMonitorCommands;
import io.vireo.core.audit.AuditRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Device hotplug, statistics and QEMU monitor commands through a connection, against libvirt's rules:
 * attach/detach (both the flag and the older flag-less APIs) and monitor commands are refused on read-only
 * connections before the driver is asked and are audited; the four statistics calls are reads, allowed
 * read-only and not audited; a driver without the role answers NO_SUPPORT naming libvirt's API.
 */
class DomainDevicesStatsTest {
    private static final UUID UUID_VM1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final String WHO = "alice";
    private static final String VM1 = "uri=test:///default domain=vm1 uuid=" + UUID_VM1;
    private static final String DISK = "<disk type='file'><source file='/x.img'/><target dev='vdb'/></disk>";

    private final List<AuditRecord> audit = new ArrayList<>();

    /** A driver with all three roles: records each call and answers canned values. */
    private static final class FullDriver implements DriverConnection, DomainDevices, DomainStats,
            QemuMonitorCommands {
        final List<String> calls = new ArrayList<>();

        @Override
        public ErrorDomain errorDomain() {
            return ErrorDomain.TEST;
        }

        @Override
        public void attachDevice(UUID uuid, String xml, int flags) {
            calls.add("attach " + uuid + " " + flags + " " + xml);
        }

        @Override
        public void detachDevice(UUID uuid, String xml, int flags) {
            calls.add("detach " + uuid + " " + flags + " " + xml);
            if (xml.contains("vdz")) {
                throw VirtException.of(ErrorCode.DEVICE_MISSING, ErrorDomain.DOM, "no target device vdz");
            }
        }

        @Override
        public BlockStats blockStats(UUID uuid, String device) {
            calls.add("blockStats " + device);
            return new BlockStats(1, 512, 2, 1024, -1);
        }

        @Override
        public InterfaceStats interfaceStats(UUID uuid, String device) {
            calls.add("interfaceStats " + device);
            return new InterfaceStats(100, 2, 0, 0, 50, 1, 0, -1);
        }

        @Override
        public Map<String, Long> memoryStats(UUID uuid) {
            calls.add("memoryStats");
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("actual", 1048576L);
            m.put("swap_in", 0L);
            m.put("rss", 204800L);
            return m;
        }

        @Override
        public Map<String, Long> cpuStats(UUID uuid) {
            calls.add("cpuStats");
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("cpu_time", 1_500_000_000L);
            m.put("user_time", 1_000_000_000L);
            m.put("system_time", 500_000_000L);
            return m;
        }

        @Override
        public String monitorCommand(UUID uuid, String command, int flags) {
            calls.add("monitor " + flags + " " + command);
            return "{\"return\":{},\"id\":\"libvirt-1\"}";
        }
    }

    private Domain vm1(DriverConnection driver, boolean readOnly) {
        ConnectionImpl c = new ConnectionImpl("test:///default", "test", driver, readOnly, WHO, audit::add, x -> { });
        return new DomainHandle(c, "vm1", UUID_VM1, -1);
    }

    private List<String> lines() {
        return audit.stream().map(AuditRecord::line).toList();
    }

    private static VirtException fails(Executable call) {
        return assertThrows(VirtException.class, call);
    }

    private static String noSupport(String api) {
        return "this function is not supported by the connection driver: " + api;
    }

    @Test
    void aBareDriverAnswersNoSupportNamingEachLibvirtApi() {
        Domain d = vm1(() -> ErrorDomain.TEST, false);
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("virDomainAttachDeviceFlags", () -> d.attachDevice(DISK, DomainFlags.AFFECT_CONFIG));
        calls.put("virDomainAttachDevice", () -> d.attachDevice(DISK));
        calls.put("virDomainDetachDeviceFlags", () -> d.detachDevice(DISK, DomainFlags.AFFECT_LIVE));
        calls.put("virDomainDetachDevice", () -> d.detachDevice(DISK));
        calls.put("virDomainBlockStats", () -> d.blockStats("vda"));
        calls.put("virDomainInterfaceStats", () -> d.interfaceStats("vnet0"));
        calls.put("virDomainMemoryStats", d::memoryStats);
        calls.put("virDomainGetCPUStats", d::cpuStats);
        calls.put("virDomainQemuMonitorCommand", () -> d.qemuMonitorCommand("{\"execute\":\"query-status\"}", 0));
        calls.forEach((api, call) -> {
            VirtException e = fails(call);
            assertEquals(ErrorCode.NO_SUPPORT, e.code(), api);
            assertEquals(noSupport(api), e.getMessage());
        });
        // The changes are audited, refusals included; the statistics are reads and are not.
        List<String> audited = List.of("virDomainAttachDeviceFlags", "virDomainAttachDevice",
                "virDomainDetachDeviceFlags", "virDomainDetachDevice", "virDomainQemuMonitorCommand");
        assertEquals(audited.stream().map(api -> "user=alice api=" + api + " " + VM1
                + " result=error code=NO_SUPPORT(3) message=\"" + noSupport(api) + "\"").toList(), lines());
    }

    @Test
    void theInterfaceDefaultsAlsoAnswerNoSupport() {
        // A Domain written before these methods (only its abstract methods implemented) still compiles and
        // answers NO_SUPPORT: the defaults of the interface.
        Domain old = (Domain) java.lang.reflect.Proxy.newProxyInstance(Domain.class.getClassLoader(),
                new Class<?>[] {Domain.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new AssertionError(method.getName());
                });
        assertEquals(noSupport("virDomainAttachDeviceFlags"), fails(() -> old.attachDevice(DISK, 0)).getMessage());
        assertEquals(noSupport("virDomainAttachDevice"), fails(() -> old.attachDevice(DISK)).getMessage());
        assertEquals(noSupport("virDomainDetachDeviceFlags"), fails(() -> old.detachDevice(DISK, 0)).getMessage());
        assertEquals(noSupport("virDomainDetachDevice"), fails(() -> old.detachDevice(DISK)).getMessage());
        assertEquals(noSupport("virDomainBlockStats"), fails(() -> old.blockStats("vda")).getMessage());
        assertEquals(noSupport("virDomainInterfaceStats"), fails(() -> old.interfaceStats("vnet0")).getMessage());
        assertEquals(noSupport("virDomainMemoryStats"), fails(old::memoryStats).getMessage());
        assertEquals(noSupport("virDomainGetCPUStats"), fails(old::cpuStats).getMessage());
        assertEquals(noSupport("virDomainQemuMonitorCommand"),
                fails(() -> old.qemuMonitorCommand("info", DomainFlags.QEMU_MONITOR_COMMAND_HMP)).getMessage());
    }

    @Test
    void readOnlyConnectionsRefuseDeviceChangesAndMonitorCommandsBeforeTheDriverIsAsked() {
        FullDriver driver = new FullDriver();
        Domain d = vm1(driver, true);
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("virDomainAttachDeviceFlags", () -> d.attachDevice(DISK, DomainFlags.AFFECT_CONFIG));
        calls.put("virDomainAttachDevice", () -> d.attachDevice(DISK));
        calls.put("virDomainDetachDeviceFlags", () -> d.detachDevice(DISK, DomainFlags.AFFECT_LIVE));
        calls.put("virDomainDetachDevice", () -> d.detachDevice(DISK));
        calls.put("virDomainQemuMonitorCommand", () -> d.qemuMonitorCommand("info status", 1));
        calls.forEach((api, call) -> {
            VirtException e = fails(call);
            assertEquals(ErrorCode.OPERATION_DENIED, e.code(), api);
            assertEquals("operation forbidden: read only access prevents " + api, e.getMessage());
        });
        assertEquals(List.of(), driver.calls);
        assertEquals(calls.keySet().stream().map(api -> "user=alice api=" + api + " " + VM1
                + " result=error code=OPERATION_DENIED(29)"
                + " message=\"operation forbidden: read only access prevents " + api + "\"").toList(), lines());
    }

    @Test
    void readOnlyComesBeforeNoSupportAsInLibvirt() {
        Domain d = vm1(() -> ErrorDomain.TEST, true);
        assertEquals(ErrorCode.OPERATION_DENIED, fails(() -> d.attachDevice(DISK, 0)).code());
        assertEquals(ErrorCode.OPERATION_DENIED, fails(() -> d.detachDevice(DISK)).code());
        assertEquals(ErrorCode.OPERATION_DENIED, fails(() -> d.qemuMonitorCommand("x", 0)).code());
        // Reads get as far as the driver: NO_SUPPORT, not a refusal.
        assertEquals(ErrorCode.NO_SUPPORT, fails(() -> d.blockStats("vda")).code());
    }

    @Test
    void statisticsAreAllowedOnReadOnlyConnectionsAndNotAudited() {
        FullDriver driver = new FullDriver();
        Domain d = vm1(driver, true);
        assertEquals(new BlockStats(1, 512, 2, 1024, -1), d.blockStats("vda"));
        assertEquals(new InterfaceStats(100, 2, 0, 0, 50, 1, 0, -1), d.interfaceStats("52:54:00:00:00:01"));
        assertEquals(List.of("actual", "swap_in", "rss"), List.copyOf(d.memoryStats().keySet()));
        assertEquals(204800L, d.memoryStats().get("rss"));
        assertEquals(List.of("cpu_time", "user_time", "system_time"), List.copyOf(d.cpuStats().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> d.cpuStats().put("x", 1L));
        assertEquals(List.of("blockStats vda", "interfaceStats 52:54:00:00:00:01", "memoryStats", "memoryStats",
                "cpuStats", "cpuStats"), driver.calls);
        assertEquals(List.of(), audit);
    }

    @Test
    void theDriverGetsXmlAndFlagsAndTheOlderApisActOnTheRunningDomain() {
        FullDriver driver = new FullDriver();
        Domain d = vm1(driver, false);
        d.attachDevice(DISK, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG);
        d.attachDevice(DISK);
        d.detachDevice(DISK, DomainFlags.AFFECT_CONFIG);
        d.detachDevice(DISK);
        assertEquals(List.of("attach " + UUID_VM1 + " 3 " + DISK, "attach " + UUID_VM1 + " 1 " + DISK,
                "detach " + UUID_VM1 + " 2 " + DISK, "detach " + UUID_VM1 + " 1 " + DISK), driver.calls);
        assertEquals(List.of("virDomainAttachDeviceFlags", "virDomainAttachDevice", "virDomainDetachDeviceFlags",
                "virDomainDetachDevice").stream().map(api -> "user=alice api=" + api + " " + VM1 + " result=ok")
                .toList(), lines());
    }

    @Test
    void aDriverErrorIsAuditedAndPassedOn() {
        FullDriver driver = new FullDriver();
        Domain d = vm1(driver, false);
        VirtException e = fails(() -> d.detachDevice("<disk><target dev='vdz'/></disk>", 0));
        assertEquals(ErrorCode.DEVICE_MISSING, e.code());
        assertEquals(List.of("user=alice api=virDomainDetachDeviceFlags " + VM1 + " result=error"
                + " code=DEVICE_MISSING(99) message=\"device not found: no target device vdz\""), lines());
    }

    @Test
    void monitorCommandsReachTheDriverWithTheirFlagsAndAreAudited() {
        FullDriver driver = new FullDriver();
        Domain d = vm1(driver, false);
        assertEquals("{\"return\":{},\"id\":\"libvirt-1\"}", d.qemuMonitorCommand("{\"execute\":\"stop\"}", 0));
        d.qemuMonitorCommand("info status", DomainFlags.QEMU_MONITOR_COMMAND_HMP);
        assertEquals(List.of("monitor 0 {\"execute\":\"stop\"}", "monitor 1 info status"), driver.calls);
        assertEquals(List.of("user=alice api=virDomainQemuMonitorCommand " + VM1 + " result=ok",
                "user=alice api=virDomainQemuMonitorCommand " + VM1 + " result=ok"), lines());
    }

    @Test
    void libvirtFlagValues() {
        assertEquals(QemuMonitorCommands.HMP, DomainFlags.QEMU_MONITOR_COMMAND_HMP);
        assertEquals(1, DomainFlags.QEMU_MONITOR_COMMAND_HMP);
    }
}
