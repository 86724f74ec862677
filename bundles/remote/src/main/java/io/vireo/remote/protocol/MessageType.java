package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrException;

/** {@code virNetMessageType}: what a packet is and so what its payload holds. */
public enum MessageType {
    /** Client to server: the procedure's args. */
    CALL(0),
    /** Server to client: the ret (status OK) or a {@link RemoteError} (status ERROR). */
    REPLY(1),
    /** Either way, no answer expected: events, keepalive. */
    MESSAGE(2),
    /** Stream data and control, keyed by the opening call's procedure and serial. */
    STREAM(3),
    /** CALL preceded by a 4-byte fd count; the fds travel as SCM_RIGHTS. */
    CALL_WITH_FDS(4),
    REPLY_WITH_FDS(5),
    /** A hole in a sparse stream: {@link StreamHole}. */
    STREAM_HOLE(6);

    private static final MessageType[] BY_VALUE = values();

    private final int value;

    MessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static MessageType fromValue(int value) {
        if (value >= 0 && value < BY_VALUE.length) {
            return BY_VALUE[value];
        }
        throw new XdrException("unknown message type " + value);
    }
}
