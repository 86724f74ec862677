package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.Connection;
import io.vireo.api.ConsoleStream;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.DomainProcs.OpenConsoleArgs;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.RemoteError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consoles over the wire (DOMAIN_OPEN_CONSOLE and libvirt's stream protocol), on a server whose
 * {@code qemu:///system} is {@link EchoConsoleDriver}: stock virsh on a pseudo-terminal, the protocol
 * packet by packet (data both ways, finish, abort, the guest hanging up, errors, packets of unknown
 * streams, keepalive and back-pressure both ways), and Vireo's own client.
 */
class ConsoleStreamTest {
    static final String QEMU = "qemu:///system";

    @TempDir
    static Path work;
    static Path ptySession;

    EchoConsoleDriver driver;
    ServerFixture f;
    NonnullDomain test;

    @BeforeAll
    static void script() throws IOException {
        ptySession = work.resolve("pty_session.py");
        try (InputStream in = ConsoleStreamTest.class.getResourceAsStream("/console/pty_session.py")) {
            Files.copy(in, ptySession);
        }
    }

    /**
     * With virsh, which answers pings, the server pings every second and gives up after three unanswered:
     * the console sessions below sit idle longer than that. (The packet-level tests answer no pings, so they
     * keep the default five seconds.)
     */
    @BeforeEach
    void start(TestInfo info) throws IOException {
        driver = new EchoConsoleDriver();
        Map<String, Object> config = info.getTestMethod().orElseThrow().getName().startsWith("virsh")
            ? Map.of("keepalive_interval", 1, "keepalive_count", 3) : Map.of();
        f = ServerFixture.withDrivers(config, Map.of(driver, EchoConsoleDriver.PROPERTIES));
        try (Connection c = f.stack.factory.open(QEMU, false, "setup")) {
            Domain d = c.lookupDomainByName("test");
            test = new NonnullDomain(d.name(), d.uuid(), d.id());
        }
    }

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    String qemuTcp() {
        return "qemu+tcp://127.0.0.1:" + f.port() + "/system";
    }

    /**
     * virsh console on a pseudo-terminal: idle for a while (server pings answered, the session stays), then
     * a command typed at the guest, its answer, Ctrl-] to detach.
     */
    @Test
    void virshConsoleOnAPty() throws Exception {
        Processes.require(Processes.VIRSH, "the test drives the real virsh");
        Processes.require(Processes.PYTHON, "the pseudo-terminal is python3's pty module");
        Processes.Result r = Processes.run(List.of(Processes.PYTHON.toString(), ptySession.toString(),
            "--expect", "Escape character is ^] (Ctrl + ])",
            "--sleep", "5",
            "--type", "echo hello-from-virsh\\r",
            "--expect", "hello-from-virsh\\r\\n# ",
            "--type", "\\x1d",
            "--", Processes.VIRSH.toString(), "-c", qemuTcp(), "console", "test"), work, 60);
        System.out.println("virsh console transcript:\n" + r.out());
        assertEquals("exit 0\n", r.err(), r.toString());
        assertEquals("Connected to domain 'test'\r\nEscape character is ^] (Ctrl + ])\r\n"
            + "echo hello-from-virsh\r\nhello-from-virsh\r\n# \r\n", withoutPolkitNotice(r.out()));
        EchoConsoleDriver.Guest g = driver.guests.get(test.uuid());
        assertTrue(g.awaitClosedByClient(5), "detaching closed the session");
        assertEquals("echo hello-from-virsh\r", new String(g.received(), StandardCharsets.US_ASCII));
        DispatcherTest.await(() -> f.server.sessions().stream().allMatch(s -> s.streams().size() == 0),
            "the stream to be forgotten");
    }

    /** The guest going away (it stopped) ends virsh console without a word, as with libvirtd. */
    @Test
    void virshConsoleEndsWhenTheGuestHangsUp() throws Exception {
        Processes.require(Processes.VIRSH, "the test drives the real virsh");
        Processes.require(Processes.PYTHON, "the pseudo-terminal is python3's pty module");
        Thread hangUp = new Thread(() -> {
            try {
                EchoConsoleDriver.Guest g = driver.await(test.uuid());
                Thread.sleep(500);
                g.hangUp();
            } catch (InterruptedException ignored) {
                // test over
            }
        });
        hangUp.start();
        Processes.Result r = Processes.run(List.of(Processes.PYTHON.toString(), ptySession.toString(),
            "--expect", "Escape character is ^] (Ctrl + ])",
            "--", Processes.VIRSH.toString(), "-c", qemuTcp(), "console", "test"), work, 60);
        hangUp.join();
        assertEquals("exit 0\n", r.err(), r.toString());
        assertEquals("Connected to domain 'test'\r\nEscape character is ^] (Ctrl + ])\r\n\r\n",
            withoutPolkitNotice(r.out()));
        DispatcherTest.await(() -> f.server.sessions().stream().allMatch(s -> s.streams().size() == 0),
            "the stream to be forgotten");
    }

    /**
     * Refusals read as against libvirt itself: the read-only socket and the test driver (no console support)
     * give, word for word, what {@code virsh -r -c test:///default console test} and
     * {@code virsh -c test:///default console test} print; a domain that is not running is refused by virsh.
     */
    @Test
    void virshConsoleErrorsAreLibvirtsWords() throws Exception {
        Processes.require(Processes.VIRSH, "the test drives the real virsh");
        Processes.require(Processes.PYTHON, "the pseudo-terminal is python3's pty module");
        Processes.Result ro = onPty("-c", "qemu+unix:///system?socket=" + f.socket(true), "console", "test");
        Processes.Result roLocal = onPty("-r", "-c", "test:///default", "console", "test");
        assertEquals(withoutPolkitNotice(roLocal.out()), withoutPolkitNotice(ro.out()));
        assertEquals("Connected to domain 'test'\r\nEscape character is ^] (Ctrl + ])\r\n"
            + "error: operation forbidden: read only access prevents virDomainOpenConsole\r\n\r\n",
            withoutPolkitNotice(ro.out()));
        assertEquals("exit 1\n", ro.err());

        Processes.Result none = onPty("-c", f.tcpUri(), "console", "test");
        Processes.Result noneLocal = onPty("-c", "test:///default", "console", "test");
        assertEquals(withoutPolkitNotice(noneLocal.out()), withoutPolkitNotice(none.out()));
        assertTrue(none.out().contains("error: this function is not supported by the connection driver: "
            + "virDomainOpenConsole"), none.toString());

        try (Connection c = f.stack.factory.open(QEMU, false, "setup")) {
            c.lookupDomainByName("test").destroy(0);
        }
        Processes.Result off = onPty("-c", qemuTcp(), "console", "test");
        assertEquals("error: The domain is not running\r\n\r\n", withoutPolkitNotice(off.out()), off.toString());
        assertEquals("exit 1\n", off.err());
    }

    private Processes.Result onPty(String... virshArgs) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Processes.PYTHON.toString(), ptySession.toString(), "--",
            Processes.VIRSH.toString()));
        cmd.addAll(List.of(virshArgs));
        return Processes.run(cmd, work, 60);
    }

    /**
     * virsh on a terminal tries to start a polkit agent and says so when there is none; it does that against
     * libvirt's own local driver too, before it connects, so it is no part of what is compared.
     */
    static String withoutPolkitNotice(String terminal) {
        return terminal.replace("Authorization not available. Check if polkit service is running or see debug"
            + " message for more information.\r\n", "");
    }

    // The protocol, packet by packet

    private TestClient client() throws IOException {
        return TestClient.tcp(f.port()).handshake(QEMU, 0);
    }

    private int open(TestClient c, String device, int flags) throws IOException {
        int serial = c.nextSerial();
        c.send(MessageCodec.encode(Header.call(Procedure.DOMAIN_OPEN_CONSOLE, serial),
            new OpenConsoleArgs(test, device, flags)));
        Packet reply = c.reply(serial);
        TestClient.ok(reply);
        return serial;
    }

    private static byte[] stream(int serial, MessageStatus status, byte[] data) {
        return MessageCodec.encodeRaw(new Header(Program.REMOTE, Program.VERSION,
            Procedure.DOMAIN_OPEN_CONSOLE.number(), MessageType.STREAM, serial, status), data, 0, data.length);
    }

    /** The next packet that is not a keepalive or event. */
    private static Packet next(TestClient c) throws IOException {
        while (true) {
            Packet p = c.read(TestClient.TIMEOUT_MS);
            assertNotNull(p, "no packet within " + TestClient.TIMEOUT_MS + " ms");
            if (p.header().type() != MessageType.MESSAGE) {
                return p;
            }
        }
    }

    /** Stream data until {@code text} has arrived; each packet checked to belong to the stream. */
    private static String readUntil(TestClient c, int serial, String text) throws IOException {
        StringBuilder got = new StringBuilder();
        while (!got.toString().contains(text)) {
            Packet p = next(c);
            assertEquals(MessageType.STREAM, p.header().type(), p.toString());
            assertEquals(MessageStatus.CONTINUE, p.header().status(), p.toString());
            assertEquals(serial, p.header().serial());
            assertEquals(Procedure.DOMAIN_OPEN_CONSOLE.number(), p.header().procedure());
            assertTrue(p.payload().length > 0, "no end of stream before " + text + ", got " + got);
            got.append(new String(p.payload(), StandardCharsets.US_ASCII));
        }
        return got.toString();
    }

    @Test
    void dataBothWaysThenFinishIsConfirmedAndClosesTheSession() throws Exception {
        try (TestClient c = client()) {
            int s = open(c, null, 0);
            c.send(stream(s, MessageStatus.CONTINUE, "echo one\r".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("echo one\r\none\r\n# ", readUntil(c, s, "# "));
            c.send(stream(s, MessageStatus.OK, new byte[0]));
            Packet confirm = next(c);
            assertEquals(new Header(Program.REMOTE, Program.VERSION, Procedure.DOMAIN_OPEN_CONSOLE.number(),
                MessageType.STREAM, s, MessageStatus.OK), confirm.header());
            assertEquals(0, confirm.payload().length);
            assertTrue(driver.guests.get(test.uuid()).awaitClosedByClient(5));
            // The connection carries on; data for the finished stream is dropped without a word.
            c.send(stream(s, MessageStatus.CONTINUE, "late".getBytes(StandardCharsets.US_ASCII)));
            TestClient.ok(c.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test")));
        }
    }

    @Test
    void abortIsConfirmedWithOkAndClosesTheSession() throws Exception {
        try (TestClient c = client()) {
            int s = open(c, "serial0", 0);
            c.send(stream(s, MessageStatus.ERROR, new byte[0]));
            Packet confirm = next(c);
            assertEquals(MessageType.STREAM, confirm.header().type());
            assertEquals(MessageStatus.OK, confirm.header().status());
            assertEquals(0, confirm.payload().length);
            assertTrue(driver.guests.get(test.uuid()).awaitClosedByClient(5));
            // The console is free again: a new session opens without FORCE.
            int again = open(c, null, 0);
            c.send(stream(again, MessageStatus.CONTINUE, "\r".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("\r\n# ", readUntil(c, again, "# "));
        }
    }

    @Test
    void guestHangingUpIsAnEmptyContinueAndTheStreamWaitsForTheClientsFinish() throws Exception {
        try (TestClient c = client()) {
            int s = open(c, null, 0);
            driver.guests.get(test.uuid()).hangUp();
            Packet end = next(c);
            assertEquals(MessageType.STREAM, end.header().type());
            assertEquals(MessageStatus.CONTINUE, end.header().status(), "never an unasked OK");
            assertEquals(0, end.payload().length);
            assertEquals(1, f.server.sessions().get(0).streams().size(), "known until the client ends it");
            c.send(stream(s, MessageStatus.OK, new byte[0]));
            Packet confirm = next(c);
            assertEquals(MessageStatus.OK, confirm.header().status());
            assertEquals(s, confirm.header().serial());
            DispatcherTest.await(() -> f.server.sessions().get(0).streams().size() == 0, "the stream forgotten");
        }
    }

    /** A failure on the guest side is a STREAM/ERROR with the error; the stream is forgotten after it. */
    @Test
    void aBrokenGuestSideIsAStreamError() throws Exception {
        try (TestClient c = client()) {
            int s = open(c, null, 0);
            driver.guests.get(test.uuid()).reset();
            Packet err = next(c);
            assertEquals(new Header(Program.REMOTE, Program.VERSION, Procedure.DOMAIN_OPEN_CONSOLE.number(),
                MessageType.STREAM, s, MessageStatus.ERROR), err.header());
            RemoteError e = err.decodePayload(RemoteError::decode);
            assertEquals(ErrorCode.SYSTEM_ERROR.value(), e.code());
            assertEquals(ErrorDomain.STREAMS.value(), e.domain());
            assertTrue(e.message().startsWith("cannot read from the console of domain 'test': "), e.message());
            DispatcherTest.await(() -> f.server.sessions().get(0).streams().size() == 0, "the stream forgotten");
            // An abort the client sent meanwhile finds nothing and gets no answer; the connection carries on.
            c.send(stream(s, MessageStatus.ERROR, new byte[0]));
            Packet reply = c.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test"));
            assertEquals(MessageType.REPLY, reply.header().type());
        }
    }

    @Test
    void openErrorsAreTheCallsErrorReply() throws Exception {
        try (TestClient c = client()) {
            int s = open(c, null, 0);
            Packet busy = c.call(Procedure.DOMAIN_OPEN_CONSOLE, new OpenConsoleArgs(test, null, 0));
            RemoteError e = TestClient.error(busy);
            assertEquals(ErrorCode.OPERATION_FAILED.value(), e.code());
            assertEquals(ErrorDomain.QEMU.value(), e.domain());
            assertEquals("operation failed: Active console session exists for this domain", e.message());
            RemoteError dev = TestClient.error(c.call(Procedure.DOMAIN_OPEN_CONSOLE,
                new OpenConsoleArgs(test, "serial7", DomainFlags.CONSOLE_FORCE)));
            assertEquals("internal error: cannot find character device serial7", dev.message());

            // FORCE takes the console over: the first stream ends (its end may come before or after the
            // reply to the call that ended it), the new one works.
            int forced = c.nextSerial();
            c.send(MessageCodec.encode(Header.call(Procedure.DOMAIN_OPEN_CONSOLE, forced),
                new OpenConsoleArgs(test, null, DomainFlags.CONSOLE_FORCE)));
            Packet end = null;
            boolean replied = false;
            while (!replied || end == null) {
                Packet p = next(c);
                if (p.header().type() == MessageType.REPLY) {
                    assertEquals(forced, p.header().serial());
                    TestClient.ok(p);
                    replied = true;
                } else {
                    assertNull(end, "one end of the first stream");
                    end = p;
                }
            }
            assertEquals(MessageType.STREAM, end.header().type());
            assertEquals(s, end.header().serial());
            assertEquals(MessageStatus.CONTINUE, end.header().status());
            assertEquals(0, end.payload().length);
            c.send(stream(forced, MessageStatus.CONTINUE, "echo two\r".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("echo two\r\ntwo\r\n# ", readUntil(c, forced, "# "));

            TestClient.ok(c.call(Procedure.DOMAIN_DESTROY, new DomainArgs(test)));
            RemoteError notRunning = TestClient.error(c.call(Procedure.DOMAIN_OPEN_CONSOLE,
                new OpenConsoleArgs(test, null, 0)));
            assertEquals(ErrorCode.OPERATION_INVALID.value(), notRunning.code());
        }
        try (TestClient ro = TestClient.unix(f.socket(true)).handshake(QEMU, 0)) {
            RemoteError denied = TestClient.error(ro.call(Procedure.DOMAIN_OPEN_CONSOLE,
                new OpenConsoleArgs(test, null, 0)));
            assertEquals(ErrorCode.OPERATION_DENIED.value(), denied.code());
            assertEquals("operation forbidden: read only access prevents virDomainOpenConsole", denied.message());
        }
        try (TestClient t = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            RemoteError none = TestClient.error(t.call(Procedure.DOMAIN_OPEN_CONSOLE,
                new OpenConsoleArgs(test, null, 0)));
            assertEquals(ErrorCode.NO_SUPPORT.value(), none.code());
        }
    }

    @Test
    void packetsOfUnknownStreamsAreDroppedAndTheConnectionStays() throws Exception {
        try (TestClient c = client()) {
            c.send(stream(4711, MessageStatus.CONTINUE, "nobody".getBytes(StandardCharsets.US_ASCII)));
            c.send(stream(4712, MessageStatus.OK, new byte[0]));
            c.send(stream(4713, MessageStatus.ERROR, new byte[0]));
            Packet reply = c.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test"));
            assertEquals(MessageType.REPLY, reply.header().type(), "nothing answered the stray packets");
            assertEquals("test", reply.decodePayload(DomainRet::decode).dom().name());
        }
    }

    @Test
    void closingTheConnectionClosesTheSession() throws Exception {
        TestClient c = client();
        open(c, null, 0);
        EchoConsoleDriver.Guest g = driver.guests.get(test.uuid());
        c.close();
        assertTrue(g.awaitClosedByClient(5));
        try (TestClient again = client()) {
            open(again, null, 0); // free again, without FORCE
        }
    }

    /**
     * The guest writes 24 MiB while the client reads nothing: the server queues at most about a megabyte of
     * it (the rest waits in the guest), keeps serving other clients, answers this client's pings; then the
     * client reads every byte, in order.
     */
    @Test
    void guestOutputIsCappedWhileTheClientDoesNotReadAndArrivesWhole() throws Exception {
        int total = 24 * 1024 * 1024;
        try (TestClient c = client()) {
            int s = open(c, null, 0);
            EchoConsoleDriver.Guest g = driver.guests.get(test.uuid());
            Thread flood = new Thread(() -> {
                try {
                    g.flood(total);
                } catch (IOException ignored) {
                    // the test failed elsewhere
                }
            });
            flood.start();
            Thread.sleep(1500);
            ConsoleBridge bridge = (ConsoleBridge) f.server.sessions().stream()
                .map(x -> x.streams().get(s)).filter(x -> x != null).findFirst().orElseThrow();
            long queued = bridge.outboundBytes();
            assertTrue(queued <= ConsoleBridge.OUTBOUND_CAP + ConsoleBridge.CHUNK + 64, "queued " + queued);
            assertTrue(flood.isAlive(), "the guest is held up, not the server's memory");
            try (TestClient other = client()) {
                long t0 = System.nanoTime();
                TestClient.ok(other.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test")));
                assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "another client is served at once");
            }
            long received = 0;
            boolean sawPong = false;
            c.send(MessageCodec.ping());
            while (received < total) {
                Packet p = c.read(TestClient.TIMEOUT_MS);
                assertNotNull(p, "stalled after " + received + " bytes");
                if (p.header().isKeepalive()) {
                    sawPong |= p.header().procedure() == Program.KEEPALIVE_PONG;
                    continue;
                }
                assertEquals(MessageStatus.CONTINUE, p.header().status());
                assertTrue(p.payload().length <= ConsoleBridge.CHUNK);
                for (int i = 0; i < p.payload().length; i++) {
                    if (p.payload()[i] != EchoConsoleDriver.Guest.pattern(received + i)) {
                        throw new AssertionError("byte " + (received + i) + " differs");
                    }
                }
                received += p.payload().length;
            }
            flood.join(5000);
            assertEquals(total, received);
            if (!sawPong) {
                Packet p;
                while ((p = c.read(1000)) != null && !p.header().isKeepalive()) {
                    // skip
                }
                sawPong = p != null;
            }
            assertTrue(sawPong, "the ping sent while the stream was backed up was answered");
        }
    }

    /**
     * The client sends 24 MiB while the guest reads nothing: the server stops reading from that client
     * after about a megabyte (and still serves others), then, once the guest reads again, writes every byte
     * to the guest in order.
     */
    @Test
    void clientInputIsCappedWhileTheGuestDoesNotReadAndArrivesWhole() throws Exception {
        int total = 24 * 1024 * 1024;
        try (TestClient c = client()) {
            int s = open(c, null, 0);
            EchoConsoleDriver.Guest g = driver.guests.get(test.uuid());
            g.stopReading();
            byte[] data = new byte[total];
            for (int i = 0; i < total; i++) {
                data[i] = (byte) ('A' + i % 26); // no CR: the guest only echoes the first line's 4096 bytes
            }
            Thread writer = new Thread(() -> {
                try {
                    for (int off = 0; off < total; off += 64 * 1024) {
                        c.send(MessageCodec.encodeRaw(new Header(Program.REMOTE, Program.VERSION,
                            Procedure.DOMAIN_OPEN_CONSOLE.number(), MessageType.STREAM, s, MessageStatus.CONTINUE),
                            data, off, 64 * 1024));
                    }
                } catch (IOException ignored) {
                    // the test fails below
                }
            });
            writer.start();
            Thread.sleep(2000);
            assertTrue(writer.isAlive(), "the server stopped reading: the client's writes block");
            ConsoleBridge bridge = (ConsoleBridge) f.server.sessions().stream()
                .map(x -> x.streams().get(s)).filter(x -> x != null).findFirst().orElseThrow();
            long queued = bridge.inboundBytes();
            // Past the cap, at most the rest of the server's last read (64 KiB) and the packet in it.
            assertTrue(queued <= ConsoleBridge.INBOUND_CAP + 2 * 64 * 1024, "queued " + queued);
            try (TestClient other = client()) {
                TestClient.ok(other.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test")));
            }
            g.resumeReading();
            writer.join(20_000);
            assertFalse(writer.isAlive());
            DispatcherTest.await(() -> g.received().length == total, "every byte at the guest");
            assertArrayEquals(data, g.received());
            // Reading resumed: calls work again on this connection (the echo output is skipped).
            int serial = c.nextSerial();
            c.send(MessageCodec.encode(Header.call(Procedure.DOMAIN_LOOKUP_BY_NAME, serial), new OneString("test")));
            while (true) {
                Packet p = next(c);
                if (p.header().type() == MessageType.REPLY) {
                    assertEquals(serial, p.header().serial());
                    TestClient.ok(p);
                    break;
                }
            }
        }
    }

    // Vireo's own client

    @Test
    void vireosClientOpensARemoteConsole(@TempDir Path tmp) throws Exception {
        try (RemoteClientTest.ClientStack client = new RemoteClientTest.ClientStack(tmp);
             Connection c = client.factory.open(qemuTcp(), false, "tester")) {
            Domain d = c.lookupDomainByName("test");
            ConsoleStream console = d.openConsole(null, 0);
            console.output().write("echo over-vireo\r".getBytes(StandardCharsets.US_ASCII));
            console.output().flush();
            assertEquals("echo over-vireo\r\nover-vireo\r\n# ", readUntil(console.input(), "# "));
            VirtException busy = assertThrows(VirtException.class, () -> d.openConsole(null, 0));
            assertEquals(ErrorCode.OPERATION_FAILED, busy.code());
            assertEquals("operation failed: Active console session exists for this domain", busy.getMessage());
            EchoConsoleDriver.Guest g = driver.guests.get(d.uuid());
            console.close();
            assertTrue(g.awaitClosedByClient(5), "closing finished the stream and the session");
            assertEquals(-1, console.input().read());

            // The guest hanging up ends the input; closing afterwards is still clean.
            ConsoleStream second = d.openConsole("console0", 0);
            driver.guests.get(d.uuid()).hangUp();
            assertEquals(-1, second.input().read());
            second.close();

            // A broken guest side fails the read with the server's error.
            ConsoleStream third = d.openConsole(null, 0);
            driver.guests.get(d.uuid()).reset();
            IOException broken = assertThrows(IOException.class, () -> third.input().read(new byte[16]));
            assertTrue(broken.getMessage().startsWith("cannot read from the console of domain 'test': "),
                broken.getMessage());
            third.close();
            DispatcherTest.await(() -> f.server.sessions().stream().allMatch(s -> s.streams().size() == 0),
                "both streams forgotten by the server");
            assertTrue(c.lookupDomainByName("test").isActive(), "the connection is still good");
        }
    }

    private static String readUntil(InputStream in, String text) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.US_ASCII).contains(text)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("end of stream before " + text + ": " + got);
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.US_ASCII);
    }
}
