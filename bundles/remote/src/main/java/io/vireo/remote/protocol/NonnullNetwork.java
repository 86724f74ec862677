package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;
import java.util.UUID;

/** {@code remote_nonnull_network}. */
public record NonnullNetwork(String name, UUID uuid) implements XdrStruct {

    public NonnullNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    public static NonnullNetwork decode(XdrDecoder d) {
        return new NonnullNetwork(d.readString(Wire.STRING_MAX), d.readUuid());
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeString(name, Wire.STRING_MAX).writeUuid(uuid);
    }
}
