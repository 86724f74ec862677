package io.vireo.remote.server;

import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.PacketReader;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.RemoteError;
import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrStruct;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A minimal libvirt RPC client for tests, written against the protocol package only: sends calls, reads
 * packets with a timeout, keeps events and keepalive packets that arrive between replies.
 */
final class TestClient implements AutoCloseable {
    static final int TIMEOUT_MS = 5000;

    private final SocketChannel channel;
    private final Selector selector;
    private final PacketReader reader = new PacketReader();
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private final Deque<Packet> unread = new ArrayDeque<>();
    /** MESSAGE packets (events, pings) seen while waiting for replies. */
    final List<Packet> messages = new ArrayList<>();
    private int serial;

    private TestClient(SocketAddress address) throws IOException {
        channel = SocketChannel.open(address);
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    static TestClient tcp(int port) throws IOException {
        return new TestClient(new InetSocketAddress("127.0.0.1", port));
    }

    static TestClient unix(Path socket) throws IOException {
        return new TestClient(UnixDomainSocketAddress.of(socket));
    }

    /** AUTH_LIST, keepalive feature, CONNECT_OPEN, as virsh starts. */
    TestClient handshake(String uri, int flags) throws IOException {
        ok(call(Procedure.AUTH_LIST, Empty.INSTANCE));
        ok(call(Procedure.CONNECT_SUPPORTS_FEATURE, new io.vireo.remote.protocol.CommonProcs.OneInt(
            ConnectProcs.FEATURE_PROGRAM_KEEPALIVE)));
        ok(call(Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs(uri, flags)));
        return this;
    }

    void send(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    int nextSerial() {
        return serial++;
    }

    /** Sends a call and returns its reply; messages arriving meanwhile are kept in {@link #messages}. */
    Packet call(Procedure proc, XdrStruct args) throws IOException {
        int s = nextSerial();
        send(MessageCodec.encode(Header.call(proc, s), args));
        return reply(s);
    }

    Packet reply(int serial) throws IOException {
        while (true) {
            Packet p = read(TIMEOUT_MS);
            assertNotNull(p, "no reply to serial " + serial);
            if (p.header().type() == MessageType.MESSAGE) {
                messages.add(p);
                continue;
            }
            assertEquals(serial, p.header().serial(), "reply serial");
            return p;
        }
    }

    /** The next packet, or null when none arrives within the timeout. Fails if the server closed. */
    Packet read(long timeoutMs) throws IOException {
        if (!unread.isEmpty()) {
            return unread.poll();
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            in.flip();
            Packet p;
            while ((p = reader.next(in)) != null) {
                unread.add(p);
            }
            in.compact();
            if (!unread.isEmpty()) {
                return unread.poll();
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            selector.select(left);
            selector.selectedKeys().clear();
            if (channel.read(in) < 0) {
                fail("server closed the connection");
            }
        }
    }

    /** True when the server closes the connection within the timeout (bytes before that are ignored). */
    boolean closedByServer(long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (System.currentTimeMillis() < deadline) {
            selector.select(Math.max(1, deadline - System.currentTimeMillis()));
            selector.selectedKeys().clear();
            sink.clear();
            try {
                if (channel.read(sink) < 0) {
                    return true;
                }
            } catch (IOException e) {
                return true; // reset by peer
            }
        }
        return false;
    }

    static <T> T ok(Packet reply, XdrDecoder.Reader<T> ret) {
        if (reply.header().status() != MessageStatus.OK) {
            fail("call failed: " + reply.decodePayload(RemoteError::decode));
        }
        return reply.decodePayload(ret);
    }

    static void ok(Packet reply) {
        if (reply.header().status() != MessageStatus.OK) {
            fail("call failed: " + reply.decodePayload(RemoteError::decode));
        }
    }

    static RemoteError error(Packet reply) {
        assertEquals(MessageStatus.ERROR, reply.header().status(), "expected an error reply");
        return reply.decodePayload(RemoteError::decode);
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
