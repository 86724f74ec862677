package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrException;

/**
 * The byte stream itself is broken (a length outside the limits, a header that does not decode): the
 * packet boundaries can no longer be trusted, so the connection must be closed. Payload errors, by
 * contrast, are plain {@link XdrException}s and get an error reply.
 */
public class FramingException extends XdrException {
    private static final long serialVersionUID = 1L;

    public FramingException(String message) {
        super(message);
    }

    public FramingException(String message, Throwable cause) {
        super(message, cause);
    }
}
