package io.vireo.remote.server;

import io.vireo.remote.protocol.Packet;

/**
 * One open stream of a client: the packets of type STREAM (and STREAM_HOLE) that carry the procedure
 * and serial of the call that opened it.
 */
interface ServerStream {

    int procedure();

    int serial();

    /** The open call's reply is queued: data may flow now. */
    void start();

    /** A packet of this stream from the client; on the I/O thread, so it must not block. */
    void received(Packet packet);

    /** The connection is gone (or the open call failed after all): release everything, send nothing. */
    void discard();
}
