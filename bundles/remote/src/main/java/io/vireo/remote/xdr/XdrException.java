package io.vireo.remote.xdr;

/**
 * Malformed, truncated or out-of-limit XDR data, or a value that cannot be encoded. Unchecked so that
 * struct decoders compose as plain method calls; whoever reads from a peer catches it and answers with
 * an error (or drops the connection when the framing itself is broken).
 */
public class XdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XdrException(String message) {
        super(message);
    }

    public XdrException(String message, Throwable cause) {
        super(message, cause);
    }
}
