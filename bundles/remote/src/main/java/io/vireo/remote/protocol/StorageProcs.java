package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.List;
import java.util.Objects;

/** Storage pool and volume procedures. */
public final class StorageProcs {

    private StorageProcs() {
    }

    /** {pool}: destroy, undefine, get info/autostart, is active/persistent, number of volumes. */
    public record PoolArgs(NonnullStoragePool pool) implements XdrStruct {
        public PoolArgs {
            Objects.requireNonNull(pool, "pool");
        }

        public static PoolArgs decode(XdrDecoder d) {
            return new PoolArgs(NonnullStoragePool.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool);
        }
    }

    /** {pool, flags}: create (start), build, delete, refresh, get XML. */
    public record PoolFlagsArgs(NonnullStoragePool pool, int flags) implements XdrStruct {
        public PoolFlagsArgs {
            Objects.requireNonNull(pool, "pool");
        }

        public static PoolFlagsArgs decode(XdrDecoder d) {
            return new PoolFlagsArgs(NonnullStoragePool.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeUnsignedInt(flags);
        }
    }

    /** {pool}: the reply of pool lookups, define and create. */
    public record PoolRet(NonnullStoragePool pool) implements XdrStruct {
        public PoolRet {
            Objects.requireNonNull(pool, "pool");
        }

        public static PoolRet decode(XdrDecoder d) {
            return new PoolRet(NonnullStoragePool.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool);
        }
    }

    /** STORAGE_POOL_SET_AUTOSTART args. */
    public record PoolSetAutostartArgs(NonnullStoragePool pool, int autostart) implements XdrStruct {
        public PoolSetAutostartArgs {
            Objects.requireNonNull(pool, "pool");
        }

        public static PoolSetAutostartArgs decode(XdrDecoder d) {
            return new PoolSetAutostartArgs(NonnullStoragePool.decode(d), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeInt(autostart);
        }
    }

    /**
     * STORAGE_POOL_GET_INFO ret: state (unsigned char, 4 bytes on the wire: 0 inactive, 1 building,
     * 2 running, 3 degraded, 4 inaccessible) and sizes in bytes.
     */
    public record PoolGetInfoRet(int state, long capacity, long allocation, long available) implements XdrStruct {
        public static PoolGetInfoRet decode(XdrDecoder d) {
            return new PoolGetInfoRet(d.readInt(), d.readUnsignedHyper(), d.readUnsignedHyper(),
                d.readUnsignedHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(state).writeUnsignedHyper(capacity).writeUnsignedHyper(allocation)
                .writeUnsignedHyper(available);
        }
    }

    /** CONNECT_LIST_ALL_STORAGE_POOLS ret. */
    public record ListAllPoolsRet(List<NonnullStoragePool> pools, int ret) implements XdrStruct {
        public ListAllPoolsRet {
            pools = List.copyOf(pools);
        }

        public static ListAllPoolsRet decode(XdrDecoder d) {
            return new ListAllPoolsRet(d.readArray(Wire.STORAGE_POOL_LIST_MAX, 20, NonnullStoragePool::decode),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(pools, Wire.STORAGE_POOL_LIST_MAX, XdrEncoder::writeStruct).writeUnsignedInt(ret);
        }
    }

    /** STORAGE_POOL_LIST_VOLUMES args. */
    public record PoolListVolumesArgs(NonnullStoragePool pool, int maxnames) implements XdrStruct {
        public PoolListVolumesArgs {
            Objects.requireNonNull(pool, "pool");
        }

        public static PoolListVolumesArgs decode(XdrDecoder d) {
            return new PoolListVolumesArgs(NonnullStoragePool.decode(d), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeInt(maxnames);
        }
    }

    /** STORAGE_POOL_LIST_ALL_VOLUMES args. */
    public record PoolListAllVolumesArgs(NonnullStoragePool pool, int needResults, int flags) implements XdrStruct {
        public PoolListAllVolumesArgs {
            Objects.requireNonNull(pool, "pool");
        }

        public static PoolListAllVolumesArgs decode(XdrDecoder d) {
            return new PoolListAllVolumesArgs(NonnullStoragePool.decode(d), d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeInt(needResults).writeUnsignedInt(flags);
        }
    }

    /** STORAGE_POOL_LIST_ALL_VOLUMES ret. */
    public record ListAllVolumesRet(List<NonnullStorageVol> vols, int ret) implements XdrStruct {
        public ListAllVolumesRet {
            vols = List.copyOf(vols);
        }

        public static ListAllVolumesRet decode(XdrDecoder d) {
            return new ListAllVolumesRet(d.readArray(Wire.STORAGE_VOL_LIST_MAX, 12, NonnullStorageVol::decode),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(vols, Wire.STORAGE_VOL_LIST_MAX, XdrEncoder::writeStruct).writeUnsignedInt(ret);
        }
    }

    /** {vol}: get info, get path, pool lookup by volume. */
    public record VolArgs(NonnullStorageVol vol) implements XdrStruct {
        public VolArgs {
            Objects.requireNonNull(vol, "vol");
        }

        public static VolArgs decode(XdrDecoder d) {
            return new VolArgs(NonnullStorageVol.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(vol);
        }
    }

    /** {vol, flags}: delete, wipe, get info flags, get XML. */
    public record VolFlagsArgs(NonnullStorageVol vol, int flags) implements XdrStruct {
        public VolFlagsArgs {
            Objects.requireNonNull(vol, "vol");
        }

        public static VolFlagsArgs decode(XdrDecoder d) {
            return new VolFlagsArgs(NonnullStorageVol.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(vol).writeUnsignedInt(flags);
        }
    }

    /** {vol}: the reply of volume lookups and creation. */
    public record VolRet(NonnullStorageVol vol) implements XdrStruct {
        public VolRet {
            Objects.requireNonNull(vol, "vol");
        }

        public static VolRet decode(XdrDecoder d) {
            return new VolRet(NonnullStorageVol.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(vol);
        }
    }

    /** STORAGE_VOL_CREATE_XML args (flags: 1 PREALLOC_METADATA). */
    public record VolCreateXmlArgs(NonnullStoragePool pool, String xml, int flags) implements XdrStruct {
        public VolCreateXmlArgs {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(xml, "xml");
        }

        public static VolCreateXmlArgs decode(XdrDecoder d) {
            return new VolCreateXmlArgs(NonnullStoragePool.decode(d), d.readString(Wire.STRING_MAX),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeString(xml, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /** STORAGE_VOL_CREATE_XML_FROM args: a new volume cloned from {@code clonevol}. */
    public record VolCreateXmlFromArgs(NonnullStoragePool pool, String xml, NonnullStorageVol clonevol, int flags)
        implements XdrStruct {
        public VolCreateXmlFromArgs {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(xml, "xml");
            Objects.requireNonNull(clonevol, "clonevol");
        }

        public static VolCreateXmlFromArgs decode(XdrDecoder d) {
            return new VolCreateXmlFromArgs(NonnullStoragePool.decode(d), d.readString(Wire.STRING_MAX),
                NonnullStorageVol.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeString(xml, Wire.STRING_MAX).writeStruct(clonevol).writeUnsignedInt(flags);
        }
    }

    /** STORAGE_VOL_LOOKUP_BY_NAME args. */
    public record VolLookupByNameArgs(NonnullStoragePool pool, String name) implements XdrStruct {
        public VolLookupByNameArgs {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(name, "name");
        }

        public static VolLookupByNameArgs decode(XdrDecoder d) {
            return new VolLookupByNameArgs(NonnullStoragePool.decode(d), d.readString(Wire.STRING_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(pool).writeString(name, Wire.STRING_MAX);
        }
    }

    /**
     * STORAGE_VOL_GET_INFO and _GET_INFO_FLAGS ret: type (char, 4 bytes: 0 file, 1 block, 2 dir,
     * 3 network, 4 netdir, 5 ploop) and sizes in bytes.
     */
    public record VolGetInfoRet(int type, long capacity, long allocation) implements XdrStruct {
        public static VolGetInfoRet decode(XdrDecoder d) {
            return new VolGetInfoRet(d.readInt(), d.readUnsignedHyper(), d.readUnsignedHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(type).writeUnsignedHyper(capacity).writeUnsignedHyper(allocation);
        }
    }

    /** STORAGE_VOL_RESIZE args. */
    public record VolResizeArgs(NonnullStorageVol vol, long capacity, int flags) implements XdrStruct {
        public VolResizeArgs {
            Objects.requireNonNull(vol, "vol");
        }

        public static VolResizeArgs decode(XdrDecoder d) {
            return new VolResizeArgs(NonnullStorageVol.decode(d), d.readUnsignedHyper(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(vol).writeUnsignedHyper(capacity).writeUnsignedInt(flags);
        }
    }

    /**
     * STORAGE_VOL_UPLOAD and STORAGE_VOL_DOWNLOAD args (length 0 = to the end; flags 1 = sparse
     * stream). The void reply opens a stream on the call's serial.
     */
    public record VolTransferArgs(NonnullStorageVol vol, long offset, long length, int flags) implements XdrStruct {
        public VolTransferArgs {
            Objects.requireNonNull(vol, "vol");
        }

        public static VolTransferArgs decode(XdrDecoder d) {
            return new VolTransferArgs(NonnullStorageVol.decode(d), d.readUnsignedHyper(), d.readUnsignedHyper(),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(vol).writeUnsignedHyper(offset).writeUnsignedHyper(length).writeUnsignedInt(flags);
        }
    }
}
