package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;

/**
 * Builds whole packets (length word, header, payload) in one buffer, and reads the parts of a payload
 * that are not procedure structs. Everything a server or client writes goes through here, so the size
 * limit is checked in one place.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    /** The packet with {@code body} as its payload (null or {@link CommonProcs.Empty} for none). */
    public static byte[] encode(Header header, XdrStruct body) {
        XdrEncoder e = new XdrEncoder(Wire.MIN_PACKET + 64);
        e.writeInt(0);
        header.encode(e);
        if (body != null) {
            body.encode(e);
        }
        return finish(e);
    }

    /** The packet with raw bytes as its payload, e.g. stream data. */
    public static byte[] encodeRaw(Header header, byte[] payload, int offset, int length) {
        XdrEncoder e = new XdrEncoder(Wire.MIN_PACKET);
        e.writeInt(Wire.MIN_PACKET + length);
        header.encode(e);
        if (length > Wire.PAYLOAD_MAX) {
            throw new XdrException("payload of " + length + " bytes exceeds " + Wire.PAYLOAD_MAX);
        }
        byte[] out = new byte[Wire.MIN_PACKET + length];
        System.arraycopy(e.toByteArray(), 0, out, 0, Wire.MIN_PACKET);
        System.arraycopy(payload, offset, out, Wire.MIN_PACKET, length);
        return out;
    }

    private static byte[] finish(XdrEncoder e) {
        if (e.size() > Wire.MAX_PACKET) {
            throw new XdrException("packet of " + e.size() + " bytes exceeds " + Wire.MAX_PACKET);
        }
        e.setInt(0, e.size());
        return e.toByteArray();
    }

    /** A successful REPLY to {@code call}, carrying {@code ret}. */
    public static byte[] reply(Header call, XdrStruct ret) {
        return encode(call.reply(MessageStatus.OK), ret);
    }

    /** An error REPLY to {@code call}. */
    public static byte[] error(Header call, RemoteError error) {
        return encode(call.reply(MessageStatus.ERROR), error);
    }

    /** An event MESSAGE. */
    public static byte[] event(Procedure proc, XdrStruct msg) {
        return encode(Header.event(proc), msg);
    }

    public static byte[] ping() {
        return encode(Header.keepalive(Program.KEEPALIVE_PING), null);
    }

    public static byte[] pong() {
        return encode(Header.keepalive(Program.KEEPALIVE_PONG), null);
    }

    /**
     * The fd count that starts a CALL_WITH_FDS / REPLY_WITH_FDS payload: a full 4-byte unsigned int
     * (despite the protocol file's "int8"), at most {@link Wire#NUM_FDS_MAX}.
     */
    public static int readFdCount(XdrDecoder d) {
        long n = d.readUnsignedIntAsLong();
        if (n > Wire.NUM_FDS_MAX) {
            throw new XdrException("fd count " + n + " exceeds maximum " + Wire.NUM_FDS_MAX);
        }
        return (int) n;
    }
}
