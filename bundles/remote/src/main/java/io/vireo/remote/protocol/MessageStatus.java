package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrException;

/** {@code virNetMessageStatus}. */
public enum MessageStatus {
    /** Calls, messages, successful replies; stream finish and its confirmation. */
    OK(0),
    /** Error replies (payload {@link RemoteError}); stream abort (client, empty) or failure (server). */
    ERROR(1),
    /** Stream data that more data follows. */
    CONTINUE(2);

    private static final MessageStatus[] BY_VALUE = values();

    private final int value;

    MessageStatus(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static MessageStatus fromValue(int value) {
        if (value >= 0 && value < BY_VALUE.length) {
            return BY_VALUE[value];
        }
        throw new XdrException("unknown message status " + value);
    }
}
