package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.BlockStats;
import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.TypedParameter;
import io.vireo.api.VirtException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device hotplug and statistics over the wire: stock virsh against the server (with the test driver,
 * which has neither, and with {@link StubRolesDriver} on {@code qemu:///default}, which has both), and
 * Vireo's own remote client against the server.
 */
class DeviceStatsRemoteTest {
    private static final String DISK = "<disk type='file' device='disk'>\n"
        + "  <source file='/var/lib/vireo/vdb.img'/>\n  <target dev='vdb' bus='virtio'/>\n</disk>\n";

    @TempDir
    static Path work;

    @TempDir
    Path tmp;

    @BeforeAll
    static void files() throws IOException {
        Processes.require(Processes.VIRSH, "the test drives the real virsh");
        try (InputStream in = DeviceStatsRemoteTest.class.getResourceAsStream("/virsh/disk.xml")) {
            Files.copy(in, work.resolve("disk.xml"));
        }
    }

    private static String qemuTcp(ServerFixture f) {
        return "qemu+tcp://127.0.0.1:" + f.port() + "/default";
    }

    /**
     * libvirt's own test driver invents statistics, Vireo's has none: virsh through the server gets the
     * NO_SUPPORT error libvirt gives for a driver without them, after falling back from
     * BLOCK_STATS_FLAGS (not served) to BLOCK_STATS as it does against older daemons.
     */
    @Test
    void withoutStatisticsVirshReportsNoSupportNamingLibvirtsApi() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result r = Processes.virsh(work, f.tcpUri(),
                "domblkstat test vda; domifstat test testnet0; dommemstat test; cpu-stats test --total; cpu-stats test");
            assertEquals("error: Failed to get block stats test vda\n"
                + "error: this function is not supported by the connection driver: virDomainBlockStats\n"
                + "error: Failed to get interface stats test testnet0\n"
                + "error: this function is not supported by the connection driver: virDomainInterfaceStats\n"
                + "error: Failed to get memory statistics for domain test\n"
                + "error: this function is not supported by the connection driver: virDomainMemoryStats\n"
                + "error: Failed to retrieve CPU statistics for domain 'test'\n"
                + "error: this function is not supported by the connection driver: virDomainGetCPUStats\n"
                + "error: Failed to retrieve CPU statistics for domain 'test'\n"
                + "error: this function is not supported by the connection driver: virDomainGetCPUStats\n",
                r.err(), r.toString());
        }
    }

    /**
     * virsh domstats through the server prints what it prints against libvirt's own test driver in-process:
     * the state group only, the other groups left out or refused under --enforce, and named domains.
     */
    @Test
    void virshDomstatsMatchesLibvirtsTestDriver() throws Exception {
        String commands = "domstats; domstats test --vcpu; domstats --raw --cpu-total --balloon --state;"
            + " domstats --list-inactive; domstats --enforce --block; domstats --state test; domstats nosuch";
        Processes.Result remote = sameAsInProcess(commands);
        assertTrue(remote.out().startsWith("Domain: 'test'\n  state.state=1\n  state.reason=0\n\n"), remote.out());
    }

    /** Runs {@code commands} with virsh through a fresh server and in-process against libvirt's test driver. */
    private static Processes.Result sameAsInProcess(String commands) throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result remote = Processes.virsh(work, f.tcpUri(), commands);
            Processes.Result local = Processes.run(List.of(Processes.VIRSH.toString(), "-c", "test:///default",
                commands), work, 60);
            assertEquals(local.out(), remote.out(), remote.toString());
            assertEquals(local.err(), remote.err(), remote.toString());
            return remote;
        }
    }

    /** virsh dommemstat --period through the server (procedure 308) does what it does in-process. */
    @Test
    void virshSetsTheBalloonPeriodAsAgainstLibvirtsTestDriver() throws Exception {
        String commands = "dommemstat test --period 5; dumpxml test; dommemstat test --period 7 --config;"
            + " dumpxml test --inactive; dommemstat test --period 5 --live --config; dommemstat test --period -1";
        Processes.Result remote = sameAsInProcess(commands);
        assertTrue(remote.out().contains("<stats period='5'/>") && remote.out().contains("<stats period='7'/>"),
            remote.out());
    }

    /** A driver's own groups reach virsh with every value type: int, unsigned int, unsigned long long, string. */
    @Test
    void virshDomstatsPrintsTheDriversGroups() throws Exception {
        StubRolesDriver stub = new StubRolesDriver();
        stub.domainStats = List.of(TypedParameter.ofULLong("cpu.time", -1L),
            TypedParameter.ofUInt("block.count", 1), TypedParameter.ofString("block.0.name", "vda"),
            TypedParameter.ofString("block.0.path", "/var/lib/vireo/images/a b.img"),
            TypedParameter.ofULLong("block.0.rd.reqs", 179532578616239L), TypedParameter.ofInt("block.0.x", -2));
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(stub, StubRolesDriver.PROPERTIES))) {
            Processes.Result r = Processes.virsh(work, qemuTcp(f), "domstats test; domstats --block --enforce test");
            assertEquals("", r.err(), r.toString());
            String record = "  cpu.time=18446744073709551615\n  block.count=1\n  block.0.name=vda\n"
                + "  block.0.path=/var/lib/vireo/images/a b.img\n  block.0.rd.reqs=179532578616239\n  block.0.x=-2\n\n";
            assertEquals("Domain: 'test'\n  state.state=1\n  state.reason=0\n" + record + "Domain: 'test'\n" + record,
                r.out());
            // No group asked: the state and every group of the driver; --block: only that one.
            assertEquals(List.of("domainStats 0x22", "domainStats 0x20"), stub.calls);
        }
    }

    /** The read-only socket refuses hotplug as libvirtd's does: the same words as {@code virsh -r} locally. */
    @Test
    void readOnlySocketRefusesHotplugAsLibvirtDoes() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            String commands = "attach-device test disk.xml; detach-device test disk.xml --config;"
                + " attach-disk test /var/lib/vireo/vdb.img vdb --live; detach-interface test network";
            Processes.Result remote = Processes.virsh(work, "test+unix:///default?socket=" + f.socket(true), commands);
            Processes.Result local = Processes.run(List.of(Processes.VIRSH.toString(), "-r", "-c", "test:///default",
                commands), work, 60);
            assertEquals(local.err(), remote.err());
            assertEquals(local.out(), remote.out());
            assertEquals("error: Failed to attach device from disk.xml\n"
                + "error: operation forbidden: read only access prevents virDomainAttachDevice\n"
                + "error: Failed to detach device from disk.xml\n"
                + "error: operation forbidden: read only access prevents virDomainDetachDeviceFlags\n"
                + "error: Failed to attach disk\n"
                + "error: operation forbidden: read only access prevents virDomainAttachDeviceFlags\n"
                + "error: Failed to detach interface\n"
                + "error: operation forbidden: read only access prevents virDomainDetachDevice\n", remote.err());
        }
    }

    @Test
    void virshReadsStatisticsThroughTheServer() throws Exception {
        StubRolesDriver stub = new StubRolesDriver();
        stub.block = new BlockStats(179532578616239L, 89766289308119L, 59844192872079L, 44883144654059L, -1);
        stub.iface = new InterfaceStats(1000, 10, 0, 1, 2000, 20, -1, 0);
        stub.memory.put("actual", 2097152L);
        stub.memory.put("swap_in", 0L);
        stub.memory.put("rss", 1048576L);
        stub.memory.put("not_a_libvirt_tag", 5L);
        stub.memory.put("last_update", 627319920L);
        stub.cpu.put("cpu_time", 48772617035L);
        stub.cpu.put("user_time", 5540000000L);
        stub.cpu.put("system_time", 6460000000L);
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(stub, StubRolesDriver.PROPERTIES))) {
            Processes.Result r = Processes.virsh(work, qemuTcp(f),
                "domblkstat test vda; domblkstat test vda --human; domifstat test vnet0; dommemstat test;"
                + " cpu-stats test --total; cpu-stats test");
            assertEquals("", r.err(), r.toString());
            assertEquals("vda rd_req 179532578616239\nvda rd_bytes 89766289308119\nvda wr_req 59844192872079\n"
                + "vda wr_bytes 44883144654059\n\n"
                + "Device: vda\n number of read operations:      179532578616239\n"
                + " number of bytes read:           89766289308119\n"
                + " number of write operations:     59844192872079\n"
                + " number of bytes written:        44883144654059\n\n"
                + "vnet0 rx_bytes 1000\nvnet0 rx_packets 10\nvnet0 rx_errs 0\nvnet0 rx_drop 1\n"
                + "vnet0 tx_bytes 2000\nvnet0 tx_packets 20\nvnet0 tx_drop 0\n\n"
                + "actual 2097152\nswap_in 0\nrss 1048576\nlast_update 627319920\n\n"
                + "Total:\n\tcpu_time            48.772617035 seconds\n"
                + "\tuser_time            5.540000000 seconds\n\tsystem_time          6.460000000 seconds\n\n"
                // Without --total virsh asks per CPU first; there are no per-CPU statistics, so it says so
                // (without a line break, as virsh does) and shows the total.
                + "No per-CPU stats availableTotal:\n\tcpu_time            48.772617035 seconds\n"
                + "\tuser_time            5.540000000 seconds\n\tsystem_time          6.460000000 seconds\n\n",
                r.out());
        }
    }

    @Test
    void virshHotplugsThroughTheServerWithTheCallsAndFlagsItChose() throws Exception {
        StubRolesDriver stub = new StubRolesDriver();
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(stub, StubRolesDriver.PROPERTIES))) {
            Processes.Result r = Processes.virsh(work, qemuTcp(f),
                "attach-device test disk.xml; attach-device test disk.xml --config; detach-device test disk.xml;"
                + " detach-device test disk.xml --persistent; attach-disk test /var/lib/vireo/vdb.img vdb --current;"
                + " detach-disk test vda --live; attach-interface test bridge br0; detach-interface test network");
            assertEquals("", r.err(), r.toString());
            assertEquals("Device attached successfully\n\nDevice attached successfully\n\n"
                + "Device detached successfully\n\nDevice detached successfully\n\n"
                + "Disk attached successfully\n\nDisk detached successfully\n\n"
                + "Interface attached successfully\n\nInterface detached successfully\n\n", r.out());
            // The flag-less calls act on the running domain (1); --persistent on a running domain is 3.
            assertEquals(List.of("attach 1", "attach 2", "detach 1", "detach 3", "attach 0", "detach 1", "attach 1",
                "detach 1"), stub.calls.stream().map(c -> c.substring(0, c.indexOf('\n'))).toList());
            assertEquals("attach 1\n" + DISK, stub.calls.get(0));
            assertEquals("attach 0\n<disk type='file'>\n  <source file='/var/lib/vireo/vdb.img'/>\n"
                + "  <target dev='vdb'/>\n</disk>\n", stub.calls.get(4));
            assertEquals("detach 1\n<disk type=\"file\" device=\"disk\">\n"
                + "      <source file=\"/guest/diskimage1\"/>\n      <target dev=\"vda\" bus=\"virtio\"/>\n"
                + "      <address type=\"pci\" domain=\"0x0000\" bus=\"0x01\" slot=\"0x00\" function=\"0x0\"/>\n"
                + "    </disk>", stub.calls.get(5));
        }
    }

    @Test
    void aDriverErrorReachesVirshWithItsCodeAndWords() throws Exception {
        StubRolesDriver stub = new StubRolesDriver();
        stub.failure = VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(stub, StubRolesDriver.PROPERTIES))) {
            Processes.Result r = Processes.virsh(work, qemuTcp(f), "attach-device test disk.xml --live; dommemstat test");
            assertEquals("error: Failed to attach device from disk.xml\n"
                + "error: Requested operation is not valid: domain is not running\n"
                + "error: Failed to get memory statistics for domain test\n"
                + "error: Requested operation is not valid: domain is not running\n", r.err());
        }
    }

    /**
     * virsh qemu-monitor-command speaks libvirt's QEMU program (0x20008087): QMP and HMP reach the driver with
     * their flag, the answer comes back; the test driver has no monitor (NO_SUPPORT, as libvirt's), and a
     * read-only connection is refused, in libvirt's words.
     */
    @Test
    void virshMonitorCommandsUseTheQemuProgram() throws Exception {
        StubRolesDriver stub = new StubRolesDriver();
        stub.monitorReply = "{\"return\":{\"status\":\"running\",\"running\":true},\"id\":\"libvirt-7\"}";
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(stub, StubRolesDriver.PROPERTIES))) {
            Processes.Result r = Processes.virsh(work, qemuTcp(f),
                "qemu-monitor-command test '{\"execute\":\"query-status\"}'; qemu-monitor-command test --hmp info status");
            assertEquals("", r.err(), r.toString());
            assertEquals(stub.monitorReply + "\n\n" + stub.monitorReply + "\n\n", r.out());
            assertEquals(List.of("monitor 0 {\"execute\":\"query-status\"}", "monitor 1 info status"), stub.calls);

            Processes.Result test = Processes.virsh(work, f.tcpUri(), "qemu-monitor-command test '{\"execute\":\"x\"}'");
            assertEquals("error: this function is not supported by the connection driver: "
                + "virDomainQemuMonitorCommand\n", test.err(), test.toString());
            Processes.Result ro = Processes.virsh(work, "test+unix:///default?socket=" + f.socket(true),
                "qemu-monitor-command test '{\"execute\":\"x\"}'");
            assertEquals("error: operation forbidden: read only access prevents virDomainQemuMonitorCommand\n",
                ro.err(), ro.toString());
        }
    }

    /** Vireo's client against Vireo's server: every value and flag makes the round trip. */
    @Test
    void vireosClientRoundTrip() throws Exception {
        StubRolesDriver stub = new StubRolesDriver();
        stub.memory.put("actual", 524288L);
        stub.memory.put("unused", 1024L);
        stub.memory.put("something_else", 1L);
        stub.cpu.put("cpu_time", 3L);
        stub.cpu.put("user_time", 2L);
        stub.cpu.put("system_time", 1L);
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(stub, StubRolesDriver.PROPERTIES));
             RemoteClientTest.ClientStack client = new RemoteClientTest.ClientStack(tmp);
             Connection c = client.factory.open(qemuTcp(f), false)) {
            Domain d = c.lookupDomainByName("test");
            assertEquals(new BlockStats(1, 2, 3, 4, 5), d.blockStats("vda"));
            assertEquals(new InterfaceStats(1, 2, 3, 4, 5, 6, 7, 8), d.interfaceStats("52:54:00:00:00:01"));
            assertEquals(Map.of("actual", 524288L, "unused", 1024L), d.memoryStats());
            assertEquals(List.of("actual", "unused"), List.copyOf(d.memoryStats().keySet()));
            assertEquals(List.of("cpu_time", "user_time", "system_time"), List.copyOf(d.cpuStats().keySet()));
            assertEquals(3L, d.cpuStats().get("cpu_time"));
            d.attachDevice(DISK, DomainFlags.AFFECT_CONFIG);
            d.attachDevice(DISK);
            d.detachDevice(DISK, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG);
            d.detachDevice(DISK);
            assertEquals(stub.monitorReply, d.qemuMonitorCommand("info status", 1));
            stub.domainStats = List.of(TypedParameter.ofULLong("cpu.time", -1L), TypedParameter.ofUInt("block.count", -1),
                TypedParameter.ofString("block.0.name", "vda"), TypedParameter.ofInt("block.0.x", -2));
            List<io.vireo.api.DomainStatsRecord> records = c.getAllDomainStats(List.of(d),
                io.vireo.api.DomainStatsGroups.STATE | io.vireo.api.DomainStatsGroups.BLOCK, 0);
            assertEquals(1, records.size());
            assertEquals("test", records.get(0).domain().name());
            assertEquals(d.uuid(), records.get(0).domain().uuid());
            assertEquals(List.of(TypedParameter.ofInt("state.state", 1), TypedParameter.ofInt("state.reason", 0)),
                records.get(0).params().subList(0, 2));
            assertEquals(stub.domainStats, records.get(0).params().subList(2, records.get(0).params().size()));
            VirtException e = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class,
                () -> c.getAllDomainStats(List.of(), io.vireo.api.DomainStatsGroups.VCPU,
                    io.vireo.api.DomainStatsGroups.ENFORCE_STATS));
            assertEquals(ErrorCode.ARGUMENT_UNSUPPORTED, e.code());
            assertEquals("argument unsupported: Stats types bits 0x8 are not supported by this daemon", e.getMessage());
            assertEquals(List.of("blockStats vda", "interfaceStats 52:54:00:00:00:01", "memoryStats", "memoryStats",
                "cpuStats", "cpuStats", "cpuStats", "cpuStats", "attach 2\n" + DISK, "attach 1\n" + DISK,
                "detach 3\n" + DISK, "detach 1\n" + DISK, "monitor 1 info status", "domainStats 0x20"), stub.calls);
        }
    }
}
