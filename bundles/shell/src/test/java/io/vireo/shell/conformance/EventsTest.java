package io.vireo.shell.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands drive the real core and test driver: every state change reaches the event bus. */
class EventsTest {
    @TempDir
    Path work;

    @Test
    void lifecycleCommandsPostLibvirtsEvents() throws InterruptedException {
        try (VireoShell shell = new VireoShell(work)) {
            shell.run("virt:suspend test");
            shell.run("virt:resume test");
            shell.run("virt:destroy test");
            shell.run("virt:start test");
            shell.run("virt:suspend test"); // twice: the second fails and posts nothing
            shell.run("virt:suspend test");
            shell.run("virt:net-destroy default");
            shell.run("virt:pool-destroy default-pool");
            assertEquals(List.of("io/vireo/domain/SUSPENDED", "io/vireo/domain/RESUMED", "io/vireo/domain/STOPPED",
                    "io/vireo/domain/STARTED", "io/vireo/domain/SUSPENDED", "io/vireo/network/STOPPED",
                    "io/vireo/storage/pool/STOPPED"), shell.events().topics(7));
            Event stopped = shell.events().events().get(2);
            assertEquals("test", stopped.getProperty("name"));
            assertEquals("6695eb01-f6a4-8304-79aa-97f2502e193f", stopped.getProperty("uuid"));
            assertEquals("test:///default", stopped.getProperty("uri"));
            assertEquals(1, stopped.getProperty("detail"), "VIR_DOMAIN_EVENT_STOPPED_DESTROYED");
            assertTrue(shell.unexpected().isEmpty());
        }
    }

    @Test
    void errorsArePrintedNeverThrown() {
        try (VireoShell shell = new VireoShell(work)) {
            assertEquals("error: failed to get domain 'nosuch'\n", shell.run("virt:dominfo nosuch"));
            shell.run("virt:destroy test");
            assertEquals("error: Failed to suspend domain 'test'\nerror: internal error: domain 'test' not running\n",
                    shell.run("virt:suspend test"));
            assertEquals("error: Failed to open file '/nonexistent/x.xml': No such file or directory\n",
                    shell.run("virt:define /nonexistent/x.xml"));
            assertTrue(shell.unexpected().isEmpty(), "no stack trace: " + shell.unexpected());
        }
    }

    @Test
    void readOnlyConnectionsRefuseChanges() {
        try (VireoShell shell = new VireoShell(work)) {
            assertEquals("error: Failed to destroy domain 'test'\n"
                    + "error: operation forbidden: read only access prevents virDomainDestroyFlags\n",
                    shell.run("virt:destroy test --readonly"));
            assertTrue(shell.run("virt:list --readonly").contains("running"));
            shell.run("virt:connect --readonly");
            assertTrue(shell.run("virt:suspend test").contains("read only access prevents virDomainSuspend"));
            shell.run("virt:connect test:///default");
            assertEquals("Domain 'test' suspended\n\n", shell.run("virt:suspend test"));
        }
    }
}
