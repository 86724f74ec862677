package io.vireo.remote.server;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client's open streams, by the serial of the call that opened each. A stream is registered while its
 * call runs, started once the reply is queued (so no data goes before the reply), and forgotten when it
 * ends; packets for a stream not (or no longer) here are dropped silently, as libvirtd does: they can
 * legitimately arrive after an abort.
 */
final class Streams {
    /** Bounds the threads and buffers one client can make us hold. */
    static final int MAX_PER_CLIENT = 16;

    private final Map<Integer, ServerStream> bySerial = new HashMap<>();
    /** Streams whose opening call has not been answered yet. */
    private final Set<Integer> awaitingReply = new HashSet<>();
    private StreamTransport transport;
    private boolean closed;

    /** The connection the streams send on; set once, by the connection. */
    synchronized void bind(StreamTransport t) {
        this.transport = t;
    }

    /** The connection's transport; a session without one (a test's bare dispatcher) cannot stream. */
    synchronized StreamTransport transport() {
        if (transport == null) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "streams are not available here");
        }
        return transport;
    }

    /** Fails when another stream could not be added now (before opening what it would carry). */
    synchronized void checkRoom() {
        if (closed) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "connection is closing");
        }
        if (bySerial.size() >= MAX_PER_CLIENT) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.STREAMS,
                "too many open streams on this connection (%d)", MAX_PER_CLIENT);
        }
    }

    /** Registers a stream the running call opened; refused when the client has too many or is closing. */
    synchronized void add(ServerStream s) {
        checkRoom();
        if (bySerial.putIfAbsent(s.serial(), s) != null) {
            throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "a stream with serial %d is already open",
                Integer.toUnsignedLong(s.serial()));
        }
        awaitingReply.add(s.serial());
    }

    synchronized ServerStream get(int serial) {
        return bySerial.get(serial);
    }

    synchronized void remove(ServerStream s) {
        if (bySerial.remove(s.serial(), s)) {
            awaitingReply.remove(s.serial());
        }
    }

    synchronized int size() {
        return bySerial.size();
    }

    /** Whether a stream waits for the reply to call {@code serial}. */
    synchronized boolean has(int serial) {
        return awaitingReply.contains(serial);
    }

    /**
     * The reply to the call with {@code serial} is queued: a stream it opened starts if the call succeeded,
     * and is dropped if the reply is an error after all (the client never learns of it).
     */
    void replied(int serial, boolean ok) {
        ServerStream s;
        synchronized (this) {
            // Only for the call that opened it: a later call reusing the serial must not start it again.
            if (!awaitingReply.remove(serial)) {
                return;
            }
            s = bySerial.get(serial);
        }
        if (s == null) {
            return;
        }
        if (ok) {
            s.start();
        } else {
            remove(s);
            s.discard();
        }
    }

    /** A STREAM or STREAM_HOLE packet from the client, on the I/O thread. */
    void received(Packet p) {
        if (p.header().program() != Program.REMOTE || p.header().version() != Program.VERSION) {
            return;
        }
        ServerStream s = get(p.header().serial());
        if (s != null && s.procedure() == p.header().procedure()) {
            s.received(p);
        }
    }

    /** The connection closed (or CONNECT_CLOSE): every stream ends without another packet. */
    void closeAll() {
        List<ServerStream> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(bySerial.values());
            bySerial.clear();
            awaitingReply.clear();
        }
        for (ServerStream s : all) {
            s.discard();
        }
    }
}
