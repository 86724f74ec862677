package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock virt-install against a Vireo server: it reads capabilities and domain capabilities, looks up
 * networks, defines the domain and starts it. Skipped, loudly, when virt-install is not installed.
 */
class VirtInstallTest {
    static final Path VIRT_INSTALL = Path.of("/usr/bin/virt-install");

    @TempDir
    Path work;

    @Test
    void importsADomain() throws Exception {
        if (!Files.isExecutable(VIRT_INSTALL)) {
            System.err.println("*** VirtInstallTest SKIPPED: " + VIRT_INSTALL
                + " is not installed (apt-get install virtinst, or tools/setup-test-deps.sh)");
        }
        Processes.require(VIRT_INSTALL, "the test drives the real virt-install");
        try (ServerFixture f = new ServerFixture()) {
            long t0 = System.nanoTime();
            Processes.Result r = Processes.run(List.of(VIRT_INSTALL.toString(), "--connect", f.tcpUri(),
                "--name", "vi1", "--memory", "64", "--disk", "none", "--import",
                "--osinfo", "detect=on,require=off", "--noautoconsole"), work, 60);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.err.println("virt-install took " + ms + " ms");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("Domain creation completed"), r.toString());
            try (Connection c = f.stack.factory.open("test:///default", true, "check")) {
                Domain vi1 = c.lookupDomainByName("vi1");
                assertEquals(DomainState.RUNNING, vi1.state().state());
                assertEquals(65536, vi1.info().maxMemoryKiB());
            }
        }
    }
}
