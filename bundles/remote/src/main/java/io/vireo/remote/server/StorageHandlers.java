package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;
import static io.vireo.remote.server.Calls.done;
import static io.vireo.remote.server.Calls.first;

import io.vireo.api.ListFlags;
import io.vireo.api.StoragePool;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StorageVolume;
import io.vireo.api.StorageVolumeInfo;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.NameList;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.CommonProcs.StringFlags;
import io.vireo.remote.protocol.NonnullStoragePool;
import io.vireo.remote.protocol.NonnullStorageVol;
import io.vireo.remote.protocol.StorageProcs;
import io.vireo.remote.protocol.StorageProcs.PoolArgs;
import io.vireo.remote.protocol.StorageProcs.PoolFlagsArgs;
import io.vireo.remote.protocol.StorageProcs.PoolRet;
import io.vireo.remote.protocol.StorageProcs.VolArgs;
import io.vireo.remote.protocol.StorageProcs.VolFlagsArgs;
import io.vireo.remote.protocol.StorageProcs.VolRet;

import java.util.List;

/** Storage pools and their volumes. */
final class StorageHandlers {

    private StorageHandlers() {
    }

    static void register(HandlerTable t) {
        pools(t);
        volumes(t);
    }

    private static void pools(HandlerTable t) {
        t.on(CONNECT_LIST_ALL_STORAGE_POOLS, ListAllArgs.class, (s, a) -> {
            List<StoragePool> all = s.conn().listAllStoragePools(a.flags());
            List<NonnullStoragePool> wire = a.needResults() != 0 ? all.stream().map(Refs::wire).toList() : List.of();
            return new StorageProcs.ListAllPoolsRet(wire, all.size());
        });
        t.on(CONNECT_NUM_OF_STORAGE_POOLS, Empty.class,
            (s, a) -> new OneInt(s.conn().listAllStoragePools(ListFlags.POOL_ACTIVE).size()));
        t.on(CONNECT_LIST_STORAGE_POOLS, OneInt.class, (s, a) -> poolNames(s, ListFlags.POOL_ACTIVE, a.value()));
        t.on(CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, Empty.class,
            (s, a) -> new OneInt(s.conn().listAllStoragePools(ListFlags.POOL_INACTIVE).size()));
        t.on(CONNECT_LIST_DEFINED_STORAGE_POOLS, OneInt.class,
            (s, a) -> poolNames(s, ListFlags.POOL_INACTIVE, a.value()));

        t.on(STORAGE_POOL_LOOKUP_BY_NAME, OneString.class, (s, a) -> ret(s.conn().lookupStoragePoolByName(a.value())));
        t.on(STORAGE_POOL_LOOKUP_BY_UUID, OneUuid.class, (s, a) -> ret(s.conn().lookupStoragePoolByUuid(a.uuid())));
        t.on(STORAGE_POOL_LOOKUP_BY_VOLUME, VolArgs.class,
            (s, a) -> ret(s.conn().lookupStoragePoolByName(Refs.volume(s, a.vol()).poolName())));
        t.on(STORAGE_POOL_DEFINE_XML, StringFlags.class,
            (s, a) -> ret(s.conn().defineStoragePool(a.value(), a.flags())));
        t.on(STORAGE_POOL_CREATE_XML, StringFlags.class,
            (s, a) -> ret(s.conn().createStoragePool(a.value(), a.flags())));

        t.on(STORAGE_POOL_CREATE, PoolFlagsArgs.class, (s, a) -> done(() -> Refs.pool(s, a.pool()).create(a.flags())));
        t.on(STORAGE_POOL_BUILD, PoolFlagsArgs.class, (s, a) -> done(() -> Refs.pool(s, a.pool()).build(a.flags())));
        t.on(STORAGE_POOL_DESTROY, PoolArgs.class, (s, a) -> done(() -> Refs.pool(s, a.pool()).destroy()));
        t.on(STORAGE_POOL_DELETE, PoolFlagsArgs.class, (s, a) -> done(() -> Refs.pool(s, a.pool()).delete(a.flags())));
        t.on(STORAGE_POOL_UNDEFINE, PoolArgs.class, (s, a) -> done(() -> Refs.pool(s, a.pool()).undefine()));
        t.on(STORAGE_POOL_REFRESH, PoolFlagsArgs.class,
            (s, a) -> done(() -> Refs.pool(s, a.pool()).refresh(a.flags())));
        t.on(STORAGE_POOL_GET_INFO, PoolArgs.class, (s, a) -> {
            StoragePoolInfo i = Refs.pool(s, a.pool()).info();
            return new StorageProcs.PoolGetInfoRet(i.state().value(), i.capacity(), i.allocation(), i.available());
        });
        t.on(STORAGE_POOL_GET_XML_DESC, PoolFlagsArgs.class,
            (s, a) -> new OneString(Refs.pool(s, a.pool()).xmlDesc(a.flags())));
        t.on(STORAGE_POOL_GET_AUTOSTART, PoolArgs.class, (s, a) -> OneInt.of(Refs.pool(s, a.pool()).autostart()));
        t.on(STORAGE_POOL_SET_AUTOSTART, StorageProcs.PoolSetAutostartArgs.class,
            (s, a) -> done(() -> Refs.pool(s, a.pool()).setAutostart(a.autostart() != 0)));
        t.on(STORAGE_POOL_IS_ACTIVE, PoolArgs.class, (s, a) -> OneInt.of(Refs.pool(s, a.pool()).isActive()));
        t.on(STORAGE_POOL_IS_PERSISTENT, PoolArgs.class, (s, a) -> OneInt.of(Refs.pool(s, a.pool()).isPersistent()));
    }

    private static void volumes(HandlerTable t) {
        t.on(STORAGE_POOL_NUM_OF_VOLUMES, PoolArgs.class,
            (s, a) -> new OneInt(Refs.pool(s, a.pool()).listAllVolumes(0).size()));
        t.on(STORAGE_POOL_LIST_VOLUMES, StorageProcs.PoolListVolumesArgs.class, (s, a) -> new NameList(
            first(Refs.pool(s, a.pool()).listAllVolumes(0), a.maxnames()).stream().map(StorageVolume::name).toList()));
        t.on(STORAGE_POOL_LIST_ALL_VOLUMES, StorageProcs.PoolListAllVolumesArgs.class, (s, a) -> {
            List<StorageVolume> all = Refs.pool(s, a.pool()).listAllVolumes(a.flags());
            List<NonnullStorageVol> wire = a.needResults() != 0 ? all.stream().map(Refs::wire).toList() : List.of();
            return new StorageProcs.ListAllVolumesRet(wire, all.size());
        });
        t.on(STORAGE_VOL_CREATE_XML, StorageProcs.VolCreateXmlArgs.class,
            (s, a) -> vol(Refs.pool(s, a.pool()).createVolume(a.xml(), a.flags())));
        t.on(STORAGE_VOL_DELETE, VolFlagsArgs.class, (s, a) -> done(() -> Refs.volume(s, a.vol()).delete(a.flags())));
        t.on(STORAGE_VOL_LOOKUP_BY_NAME, StorageProcs.VolLookupByNameArgs.class,
            (s, a) -> vol(Refs.pool(s, a.pool()).lookupVolumeByName(a.name())));
        t.on(STORAGE_VOL_LOOKUP_BY_KEY, OneString.class, (s, a) -> vol(s.conn().lookupStorageVolumeByKey(a.value())));
        t.on(STORAGE_VOL_LOOKUP_BY_PATH, OneString.class, (s, a) -> vol(s.conn().lookupStorageVolumeByPath(a.value())));
        t.on(STORAGE_VOL_GET_INFO, VolArgs.class, (s, a) -> volInfo(Refs.volume(s, a.vol()).info()));
        t.on(STORAGE_VOL_GET_INFO_FLAGS, VolFlagsArgs.class, (s, a) -> {
            // The API has no physical size, so VIR_STORAGE_VOL_GET_PHYSICAL is refused, not approximated.
            Calls.noFlags(a.flags(), "virStorageVolGetInfoFlags");
            return volInfo(Refs.volume(s, a.vol()).info());
        });
        t.on(STORAGE_VOL_GET_XML_DESC, VolFlagsArgs.class,
            (s, a) -> new OneString(Refs.volume(s, a.vol()).xmlDesc(a.flags())));
        t.on(STORAGE_VOL_GET_PATH, VolArgs.class, (s, a) -> new OneString(Refs.volume(s, a.vol()).path()));
    }

    private static PoolRet ret(StoragePool p) {
        return new PoolRet(Refs.wire(p));
    }

    private static VolRet vol(StorageVolume v) {
        return new VolRet(Refs.wire(v));
    }

    private static StorageProcs.VolGetInfoRet volInfo(StorageVolumeInfo i) {
        return new StorageProcs.VolGetInfoRet(i.type().value(), i.capacity(), i.allocation());
    }

    private static NameList poolNames(Session s, int flags, int max) {
        return new NameList(first(s.conn().listAllStoragePools(flags), max).stream().map(StoragePool::name).toList());
    }
}
