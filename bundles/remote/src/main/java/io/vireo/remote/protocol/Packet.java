package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Arrays;
import java.util.Objects;

/**
 * One packet: its header and its raw payload (everything after the header). The payload's meaning
 * depends on the header: args, ret, {@link RemoteError}, event, raw stream bytes, or an fd count
 * followed by args for the *_WITH_FDS types.
 */
public record Packet(Header header, byte[] payload) {

    public Packet {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > Wire.PAYLOAD_MAX) {
            throw new XdrException("payload of " + payload.length + " bytes exceeds " + Wire.PAYLOAD_MAX);
        }
    }

    public static Packet of(Header header, XdrStruct body) {
        XdrEncoder e = new XdrEncoder();
        if (body != null) {
            body.encode(e);
        }
        return new Packet(header, e.toByteArray());
    }

    /** A decoder over the payload. */
    public XdrDecoder payloadDecoder() {
        return new XdrDecoder(payload);
    }

    /** Decodes the whole payload with {@code reader}; bytes left over make the payload malformed. */
    public <T> T decodePayload(XdrDecoder.Reader<T> reader) {
        XdrDecoder d = payloadDecoder();
        T value = reader.read(d);
        d.requireEnd();
        return value;
    }

    /** The packet on the wire: length word, header, payload. */
    public byte[] encode() {
        byte[] out = new byte[Wire.MIN_PACKET + payload.length];
        XdrEncoder e = new XdrEncoder(Wire.MIN_PACKET);
        e.writeInt(out.length);
        header.encode(e);
        System.arraycopy(e.toByteArray(), 0, out, 0, Wire.MIN_PACKET);
        System.arraycopy(payload, 0, out, Wire.MIN_PACKET, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && header.equals(p.header) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Packet[" + header + ", " + payload.length + " payload bytes]";
    }
}
