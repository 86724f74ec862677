package io.vireo.driver.kvm;

import io.vireo.api.DomainState;
import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainRef;
import io.vireo.driver.support.domain.GuestDomains;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real VMM through the real launcher (bin/vireo-vmm in a distribution-shaped directory), where the
 * host lets it run: failures to start come back as the VMM wrote them, and nothing is left running.
 * Booting guests is KvmNestedScenarioTest's.
 */
class RealVmmLauncherTest {
    Path dir;
    Harness h;
    GuestDomains table;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "kvmr");
        Path launcher = VmmHome.create(dir.resolve("home"));
        h = new Harness(dir.resolve("config"), dir.resolve("run"), List.of(launcher.toString()), Duration.ofSeconds(60));
        table = h.open();
    }

    @AfterEach
    void tearDown() {
        h.killRecorded();
        Harness.deleteTree(dir);
    }

    private VirtException failedStart(Path kernel) {
        DomainRef ref = table.define(Harness.xml("vm1", kernel, null, "console=ttyS0", "restart", null), 0);
        VirtException e = assertThrows(VirtException.class, () -> table.start(ref.uuid(), 0));
        assertEquals(DomainState.SHUTOFF, table.state(ref.uuid()).state());
        assertTrue(h.recordedProcesses().isEmpty());
        assertFalse(Files.exists(h.run.resolve("vm1.status")));
        assertFalse(Files.exists(h.run.resolve("vm1.monitor")));
        return e;
    }

    @Test
    void aKernelTheVmmCannotLoadFailsTheStartWithTheVmmsWords() throws Exception {
        Path kernel = dir.resolve("not-a-kernel");
        Files.write(kernel, new byte[4096]);
        VirtException e = failedStart(kernel);
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("internal error: process exited while connecting to monitor: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("vireo-vmm: "), e.getMessage());
        assertTrue(e.getMessage().contains("(see " + h.run.resolve("vm1.log") + ")"), e.getMessage());
    }

    @Test
    void withoutDevKvmTheStartSaysSo() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/kvm")), "this host has /dev/kvm");
        Path probe = Path.of(System.getProperty("user.home"), ".cache/vireo-guest/probe/bzImage");
        Assumptions.assumeTrue(Files.exists(probe), "no probe kernel built (tools/guest/build-probe.sh)");
        VirtException e = failedStart(probe);
        assertTrue(e.getMessage().contains("/dev/kvm"), e.getMessage());
    }

    @Test
    void aDistributionWithoutTheVmmJarSaysWhatIsMissing() throws Exception {
        Harness.deleteTree(dir.resolve("home/system"));
        VirtException e = failedStart(dir.resolve("whatever"));
        assertTrue(e.getMessage().contains("io.vireo.kvm.vmm or jna is missing from " + dir.resolve("home/system")),
                e.getMessage());
    }
}
