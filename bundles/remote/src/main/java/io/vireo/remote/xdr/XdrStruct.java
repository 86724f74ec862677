package io.vireo.remote.xdr;

/**
 * A value that writes itself in XDR. Each implementation also has a static {@code decode(XdrDecoder)},
 * which an interface cannot require.
 */
public interface XdrStruct {

    void encode(XdrEncoder e);

    /** This value's XDR bytes. */
    default byte[] toXdr() {
        XdrEncoder e = new XdrEncoder();
        encode(e);
        return e.toByteArray();
    }
}
