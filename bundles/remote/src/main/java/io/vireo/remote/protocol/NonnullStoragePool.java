package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;
import java.util.UUID;

/** {@code remote_nonnull_storage_pool}. */
public record NonnullStoragePool(String name, UUID uuid) implements XdrStruct {

    public NonnullStoragePool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    public static NonnullStoragePool decode(XdrDecoder d) {
        return new NonnullStoragePool(d.readString(Wire.STRING_MAX), d.readUuid());
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeString(name, Wire.STRING_MAX).writeUuid(uuid);
    }
}
