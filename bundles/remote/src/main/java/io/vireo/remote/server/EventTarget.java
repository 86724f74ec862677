package io.vireo.remote.server;

/** A client that events can be sent to: its negotiated session and a thread-safe way to send packets. */
interface EventTarget {
    Session session();

    /** Queues a whole packet for this client, after whatever is already queued. */
    void send(byte[] packet);
}
