package io.vireo.driver.support.console;

import io.vireo.api.ConsoleStream;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.support.process.GuestProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a real QEMU serving its human monitor on a socket chardev: it answers what is typed, which is
 * all a console session needs to show.
 */
class ConsoleSocketsTest {
    @TempDir
    Path dir;
    private GuestProcess qemu;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")),
                "SKIPPED LOUDLY: qemu-system-x86_64 is not installed (tools/guest/setup-deps.sh installs it)");
        socket = dir.resolve("console.sock");
        qemu = GuestProcess.launch(List.of("qemu-system-x86_64", "-M", "none", "-S", "-display", "none",
                "-nodefaults", "-no-user-config", "-chardev", "socket,id=c0,path=" + socket + ",server=on,wait=off",
                "-mon", "chardev=c0,mode=readline"), dir.resolve("qemu.log"), Map.of());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (qemu != null) {
            qemu.terminate(Duration.ofSeconds(5));
        }
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            assertTrue(System.nanoTime() < deadline, "no '" + marker + "' in " + seen);
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            seen.write(buf, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneSessionAtATimeAndForceTakesOver() throws Exception {
        ConsoleSockets consoles = new ConsoleSockets(ErrorDomain.QEMU);
        ConsoleStream first = consoles.open(socket, false);
        assertTrue(readUntil(first.input(), "(qemu)").contains("QEMU"));
        // Typing while another thread waits on the guest's output: no lock between the two directions.
        Thread reader = new Thread(() -> {
            try {
                readUntil(first.input(), "never comes");
            } catch (Throwable ignored) {
                // ends when the session is taken over
            }
        });
        first.output().write("info status\n".getBytes(StandardCharsets.UTF_8));
        first.output().flush();
        VirtException busy = assertThrows(VirtException.class, () -> consoles.open(socket, false));
        assertEquals(ErrorCode.OPERATION_FAILED, busy.code());
        assertTrue(busy.getMessage().endsWith("Active console session exists for this domain"), busy.getMessage());
        reader.start();
        ConsoleStream second = consoles.open(socket, true);
        reader.join(5000);
        assertTrue(!reader.isAlive(), "the first session's input ended");
        second.output().write("info status\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(readUntil(second.input(), "VM status: paused").contains("VM status"));
        second.close();
        consoles.open(socket, false).close();
    }
}
