package io.vireo.driver.support.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vireo.driver.support.process.GuestProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real QEMU's QMP (a machine with no devices, so it starts in milliseconds). */
class JsonLineClientTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private GuestProcess qemu;

    @BeforeEach
    void startQemu() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")),
                "SKIPPED LOUDLY: qemu-system-x86_64 is not installed (tools/guest/setup-deps.sh installs it)");
        Path sock = dir.resolve("qmp.sock");
        qemu = GuestProcess.launch(List.of("qemu-system-x86_64", "-M", "none", "-S", "-display", "none",
                "-nodefaults", "-no-user-config", "-qmp", "unix:" + sock + ",server=on,wait=off"),
                dir.resolve("qemu.log"), Map.of());
    }

    @AfterEach
    void stopQemu() throws Exception {
        if (qemu != null) {
            qemu.terminate(Duration.ofSeconds(5));
        }
    }

    private JsonLineClient connect(LinkedBlockingQueue<ObjectNode> events, CountDownLatch closed) throws Exception {
        JsonLineClient c = JsonLineClient.connect(dir.resolve("qmp.sock"), T, "test");
        c.start(events::add, closed::countDown);
        c.execute("qmp_capabilities", null, T);
        return c;
    }

    @Test
    void greetsRepliesByIdAndPushesEvents() throws Exception {
        LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
        CountDownLatch closed = new CountDownLatch(1);
        try (JsonLineClient c = connect(events, closed)) {
            assertTrue(c.greeting().has("QMP"), c.greeting().toString());
            assertEquals("prelaunch", c.execute("query-status", null, T).path("status").asText());
            c.execute("cont", null, T);
            ObjectNode ev = events.poll(10, TimeUnit.SECONDS);
            assertEquals("RESUME", ev.path("event").asText());
            assertEquals("running", c.execute("query-status", null, T).path("status").asText());
        }
    }

    @Test
    void errorRepliesCarryTheirClass() throws Exception {
        try (JsonLineClient c = connect(new LinkedBlockingQueue<>(), new CountDownLatch(1))) {
            MonitorException e = assertThrows(MonitorException.class, () -> c.execute("no-such-command", null, T));
            assertEquals("CommandNotFound", e.errorClass());
            ObjectNode args = JsonLineClient.arguments().put("id", "nothing-here");
            e = assertThrows(MonitorException.class, () -> c.execute("device_del", args, T));
            assertEquals("DeviceNotFound", e.errorClass(), e.getMessage());
            // Still usable after errors.
            JsonNode status = c.execute("query-status", null, T);
            assertTrue(status.has("status"));
        }
    }

    @Test
    void theEndOfTheProcessRunsTheCloseListenerAndFailsCalls() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        JsonLineClient c = connect(new LinkedBlockingQueue<>(), closed);
        c.execute("quit", null, T);
        assertTrue(closed.await(10, TimeUnit.SECONDS), "close listener ran when QEMU ended");
        MonitorException e = assertThrows(MonitorException.class, () -> c.execute("query-status", null, T));
        assertEquals(MonitorException.DISCONNECTED, e.errorClass());
    }

    @Test
    void closingOnPurposeLeavesTheProcessAndSkipsTheCloseListener() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        JsonLineClient c = connect(new LinkedBlockingQueue<>(), closed);
        c.close();
        assertTrue(!closed.await(300, TimeUnit.MILLISECONDS), "close listener must not run on a deliberate close");
        assertTrue(qemu.isAlive());
        try (JsonLineClient again = connect(new LinkedBlockingQueue<>(), new CountDownLatch(1))) {
            assertEquals("prelaunch", again.execute("query-status", null, T).path("status").asText());
        }
    }
}
