package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

/** {@code virNetStreamHole}: the payload of a STREAM_HOLE packet (sparse volume streams only). */
public record StreamHole(long length, int flags) implements XdrStruct {

    public static StreamHole decode(XdrDecoder d) {
        return new StreamHole(d.readHyper(), d.readUnsignedInt());
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeHyper(length).writeUnsignedInt(flags);
    }
}
