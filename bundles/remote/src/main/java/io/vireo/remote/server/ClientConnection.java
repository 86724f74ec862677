package io.vireo.remote.server;

import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.PacketReader;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.Wire;
import io.vireo.remote.xdr.XdrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client socket. On the I/O thread it frames packets, answers pings, hands calls to the workers
 * (at most max_client_requests at a time; beyond that it stops reading, which pushes back on the
 * client) and writes whatever is queued. Any thread may queue a packet with {@link #send}. A broken
 * stream (bad length, undecodable header, EOF inside a packet) closes this connection only.
 */
final class ClientConnection implements EventTarget, IoLoop.Ready {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** A client that lets this much pile up unread (two maximal packets) is dropped. */
    static final long MAX_QUEUED_BYTES = 2L * Wire.MAX_PACKET;

    private final RpcServer server;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Session session;
    private final PacketReader reader = new PacketReader();
    /** Calls read but not yet handed to a worker (I/O thread only). */
    private final ArrayDeque<Packet> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<ByteBuffer> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** One writer at a time on the socket: the I/O thread flushing, or a thread sending directly. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private int inFlight;
    private long lastHeard = System.nanoTime();
    private int pingsUnanswered;
    private volatile boolean closed;

    ClientConnection(RpcServer server, SocketChannel channel, SelectionKey key, Session session) {
        this.server = server;
        this.channel = channel;
        this.key = key;
        this.session = session;
    }

    @Override
    public Session session() {
        return session;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void onReady(SelectionKey k) {
        if (k.isValid() && k.isReadable()) {
            read();
        }
        if (!closed && k.isValid() && k.isWritable()) {
            flush();
        }
    }

    @Override
    public void onFailure(RuntimeException e) {
        LOG.error("Dropping client {} after an internal error", session.peer(), e);
        close("internal error");
    }

    private void read() {
        int n;
        try {
            n = reader.read(channel, this::received);
        } catch (XdrException e) {
            // FramingException: the packet boundaries are lost; nothing after this can be trusted.
            close("malformed packet: " + e.getMessage());
            return;
        } catch (IOException e) {
            close(e.getMessage());
            return;
        }
        if (n < 0) {
            close(reader.isIdle() ? null : "connection closed in the middle of a packet");
            return;
        }
        pump();
    }

    private void received(Packet p) {
        lastHeard = System.nanoTime();
        pingsUnanswered = 0;
        Header h = p.header();
        if (h.isKeepalive()) {
            if (h.type() == MessageType.MESSAGE && h.procedure() == Program.KEEPALIVE_PING) {
                send(MessageCodec.pong());
            }
            return;
        }
        if (h.type() == MessageType.CALL || h.type() == MessageType.CALL_WITH_FDS) {
            pending.addLast(p);
        }
        // Anything else (stray replies, events, data for a stream we never opened) is dropped, as
        // libvirtd does: answering it could confuse the client more than silence.
    }

    /** Hands queued calls to the workers while both limits allow; reads again once all are handed. */
    void pump() {
        while (!closed && !pending.isEmpty() && inFlight < server.settings().maxClientRequests()) {
            if (!server.tryAcquireRequest(this)) {
                break;
            }
            Packet call = pending.pollFirst();
            inFlight++;
            Header h = call.header();
            server.workers().submit(() -> run(call), Priority.isHigh(h.program(), h.procedure()));
        }
        updateInterest();
    }

    /** On a worker: dispatch, queue the reply, tell the I/O thread the slot is free. */
    private void run(Packet call) {
        byte[] reply;
        try {
            reply = server.dispatcher().dispatch(session, call);
        } catch (Throwable t) {
            LOG.error("Call {} of {} failed unexpectedly", call.header(), session.peer(), t);
            reply = MessageCodec.error(call.header(), RemoteErrors.internal(String.valueOf(t)));
        }
        send(reply);
        server.io().execute(this::callDone);
    }

    private void callDone() {
        inFlight--;
        server.releaseRequest();
        if (closed) {
            return;
        }
        lastHeard = System.nanoTime();
        pump();
        finishIfClosing();
    }

    /**
     * Queues {@code packet}; from any thread. When nothing is waiting to go out, the calling thread
     * writes it at once (the socket is non-blocking, so this never waits), which saves a hand-over to
     * the I/O thread per reply; what does not fit is left to the I/O thread. Packets from one thread go
     * out in the order it sent them.
     */
    @Override
    public void send(byte[] packet) {
        if (closed) {
            return;
        }
        if (writeLock.tryLock()) {
            try {
                if (outbound.isEmpty() && !closed) {
                    ByteBuffer b = ByteBuffer.wrap(packet);
                    channel.write(b);
                    if (!b.hasRemaining()) {
                        return;
                    }
                    enqueue(b);
                    return;
                }
            } catch (IOException e) {
                server.io().execute(() -> close(e.getMessage()));
                return;
            } finally {
                writeLock.unlock();
            }
        }
        enqueue(ByteBuffer.wrap(packet));
    }

    private void enqueue(ByteBuffer b) {
        outbound.add(b);
        if (queuedBytes.addAndGet(b.capacity()) > MAX_QUEUED_BYTES) {
            server.io().execute(() -> close("client is not reading what it is sent"));
            return;
        }
        if (flushScheduled.compareAndSet(false, true)) {
            server.io().execute(() -> {
                flushScheduled.set(false);
                flush();
            });
        }
    }

    private void flush() {
        if (closed) {
            return;
        }
        writeLock.lock();
        try {
            ByteBuffer b;
            while ((b = outbound.peek()) != null) {
                channel.write(b);
                if (b.hasRemaining()) {
                    break;
                }
                outbound.poll();
                queuedBytes.addAndGet(-b.capacity());
            }
        } catch (IOException e) {
            close(e.getMessage());
            return;
        } finally {
            writeLock.unlock();
        }
        updateInterest();
        finishIfClosing();
    }

    /** After CONNECT_CLOSE: close once its reply (and everything before it) is out. */
    private void finishIfClosing() {
        if (!closed && session.closeRequested() && inFlight == 0 && outbound.isEmpty()) {
            close(null);
        }
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = pending.isEmpty() ? SelectionKey.OP_READ : 0;
        if (!outbound.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    /**
     * Server-side keepalive, only for clients that asked for it (others would drop the connection on a
     * PING they cannot handle). A client with calls running is alive by definition.
     */
    void tick(long now) {
        int interval = server.settings().keepaliveInterval();
        if (closed || interval <= 0 || !session.keepaliveRequested()) {
            return;
        }
        if (inFlight > 0 || !pending.isEmpty()) {
            lastHeard = now;
            return;
        }
        long silent = now - lastHeard;
        if (silent >= TimeUnit.SECONDS.toNanos((long) interval * (pingsUnanswered + 1))) {
            if (pingsUnanswered >= server.settings().keepaliveCount()) {
                close("no answer to " + pingsUnanswered + " keepalive pings");
                return;
            }
            pingsUnanswered++;
            send(MessageCodec.ping());
        }
    }

    /** Closes the socket and releases the session; I/O thread (or the stopping server) only. */
    void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        if (why != null) {
            LOG.info("Closing remote client {}: {}", session.peer(), why);
        } else {
            LOG.debug("Remote client {} disconnected", session.peer());
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing {}", session.peer(), e);
        }
        pending.clear();
        outbound.clear();
        server.clientClosed(this);
        try {
            session.close(false);
        } catch (RuntimeException e) {
            LOG.warn("Releasing the connection of {}", session.peer(), e);
        }
    }
}
