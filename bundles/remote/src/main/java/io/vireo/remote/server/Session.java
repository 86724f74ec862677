package io.vireo.remote.server;

import io.vireo.api.Connection;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.util.function.Supplier;

/**
 * What one client has negotiated: authentication, the Vireo connection CONNECT_OPEN made, keepalive and
 * close-callback requests, event callbacks, open streams. Calls of one client may run on several workers
 * at once, so every field is safe to read from any thread.
 */
final class Session {
    private final String peer;
    private final boolean readOnlySocket;
    private final AuthMethod auth;
    private final EventRegistrations events = new EventRegistrations();
    private final Streams streams = new Streams();
    private final Object openLock = new Object();
    private volatile boolean authenticated;
    private volatile Connection connection;
    private volatile boolean keepaliveRequested;
    private volatile boolean closeCallback;
    private volatile boolean closeRequested;

    Session(String peer, boolean readOnlySocket, AuthMethod auth) {
        this.peer = peer;
        this.readOnlySocket = readOnlySocket;
        this.auth = auth;
        // With no authentication the client is trusted from its first packet, as libvirtd does.
        this.authenticated = auth == AuthMethod.NONE;
    }

    /** Where the client connects from: {@code 127.0.0.1:51234}, or the Unix socket's path. */
    String peer() {
        return peer;
    }

    /**
     * Who the audit log says made the changes. Without authentication the user is unknown, so it is
     * "anonymous" and the client's address; SASL will put the authenticated name here.
     */
    String principal() {
        return "anonymous@remote(" + peer + ")";
    }

    /** Connections through the read-only socket are read-only whatever the client asks. */
    boolean readOnlySocket() {
        return readOnlySocket;
    }

    AuthMethod auth() {
        return auth;
    }

    boolean authenticated() {
        return authenticated;
    }

    /** The open connection; every hypervisor call before CONNECT_OPEN fails as libvirtd's do. */
    Connection conn() {
        Connection c = connection;
        if (c == null) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "connection not open");
        }
        return c;
    }

    /** The open connection or null, for event routing. */
    Connection connectionOrNull() {
        return connection;
    }

    /** Opens the connection once; a second CONNECT_OPEN fails without opening anything. */
    void open(Supplier<Connection> opener) {
        synchronized (openLock) {
            if (connection != null) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "connection already open");
            }
            connection = opener.get();
        }
    }

    EventRegistrations events() {
        return events;
    }

    /** The client's open streams (consoles). */
    Streams streams() {
        return streams;
    }

    void requestKeepalive() {
        keepaliveRequested = true;
    }

    boolean keepaliveRequested() {
        return keepaliveRequested;
    }

    void closeCallback(boolean on) {
        closeCallback = on;
    }

    boolean closeCallback() {
        return closeCallback;
    }

    /** CONNECT_CLOSE was answered: the socket is closed once that reply is out. */
    boolean closeRequested() {
        return closeRequested;
    }

    /** Drops the connection, every event callback and stream (CONNECT_CLOSE, or the client went away). */
    void close(boolean requestedByClient) {
        if (requestedByClient) {
            closeRequested = true;
        }
        events.clear();
        streams.closeAll();
        Connection c;
        synchronized (openLock) {
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
    }
}
