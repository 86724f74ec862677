package io.vireo.shell.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session keeps its connection while it lives (as a virsh session does) and lets it go when it is gone. */
class SessionConnectionsTest {
    @TempDir
    Path work;

    @Test
    void connectionsOfFinishedSessionsAreClosed() throws Exception {
        try (VireoShell shell = new VireoShell(work)) {
            shell.run("virt:list");
            int base = shell.openConnections();
            shell.run("virt:list");
            assertEquals(base, shell.openConnections(), "the session reuses its connection");
            for (int i = 0; i < 20; i++) {
                shell.runInOwnSession("virt:list --all");
            }
            long deadline = System.currentTimeMillis() + 20_000;
            while (shell.openConnections() > base && System.currentTimeMillis() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(base, shell.openConnections(), "the 20 finished sessions' connections were closed");
            assertTrue(shell.run("virt:list").contains("test"), "the live session's connection still works");
        }
    }
}
