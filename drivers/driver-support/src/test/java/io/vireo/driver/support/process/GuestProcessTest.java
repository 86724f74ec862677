package io.vireo.driver.support.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestProcessTest {
    @TempDir
    Path dir;

    @Test
    void parsesStatWithSpacesAndParenthesesInTheName() {
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 130 0 0 20 0 3 0 987654 "
                + "123456 789 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat s = ProcStat.parse(4242, line);
        assertEquals('S', s.state());
        assertEquals(1, s.ppid());
        assertEquals(250, s.userTicks());
        assertEquals(130, s.systemTicks());
        assertEquals(987654, s.startTicks());
        assertEquals(3_800_000_000L, s.cpuTimeNanos());
        assertFalse(s.ended());
    }

    @Test
    void launchesInItsOwnSessionAndIsFoundAgainByPidAndStartTime() throws Exception {
        Path log = dir.resolve("guest.log");
        GuestProcess p = GuestProcess.launch(List.of("sh", "-c", "echo started; exec sleep 60"), log, Map.of());
        try {
            // The shell may not have run its echo yet (a loaded machine): a SIGTERM before it would lose the line.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).contains("started")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(p.isAlive());
            // Its own session: the session ID (field 6 of stat) is its own PID.
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(p.pid()), f[3], "session id");
            assertTrue(GuestProcess.find(p.pid(), p.startTicks()).isPresent());
            assertTrue(GuestProcess.find(p.pid(), p.startTicks() + 1).isEmpty(), "another start time is another process");
        } finally {
            p.terminate(Duration.ofSeconds(5));
        }
        assertFalse(p.isAlive());
        assertTrue(GuestProcess.find(p.pid(), p.startTicks()).isEmpty());
        assertTrue(Files.readString(log).contains("started"));
    }

    @Test
    void terminateFallsBackToSigkill() throws Exception {
        GuestProcess p = GuestProcess.launch(List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"),
                dir.resolve("stubborn.log"), Map.of());
        try {
            // Wait until the trap is set, else SIGTERM may land before it.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.readString(dir.resolve("stubborn.log")).contains("ready") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            p.terminate(Duration.ofMillis(300));
            assertFalse(p.isAlive());
            assertTrue(System.nanoTime() - start >= 300_000_000L, "SIGTERM was ignored, so the grace period passed");
        } finally {
            p.signal(true);
        }
    }
}
