package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.ErrorCode;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.EventProcs;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.Wire;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The server over real sockets: framing, limits, keepalive, the priority lane, misbehaving clients. */
class RpcServerTest {
    static final NonnullDomain TEST = new NonnullDomain("test", DispatcherTest.TEST_UUID, 1);

    @Test
    void pingsAreAnsweredAndDestroyOvertakesWhileTheOnlyWorkerIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (ServerFixture f = new ServerFixture(Map.of("max_workers", 1, "prio_workers", 1), factory -> {
            HandlerTable t = new HandlerTable();
            new ConnectHandlers(factory).register(t);
            // a call that takes as long as the test wants, standing in for a slow guest operation
            t.on(Procedure.DOMAIN_SUSPEND, DomainArgs.class, (s, a) -> {
                started.countDown();
                await(release);
                return Empty.INSTANCE;
            });
            t.on(Procedure.DOMAIN_DESTROY, DomainArgs.class, (s, a) -> Empty.INSTANCE);
            t.on(Procedure.DOMAIN_CREATE, DomainArgs.class, (s, a) -> Empty.INSTANCE);
            return t;
        }); TestClient c = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            int slow = c.nextSerial();
            c.send(MessageCodec.encode(Header.call(Procedure.DOMAIN_SUSPEND, slow), new DomainArgs(TEST)));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            int queued = c.nextSerial();
            c.send(MessageCodec.encode(Header.call(Procedure.DOMAIN_CREATE, queued), new DomainArgs(TEST)));

            c.send(MessageCodec.ping());
            Packet pong = c.read(2000);
            assertNotNull(pong, "PONG while the worker is busy");
            assertEquals(Header.keepalive(Program.KEEPALIVE_PONG), pong.header());

            Packet destroyed = c.call(Procedure.DOMAIN_DESTROY, new DomainArgs(TEST));
            assertEquals(MessageStatus.OK, destroyed.header().status(), "destroy ran on the priority lane");
            assertNull(c.read(200), "the ordinary call still waits for the only general worker");

            release.countDown();
            int first = c.read(2000).header().serial();
            int second = c.read(2000).header().serial();
            assertEquals(slow, first, "replies come as calls finish: out of order across serials");
            assertEquals(queued, second);
        }
    }

    @Test
    void maxClientRequestsLeavesFurtherCallsUnread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerFixture f = new ServerFixture(Map.of("max_workers", 4, "max_client_requests", 1), factory -> {
            HandlerTable t = new HandlerTable();
            new ConnectHandlers(factory).register(t);
            t.on(Procedure.DOMAIN_SUSPEND, DomainArgs.class, (s, a) -> {
                await(release);
                return Empty.INSTANCE;
            });
            return t;
        }); TestClient c = TestClient.tcp(f.port()).handshake("test:///default", 0);
             TestClient other = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            int slow = c.nextSerial();
            c.send(MessageCodec.encode(Header.call(Procedure.DOMAIN_SUSPEND, slow), new DomainArgs(TEST)));
            int next = c.nextSerial();
            c.send(MessageCodec.encode(Header.call(Procedure.CONNECT_GET_TYPE, next), Empty.INSTANCE));
            assertNull(c.read(300), "the second call waits for the first");
            TestClient.ok(other.call(Procedure.CONNECT_GET_TYPE, Empty.INSTANCE), OneString::decode);
            release.countDown();
            assertEquals(slow, c.read(2000).header().serial());
            assertEquals(next, c.read(2000).header().serial());
        }
    }

    @Test
    void brokenStreamsCloseOnlyTheirOwnConnection() throws Exception {
        try (ServerFixture f = new ServerFixture();
             TestClient good = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            byte[] header = MessageCodec.encode(Header.call(Procedure.CONNECT_GET_TYPE, 0), Empty.INSTANCE);
            byte[][] garbage = {
                {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // announces 2 GiB
                lengthWord(Wire.MAX_PACKET + 1), // one byte over the limit
                lengthWord(4), // shorter than a header
                withType(header, 99), // undecodable header
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            };
            for (byte[] g : garbage) {
                try (TestClient bad = TestClient.tcp(f.port())) {
                    bad.send(g);
                    assertTrue(bad.closedByServer(3000), "closed after " + java.util.HexFormat.of().formatHex(g, 0, 4));
                }
            }
            // half a packet, then the client goes away
            try (TestClient truncated = TestClient.tcp(f.port())) {
                truncated.send(java.util.Arrays.copyOf(header, 10));
            }
            // a valid oversize-but-allowed length that never completes is just waited for
            try (TestClient slow = TestClient.tcp(f.port())) {
                slow.send(lengthWord(1 << 20));
                assertFalse(slow.closedByServer(200));
            }
            assertEquals("TEST", TestClient.ok(good.call(Procedure.CONNECT_GET_TYPE, Empty.INSTANCE), OneString::decode)
                .value(), "the well-behaved client is unaffected");
            awaitClients(f, 1);
        }
    }

    @Test
    void unknownCallsAndStrayPacketsDoNotCostTheConnection() throws Exception {
        try (ServerFixture f = new ServerFixture();
             TestClient c = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            Header unknown = new Header(Program.REMOTE, 1, 4321, MessageType.CALL, 77, MessageStatus.OK);
            c.send(MessageCodec.encode(unknown, Empty.INSTANCE));
            var e = TestClient.error(c.reply(77));
            assertEquals(ErrorCode.NO_SUPPORT.value(), e.code());
            // a reply, an event and stream data the server never asked for: dropped without an answer
            c.send(MessageCodec.encode(Header.call(Procedure.CONNECT_GET_TYPE, 5).reply(MessageStatus.OK), Empty.INSTANCE));
            c.send(MessageCodec.event(Procedure.DOMAIN_EVENT_CALLBACK_REBOOT,
                new EventProcs.DomainRebootMsg(1, TEST)));
            c.send(MessageCodec.encodeRaw(Header.call(Procedure.STORAGE_VOL_UPLOAD, 9)
                .stream(MessageType.STREAM, MessageStatus.CONTINUE), new byte[100], 0, 100));
            c.send(MessageCodec.pong());
            assertNull(c.read(200));
            assertEquals("TEST", TestClient.ok(c.call(Procedure.CONNECT_GET_TYPE, Empty.INSTANCE), OneString::decode)
                .value());
        }
    }

    @Test
    void unixSocketsReadWriteAndReadOnly() throws Exception {
        try (ServerFixture f = new ServerFixture();
             TestClient rw = TestClient.unix(f.socket(false)).handshake("test:///default", 0);
             TestClient ro = TestClient.unix(f.socket(true)).handshake("test:///default", 0)) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(f.socket(false))));
            assertEquals("rwxrwxrwx", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(f.socket(true))));
            String xml = DispatcherTest.DOMAIN_XML;
            var denied = TestClient.error(ro.call(Procedure.DOMAIN_DEFINE_XML, new OneString(xml)));
            assertEquals(ErrorCode.OPERATION_DENIED.value(), denied.code(), "the -ro socket is read-only whatever the client asks");
            assertEquals("d1", TestClient.ok(rw.call(Procedure.DOMAIN_DEFINE_XML, new OneString(xml)), DomainRet::decode)
                .dom().name());
            assertEquals("d1", TestClient.ok(ro.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("d1")),
                DomainRet::decode).dom().name(), "reading works on both");
        }
    }

    @Test
    void connectCloseEndsTheConnectionAfterItsReply() throws Exception {
        try (ServerFixture f = new ServerFixture(); TestClient c = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            awaitOpenConnections(f, 1);
            TestClient.ok(c.call(Procedure.CONNECT_CLOSE, Empty.INSTANCE));
            assertTrue(c.closedByServer(2000));
            awaitOpenConnections(f, 0);
            awaitClients(f, 0);
        }
    }

    @Test
    void aClientThatDisappearsReleasesItsConnection() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            try (TestClient c = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
                awaitOpenConnections(f, 1);
            }
            awaitOpenConnections(f, 0);
        }
    }

    @Test
    void keepaliveOnlyForClientsThatAskedAndSilentOnesAreDropped() throws Exception {
        try (ServerFixture f = new ServerFixture(Map.of("keepalive_interval", 1, "keepalive_count", 1));
             TestClient asked = TestClient.tcp(f.port()).handshake("test:///default", 0);
             TestClient silent = TestClient.tcp(f.port())) {
            TestClient.ok(silent.call(Procedure.AUTH_LIST, Empty.INSTANCE));
            TestClient.ok(silent.call(Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)));
            Packet ping = asked.read(3000);
            assertNotNull(ping, "a client that asked for keepalive is pinged after a silent interval");
            assertEquals(Header.keepalive(Program.KEEPALIVE_PING), ping.header());
            assertTrue(asked.closedByServer(4000), "and dropped when it never answers");
            assertNull(silent.read(100), "a client that did not ask is never pinged");
            assertEquals("TEST", TestClient.ok(silent.call(Procedure.CONNECT_GET_TYPE, Empty.INSTANCE),
                OneString::decode).value());
        }
    }

    @Test
    void maxClientsRefusesTheOneTooMany() throws Exception {
        try (ServerFixture f = new ServerFixture(Map.of("max_clients", 1));
             TestClient first = TestClient.tcp(f.port()).handshake("test:///default", 0);
             TestClient second = TestClient.tcp(f.port())) {
            assertTrue(second.closedByServer(2000));
            TestClient.ok(first.call(Procedure.CONNECT_GET_TYPE, Empty.INSTANCE));
        }
    }

    @Test
    void eventsReachOnlyTheConnectionThatRegistered() throws Exception {
        try (ServerFixture f = new ServerFixture();
             TestClient listener = TestClient.tcp(f.port()).handshake("test:///default", 0);
             TestClient actor = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            int id = TestClient.ok(listener.call(Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                new EventProcs.DomainCallbackRegisterArgs(0, null)), OneInt::decode).value();
            TestClient.ok(actor.call(Procedure.DOMAIN_SUSPEND, new DomainArgs(TEST)));
            TestClient.ok(actor.call(Procedure.DOMAIN_RESUME, new DomainArgs(TEST)));
            Packet suspended = listener.read(2000);
            Packet resumed = listener.read(2000);
            assertEquals(new EventProcs.DomainLifecycleMsg(id, TEST, 3, 0),
                suspended.decodePayload(EventProcs.DomainLifecycleMsg::decode));
            assertEquals(new EventProcs.DomainLifecycleMsg(id, TEST, 4, 0),
                resumed.decodePayload(EventProcs.DomainLifecycleMsg::decode));
            assertEquals(Header.event(Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE), suspended.header());
            assertNull(actor.read(200), "the acting connection did not register");
            assertTrue(actor.messages.isEmpty());
        }
    }

    @Test
    void aBusyPortDoesNotStopTheUnixSockets() throws Exception {
        try (ServerFixture first = new ServerFixture();
             ServerFixture second = new ServerFixture(Map.of("tcp_port", first.port()))) {
            assertEquals(-1, second.server.tcpPort());
            try (TestClient c = TestClient.unix(second.socket(false)).handshake("test:///default", 0)) {
                TestClient.ok(c.call(Procedure.CONNECT_GET_TYPE, Empty.INSTANCE));
            }
        }
    }

    static byte[] lengthWord(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    static byte[] withType(byte[] packet, int type) {
        byte[] copy = packet.clone();
        ByteBuffer.wrap(copy).putInt(16, type);
        return copy;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitClients(ServerFixture f, int n) throws InterruptedException {
        DispatcherTest.await(() -> f.server.clientCount() == n, n + " client(s)");
    }

    static void awaitOpenConnections(ServerFixture f, int n) throws InterruptedException {
        DispatcherTest.await(() -> f.stack.factory.openConnectionCount() == n, n + " open connection(s)");
    }
}
