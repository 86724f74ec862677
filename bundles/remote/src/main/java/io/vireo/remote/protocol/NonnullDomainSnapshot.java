package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;

/** {@code remote_nonnull_domain_snapshot}: the snapshot's name and its domain. */
public record NonnullDomainSnapshot(String name, NonnullDomain dom) implements XdrStruct {

    public NonnullDomainSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dom, "dom");
    }

    public static NonnullDomainSnapshot decode(XdrDecoder d) {
        return new NonnullDomainSnapshot(d.readString(Wire.STRING_MAX), NonnullDomain.decode(d));
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeString(name, Wire.STRING_MAX).writeStruct(dom);
    }
}
