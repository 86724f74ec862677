package io.vireo.remote.server;

import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client socket. On the I/O thread it frames packets, answers pings, hands calls to the workers
 * (at most max_client_requests at a time; beyond that it stops reading, which pushes back on the
 * client) and writes whatever is queued. Any thread may queue a packet with {@link #send}. STREAM
 * packets go to the session's open streams, which never block this thread (they may ask it to stop
 * reading for a while instead). A broken byte stream (bad length, undecodable header, EOF inside a packet)
 * closes this connection only.
 */
final class ClientConnection implements EventTarget, StreamTransport, IoLoop.Ready {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** A client that lets this much pile up unread (two maximal packets) is dropped. */
    static final long MAX_QUEUED_BYTES = 2L * Wire.MAX_PACKET;
    private static final Runnable NOTHING = () -> { };

    /** A packet waiting for the socket, and what to run once it is all written. */
    private record Outgoing(ByteBuffer buffer, Runnable onWritten) {
    }

    private final RpcServer server;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Session session;
    private final PacketReader reader = new PacketReader();
    /** Calls read but not yet handed to a worker (I/O thread only). */
    private final ArrayDeque<Packet> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Outgoing> outbound = new ConcurrentLinkedQueue<>();
    /** Streams that cannot take more of the client's data yet: no reading while any is here (I/O thread only). */
    private final Set<ReadHold> readHolders = new HashSet<>();
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
        session.streams().bind(this);
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public String peer() {
        return session.peer();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void onReady(SelectionKey k) {
        if (k.isValid() && k.isReadable() && readHolders.isEmpty()) {
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
            return;
        }
        if (h.type() == MessageType.STREAM || h.type() == MessageType.STREAM_HOLE) {
            session.streams().received(p);
            return;
        }
        // Anything else (stray replies, events) is dropped, as libvirtd does, and so is data for a stream
        // we do not know (Streams drops it): answering could confuse the client more than silence.
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
        int serial = call.header().serial();
        if (session.streams().has(serial)) {
            // The call opened a stream: now that its reply is queued, its data may follow.
            session.streams().replied(serial, replyStatus(reply) == MessageStatus.OK.value());
        }
        server.io().execute(this::callDone);
    }

    /** The status word of a whole encoded packet. */
    private static int replyStatus(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(Wire.MIN_PACKET - 4);
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
        send(packet, NOTHING);
    }

    @Override
    public void send(byte[] packet, Runnable onWritten) {
        if (closed) {
            return;
        }
        if (writeLock.tryLock()) {
            try {
                if (outbound.isEmpty() && !closed) {
                    ByteBuffer b = ByteBuffer.wrap(packet);
                    channel.write(b);
                    if (!b.hasRemaining()) {
                        onWritten.run();
                        return;
                    }
                    enqueue(new Outgoing(b, onWritten));
                    return;
                }
            } catch (IOException e) {
                server.io().execute(() -> close(e.getMessage()));
                return;
            } finally {
                writeLock.unlock();
            }
        }
        enqueue(new Outgoing(ByteBuffer.wrap(packet), onWritten));
    }

    private void enqueue(Outgoing o) {
        outbound.add(o);
        if (queuedBytes.addAndGet(o.buffer().capacity()) > MAX_QUEUED_BYTES) {
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
            Outgoing o;
            while ((o = outbound.peek()) != null) {
                ByteBuffer b = o.buffer();
                channel.write(b);
                if (b.hasRemaining()) {
                    break;
                }
                outbound.poll();
                queuedBytes.addAndGet(-b.capacity());
                o.onWritten().run();
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

    /** See {@link StreamTransport#readHoldChanged}; from any thread, done on the I/O thread. */
    @Override
    public void readHoldChanged(ReadHold holder) {
        if (server.io().inLoop()) {
            applyReadHold(holder); // at once: the rest of what was just read is all that still comes in
        } else {
            server.io().execute(() -> applyReadHold(holder));
        }
    }

    private void applyReadHold(ReadHold holder) {
        boolean changed = holder.holdsReading() ? readHolders.add(holder) : readHolders.remove(holder);
        if (changed && !closed) {
            lastHeard = System.nanoTime();
            updateInterest();
        }
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = pending.isEmpty() && readHolders.isEmpty() ? SelectionKey.OP_READ : 0;
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
        if (inFlight > 0 || !pending.isEmpty() || !readHolders.isEmpty()) {
            // Busy on its behalf, or not reading its answers on purpose (a stream's back-pressure).
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
        readHolders.clear();
        server.clientClosed(this);
        try {
            session.close(false);
        } catch (RuntimeException e) {
            LOG.warn("Releasing the connection of {}", session.peer(), e);
        }
    }
}
