package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;
import java.util.UUID;

/**
 * {@code remote_nonnull_domain}: how a domain travels. {@code id} is -1 for an inactive domain. The
 * server should find the domain by UUID; the name is for messages (and the client caches all three).
 */
public record NonnullDomain(String name, UUID uuid, int id) implements XdrStruct {

    public NonnullDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    public static NonnullDomain decode(XdrDecoder d) {
        return new NonnullDomain(d.readString(Wire.STRING_MAX), d.readUuid(), d.readInt());
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeString(name, Wire.STRING_MAX).writeUuid(uuid).writeInt(id);
    }
}
