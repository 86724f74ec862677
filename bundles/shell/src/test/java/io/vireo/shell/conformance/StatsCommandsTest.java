package io.vireo.shell.conformance;

import io.vireo.api.BlockStats;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.VirtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * domblkstat, domifstat, dommemstat, cpu-stats and qemu-monitor-command against a driver that has the
 * statistics and a monitor ({@link StubRolesDriver}). The expected text is virsh 9.0's: the counters are
 * the ones libvirt's test driver reported to {@code virsh -c test:///default domblkstat test vda},
 * {@code domifstat test testnet0}, {@code dommemstat test} and {@code cpu-stats test --total}, and the
 * output is what virsh printed for them.
 */
class StatsCommandsTest {
    @TempDir
    Path work;

    private final StubRolesDriver driver = new StubRolesDriver();
    private VireoShell shell;

    @BeforeEach
    void start() {
        shell = new VireoShell(work, Map.of(driver, StubRolesDriver.PROPERTIES));
        assertEquals("\n", shell.run("virt:connect stub:///default"));
    }

    @AfterEach
    void stop() {
        List<Throwable> unexpected = shell.unexpected();
        shell.close();
        assertEquals(List.of(), unexpected);
    }

    @Test
    void domblkstatPrintsTheLegacyCountersAsVirshDoes() {
        driver.block = new BlockStats(179532578616239L, 89766289308119L, 59844192872079L, 44883144654059L,
                897662893L);
        assertEquals("""
                vda rd_req 179532578616239
                vda rd_bytes 89766289308119
                vda wr_req 59844192872079
                vda wr_bytes 44883144654059
                vda errs 897662893

                """, shell.run("virt:domblkstat test vda"));
        assertEquals("""
                Device: vda
                 number of read operations:      179532578616239
                 number of bytes read:           89766289308119
                 number of write operations:     59844192872079
                 number of bytes written:        44883144654059
                 error count:                    897662893

                """, shell.run("virt:domblkstat test vda --human"));
        assertEquals(List.of("blockStats vda", "blockStats vda"), driver.calls);
    }

    @Test
    void domblkstatLeavesOutWhatTheDriverDoesNotCountAndAsksForTheWholeDomainWithoutADevice() {
        driver.block = new BlockStats(10, 4096, -1, -1, -1);
        assertEquals(" rd_req 10\n rd_bytes 4096\n\n", shell.run("virt:domblkstat test"));
        assertEquals(List.of("blockStats "), driver.calls);
    }

    @Test
    void domblkstatFailureNamesDomainAndDevice() {
        driver.failure = VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "invalid path: vdz");
        assertEquals("error: Failed to get block stats test vdz\nerror: invalid argument: invalid path: vdz\n",
                shell.run("virt:domblkstat test vdz"));
    }

    @Test
    void domifstat() {
        driver.iface = new InterfaceStats(179532590813893L, 17953259081389L, 1795325908L, 897662954L,
                89766295406946L, 16321144619444L, 598441969L, -1);
        assertEquals("""
                testnet0 rx_bytes 179532590813893
                testnet0 rx_packets 17953259081389
                testnet0 rx_errs 1795325908
                testnet0 rx_drop 897662954
                testnet0 tx_bytes 89766295406946
                testnet0 tx_packets 16321144619444
                testnet0 tx_errs 598441969

                """, shell.run("virt:domifstat test testnet0"));
        driver.failure = VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                "'vnet0' is not a known interface");
        assertEquals("error: Failed to get interface stats test vnet0\n"
                + "error: invalid argument: 'vnet0' is not a known interface\n",
                shell.run("virt:domifstat test vnet0"));
    }

    @Test
    void dommemstatInTheDriversOrderLeavingOutWhatVirshDoesNotKnow() {
        driver.memory.put("actual", 2097152L);
        driver.memory.put("swap_in", 0L);
        driver.memory.put("unused", 1048576L);
        driver.memory.put("something_new", 7L);
        driver.memory.put("last_update", 627319920L);
        driver.memory.put("rss", 1048576L);
        assertEquals("actual 2097152\nswap_in 0\nunused 1048576\nlast_update 627319920\nrss 1048576\n\n",
                shell.run("virt:dommemstat test"));
        driver.failure = VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
        assertEquals("error: Failed to get memory statistics for domain test\n"
                + "error: Requested operation is not valid: domain is not running\n",
                shell.run("virt:dommemstat test"));
    }

    @Test
    void cpuStatsTotal() {
        driver.cpu.put("cpu_time", 48772617035L);
        driver.cpu.put("user_time", 5540000000L);
        driver.cpu.put("system_time", 6460000000L);
        String expected = "Total:\n\tcpu_time            48.772617035 seconds\n"
                + "\tuser_time            5.540000000 seconds\n\tsystem_time          6.460000000 seconds\n\n";
        assertEquals(expected, shell.run("virt:cpu-stats test --total"));
        assertEquals(expected, shell.run("virt:cpu-stats test"));
        driver.cpu.clear();
        assertEquals("No total stats available\n", shell.run("virt:cpu-stats test"));
        driver.failure = VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.QEMU, "virDomainGetCPUStats");
        assertEquals("error: Failed to retrieve CPU statistics for domain 'test'\n"
                + "error: this function is not supported by the connection driver: virDomainGetCPUStats\n",
                shell.run("virt:cpu-stats test"));
    }

    @Test
    void cpuStatsHelpSaysOnlyTheTotalIsShown() {
        String help = shell.run("virt:cpu-stats --help");
        assertTrue(help.replaceAll("\\s+", " ").contains("Only the total is shown"), help);
    }

    @Test
    void statisticsAreReadOnReadOnlyConnections() {
        assertEquals("vda rd_req 1\nvda rd_bytes 2\nvda wr_req 3\nvda wr_bytes 4\nvda errs 5\n\n",
                shell.run("virt:domblkstat --readonly test vda"));
        assertEquals(List.of("blockStats vda"), driver.calls);
    }

    @Test
    void qmpCommandsAreWrappedAsVirshWrapsThem() {
        shell.run("virt:qemu-monitor-command test query-status");
        shell.run("virt:qemu-monitor-command test '{\"execute\":\"query-status\"}'");
        shell.run("virt:qemu-monitor-command test human-monitor-command '\"command-line\":\"info status\"'");
        shell.run("virt:qemu-monitor-command test block_resize '{\"device\":\"vda\",' '\"size\":1024}'");
        shell.run("virt:qemu-monitor-command test --hmp info status");
        shell.run("virt:qemu-monitor-command test info  status --hmp");
        assertEquals(List.of("monitor 0 {\"execute\":\"query-status\"}",
                "monitor 0 {\"execute\":\"query-status\"}",
                "monitor 0 {\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info status\"}}",
                "monitor 0 {\"execute\":\"block_resize\",\"arguments\":{\"device\":\"vda\",\"size\":1024}}",
                "monitor 1 info status", "monitor 1 info status"), driver.calls);
    }

    @Test
    void repliesAsIsPrettyOrJustTheirReturnValue() {
        driver.monitorReply = "{\"return\":{\"status\":\"running\",\"singlestep\":false,\"running\":true},"
                + "\"id\":\"libvirt-12\"}";
        assertEquals(driver.monitorReply + "\n", shell.run("virt:qemu-monitor-command test query-status"));
        assertEquals("""
                {
                  "return": {
                    "status": "running",
                    "singlestep": false,
                    "running": true
                  },
                  "id": "libvirt-12"
                }
                """, shell.run("virt:qemu-monitor-command test query-status --pretty"));
        assertEquals("{\"status\":\"running\",\"singlestep\":false,\"running\":true}\n",
                shell.run("virt:qemu-monitor-command test query-status --return-value"));
        driver.monitorReply = "{\"return\":{},\"id\":\"libvirt-13\"}";
        assertEquals("{\n  \"return\": {\n\n  },\n  \"id\": \"libvirt-13\"\n}\n",
                shell.run("virt:qemu-monitor-command test stop --pretty"));
        assertEquals("{\n\n}\n", shell.run("virt:qemu-monitor-command test stop --pretty --return-value"));
        driver.monitorReply = "{\"error\":{\"class\":\"CommandNotFound\"}}";
        assertEquals("error: 'return' member missing\n", shell.run("virt:qemu-monitor-command test x --return-value"));
        driver.monitorReply = "VM status: running\r\n";
        assertEquals("VM status: running\r\n\n", shell.run("virt:qemu-monitor-command test --hmp info status"));
        assertEquals("VM status: running\r\n\n", shell.run("virt:qemu-monitor-command test x --pretty"));
        assertEquals("error: failed to parse JSON returned by qemu\n",
                shell.run("virt:qemu-monitor-command test x --return-value"));
    }

    @Test
    void monitorCommandsAreRefusedReadOnly() {
        assertEquals("error: operation forbidden: read only access prevents virDomainQemuMonitorCommand\n",
                shell.run("virt:qemu-monitor-command -r test query-status"));
        assertEquals(List.of(), driver.calls);
    }
}
