package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;

/** {@code remote_nonnull_storage_vol}: the pool's name, the volume's name and its key (usually its path). */
public record NonnullStorageVol(String pool, String name, String key) implements XdrStruct {

    public NonnullStorageVol {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    public static NonnullStorageVol decode(XdrDecoder d) {
        return new NonnullStorageVol(d.readString(Wire.STRING_MAX), d.readString(Wire.STRING_MAX),
            d.readString(Wire.STRING_MAX));
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeString(pool, Wire.STRING_MAX).writeString(name, Wire.STRING_MAX).writeString(key, Wire.STRING_MAX);
    }
}
