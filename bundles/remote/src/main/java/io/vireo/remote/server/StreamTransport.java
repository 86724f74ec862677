package io.vireo.remote.server;

/**
 * What a stream needs of its client's connection: a way to send its packets and to know when they are on
 * the socket (so it can cap what it has queued), and a way to stop the connection reading while the
 * stream cannot take more of the client's data. Callable from any thread.
 */
interface StreamTransport {

    /**
     * Queues a whole packet after whatever is queued; {@code onWritten} runs (on some thread, quickly)
     * once the last byte is on the socket, and never if the connection closes first.
     */
    void send(byte[] packet, Runnable onWritten);

    /**
     * {@code holder}'s wish to stop the connection reading from the client may have changed; the connection
     * asks it ({@link ReadHold#holdsReading}) on the I/O thread, so the last answer counts however the
     * calls interleave. While any holder holds it, nothing is read (libvirtd does the same while a stream's
     * incoming data waits): pings and calls wait too, and the client counts as alive meanwhile.
     */
    void readHoldChanged(ReadHold holder);

    /** Something that may want the connection to stop reading for a while. */
    interface ReadHold {
        boolean holdsReading();
    }

    /** Who the client is, for logs and thread names. */
    String peer();
}
