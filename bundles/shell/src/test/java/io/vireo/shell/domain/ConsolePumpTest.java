package io.vireo.shell.domain;

import io.vireo.api.ConsoleStream;
import io.vireo.shell.domain.ConsolePump.End;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console pump between a terminal and a guest, with the guest played through pipes: keys typed into
 * one pipe, the guest's side of the console in two others, the terminal a byte buffer.
 */
@Timeout(30)
class ConsolePumpTest {
    private static final long QUIET = 300;
    private static final long GRACE = 5_000;

    private final PipedConsole console = new PipedConsole();
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Thread pumpThread;
    /** Whether the pump's thread still had an interrupt pending when run() returned. */
    private final AtomicReference<Boolean> interruptedAfterRun = new AtomicReference<>();

    @AfterEach
    void cleanUp() throws IOException {
        keyboard.close();
        console.close();
    }

    /** Starts the pump on a thread of its own, as a command's thread runs it. */
    private CompletableFuture<End> start(ConsoleStream stream, long quiet, long grace) throws IOException {
        PipedInputStream keys = new PipedInputStream(keyboard, 64 * 1024);
        CompletableFuture<End> end = new CompletableFuture<>();
        pumpThread = new Thread(() -> {
            try {
                End e = new ConsolePump(stream, ConsoleKeys.of(keys), screen, quiet, grace).run();
                interruptedAfterRun.set(Thread.currentThread().isInterrupted());
                end.complete(e);
            } catch (Throwable t) {
                end.completeExceptionally(t);
            }
        }, "pump-under-test");
        pumpThread.start();
        return end;
    }

    private CompletableFuture<End> start() throws IOException {
        return start(console, QUIET, GRACE);
    }

    private void type(byte... bytes) throws IOException {
        keyboard.write(bytes);
        keyboard.flush();
    }

    private void type(String text) throws IOException {
        type(text.getBytes(StandardCharsets.UTF_8));
    }

    private void guestPrints(String text) throws IOException {
        console.guestWrites.write(text.getBytes(StandardCharsets.UTF_8));
        console.guestWrites.flush();
    }

    /** Exactly {@code n} bytes the guest received. */
    private byte[] guestReceives(int n) throws IOException {
        byte[] got = console.guestReads.readNBytes(n);
        assertEquals(n, got.length, "the guest's input ended early");
        return got;
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static End result(CompletableFuture<End> end) throws Exception {
        try {
            return end.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the console session did not end", e);
        }
    }

    @Test
    void everyByteTypedReachesTheGuestAsItIs() throws Exception {
        CompletableFuture<End> end = start();
        byte[] all = new byte[255];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (b != ConsolePump.ESCAPE) {
                all[n++] = (byte) b;
            }
        }
        // Ctrl-C, Ctrl-D, CR, LF, DEL and 8-bit bytes all go through untouched, one write at a time too.
        type(all);
        assertArrayEquals(all, guestReceives(all.length));
        for (byte b : "ls -l\r".getBytes(StandardCharsets.US_ASCII)) {
            type(b);
            assertArrayEquals(new byte[] {b}, guestReceives(1));
        }
        assertFalse(end.isDone());
        type((byte) ConsolePump.ESCAPE);
        assertEquals(End.DETACHED, result(end));
    }

    @Test
    void whatTheGuestPrintsReachesTheTerminal() throws Exception {
        CompletableFuture<End> end = start();
        guestPrints("Debian GNU/Linux 12 vm1 ttyS0\r\n\r\nvm1 login: ");
        await(() -> screen().equals("Debian GNU/Linux 12 vm1 ttyS0\r\n\r\nvm1 login: "), "the guest's output");
        type("root\r");
        assertEquals("root\r", new String(guestReceives(5), StandardCharsets.US_ASCII));
        guestPrints("root\r\nPassword: ");
        await(() -> screen().endsWith("vm1 login: root\r\nPassword: "), "the echo");
        type((byte) ConsolePump.ESCAPE);
        assertEquals(End.DETACHED, result(end));
    }

    @Test
    void ctrlBracketDetachesAndClosesTheStream() throws Exception {
        CompletableFuture<End> end = start();
        // What precedes the escape in the same read still goes to the guest; what follows it does not.
        type(new byte[] {'a', 'b', ConsolePump.ESCAPE, 'c', 'd'});
        assertEquals(End.DETACHED, result(end));
        assertTrue(console.isClosed());
        assertEquals("ab", new String(console.guestReads.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals("", screen());
    }

    @Test
    void ctrlBracketDetachesWhileTheGuestFloodsTheTerminal() throws Exception {
        CompletableFuture<End> end = start();
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread guest = new Thread(() -> {
            byte[] line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n"
                    .repeat(50).getBytes(StandardCharsets.US_ASCII);
            try {
                while (true) {
                    console.guestWrites.write(line);
                }
            } catch (IOException closed) {
                flooding.set(false);
            }
        }, "flooding-guest");
        guest.start();
        await(() -> screen.size() > 1_000_000, "a flood of output");
        long typed = System.nanoTime();
        type((byte) ConsolePump.ESCAPE);
        assertEquals(End.DETACHED, result(end));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - typed);
        assertTrue(millis < 2_000, "detaching took " + millis + " ms");
        assertTrue(console.isClosed());
        guest.join(5_000);
        assertFalse(flooding.get(), "the guest's side is closed");
    }

    @Test
    void theGuestClosingTheConsoleEndsTheSession() throws Exception {
        CompletableFuture<End> end = start();
        guestPrints("reboot: Power down\r\n");
        console.guestWrites.close();
        assertEquals(End.GUEST_CLOSED, result(end));
        assertEquals("reboot: Power down\r\n", screen());
        assertTrue(console.isClosed());
    }

    @Test
    void whenTheInputEndsTheGuestsAnswerIsStillShown() throws Exception {
        CompletableFuture<End> end = start();
        type("uname\r");
        keyboard.close();
        long ended = System.nanoTime();
        assertEquals("uname\r", new String(guestReceives(6), StandardCharsets.US_ASCII));
        // The answer comes later than the input's end but within the quiet time.
        Thread.sleep(QUIET / 2);
        guestPrints("uname\r\nLinux\r\n# ");
        assertEquals(End.INPUT_ENDED, result(end));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
        assertEquals("uname\r\nLinux\r\n# ", screen());
        assertTrue(millis >= QUIET + QUIET / 2, "ended " + millis + " ms after the input");
        assertTrue(console.isClosed());
    }

    @Test
    void aGuestThatNeverStopsTalkingIsCutOffAfterTheGracePeriod() throws Exception {
        CompletableFuture<End> end = start(console, 300, 1_000);
        AtomicBoolean talking = new AtomicBoolean(true);
        Thread guest = new Thread(() -> {
            try {
                while (talking.get()) {
                    guestPrints(".");
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException closed) {
                // the session is over
            }
        }, "talking-guest");
        guest.start();
        keyboard.close();
        long ended = System.nanoTime();
        assertEquals(End.INPUT_ENDED, result(end));
        talking.set(false);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
        assertTrue(millis >= 900 && millis < 3_000, "ended " + millis + " ms after the input");
        guest.join(5_000);
    }

    @Test
    void anEscapeInPipedInputDetachesAtOnce() throws Exception {
        CompletableFuture<End> end = start();
        type(new byte[] {'q', '\r', ConsolePump.ESCAPE});
        keyboard.close();
        assertEquals(End.DETACHED, result(end));
        assertEquals("q\r", new String(console.guestReads.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void anInterruptEndsTheSessionAndIsClearedForTheTerminalsSake() throws Exception {
        CompletableFuture<End> end = start();
        Thread.sleep(200);
        pumpThread.interrupt();
        assertEquals(End.INTERRUPTED, result(end));
        assertTrue(console.isClosed());
        assertEquals(Boolean.FALSE, interruptedAfterRun.get());
    }

    @Test
    void aFailingConsoleIsAnErrorNotAnEnd() throws Exception {
        ConsoleStream broken = new ConsoleStream() {
            @Override
            public InputStream input() {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset by peer");
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        throw new IOException("Connection reset by peer");
                    }
                };
            }

            @Override
            public OutputStream output() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void close() {
            }
        };
        CompletableFuture<End> end = start(broken, QUIET, GRACE);
        ExecutionException e = assertThrows(ExecutionException.class, () -> end.get(10, TimeUnit.SECONDS));
        assertEquals("Connection reset by peer", e.getCause().getMessage());
    }
}
