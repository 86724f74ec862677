package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StoragePoolState;
import io.vireo.api.StorageVolumeInfo;
import io.vireo.api.StorageVolumeType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.ObjectRef;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;
import io.vireo.api.spi.VolumeRef;
import io.vireo.xml.VireoXml;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Storage pools and volumes of the test hypervisor. Like libvirt's test driver, every pool has 100 GiB
 * and volumes only take up accounting space: no file is written.
 */
final class TestStorage implements StoragePools, StorageVolumes {
    static final String COLLECTION = "storage";
    static final long DEFAULT_CAPACITY = 100L * 1024 * 1024 * 1024;

    /** One pool's state and volumes, guarded by the host's lock. */
    static final class TestPool extends TestObject<StoragePoolDef> {
        final Map<String, StorageVolumeDef> volumes = new LinkedHashMap<>();

        TestPool(StoragePoolDef def) {
            super(def);
        }

        @Override
        String name() {
            return def.getName();
        }

        @Override
        UUID uuid() {
            return def.getUuid();
        }
    }

    private final TestHost host;

    TestStorage(TestHost host) {
        this.host = host;
    }

    static void setDefaults(StoragePoolDef def) {
        def.setCapacity(DEFAULT_CAPACITY);
        def.setAllocation(0L);
        def.setAvailable(DEFAULT_CAPACITY);
    }

    private TestPool byUuid(UUID uuid) {
        return host.pools.get(uuid);
    }

    private TestPool byName(String name) {
        return host.pools.find(name);
    }

    private static void checkActive(TestPool p) {
        if (!p.active) {
            throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool '%s' is not active", p.name());
        }
    }

    // Pools

    @Override
    public List<ObjectRef> listAll(int flags) {
        synchronized (host) {
            return host.pools.list(flags);
        }
    }

    @Override
    public ObjectRef lookupByName(String name) {
        synchronized (host) {
            return host.pools.getByName(name).ref();
        }
    }

    @Override
    public ObjectRef lookupByUuid(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).ref();
        }
    }

    /** Adds or replaces a pool after libvirt's clash checks; {@code beforeChange} runs once they pass. */
    private TestPool add(StoragePoolDef def, Runnable beforeChange) {
        TestPool existing = host.pools.existingFor(def.getName(), def.getUuid());
        if (existing != null && existing.active) {
            throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool '%s' is already active", def.getName());
        }
        beforeChange.run();
        if (existing != null) {
            existing.def = def;
            return existing;
        }
        TestPool p = new TestPool(def);
        host.pools.put(p);
        return p;
    }

    @Override
    public ObjectRef define(String xml, int flags) {
        StoragePoolDef def = VireoXml.parsePool(xml);
        setDefaults(def);
        synchronized (host) {
            TestPool p = add(def, () -> host.store.save(COLLECTION, def.getName(), VireoXml.formatPool(def)));
            p.persistent = true;
            host.events.storagePool(def.getName(), def.getUuid(), StoragePoolEventType.DEFINED);
            return p.ref();
        }
    }

    @Override
    public ObjectRef createXml(String xml, int flags) {
        StoragePoolDef def = VireoXml.parsePool(xml);
        setDefaults(def);
        synchronized (host) {
            TestPool p = add(def, () -> { });
            p.active = true;
            host.events.storagePool(def.getName(), def.getUuid(), StoragePoolEventType.STARTED);
            return p.ref();
        }
    }

    @Override
    public void undefine(UUID uuid) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            if (p.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool '%s' is active", p.name());
            }
            host.store.delete(COLLECTION, p.name());
            host.pools.remove(uuid);
            host.events.storagePool(p.name(), uuid, StoragePoolEventType.UNDEFINED);
        }
    }

    @Override
    public void build(UUID uuid, int flags) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            if (p.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool '%s' is already active", p.name());
            }
            host.events.storagePool(p.name(), uuid, StoragePoolEventType.CREATED);
        }
    }

    @Override
    public void start(UUID uuid, int flags) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            if (p.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool '%s' is active", p.name());
            }
            p.active = true;
            host.events.storagePool(p.name(), uuid, StoragePoolEventType.STARTED);
        }
    }

    @Override
    public void destroy(UUID uuid) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            checkActive(p);
            p.active = false;
            host.events.storagePool(p.name(), uuid, StoragePoolEventType.STOPPED);
            if (!p.persistent) {
                host.pools.remove(uuid);
            }
        }
    }

    @Override
    public void delete(UUID uuid, int flags) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            if (p.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool '%s' is still active", p.name());
            }
            host.events.storagePool(p.name(), uuid, StoragePoolEventType.DELETED);
        }
    }

    @Override
    public void refresh(UUID uuid, int flags) {
        synchronized (host) {
            checkActive(byUuid(uuid));
        }
    }

    @Override
    public String xmlDesc(UUID uuid, int flags) {
        Errors.checkFlags(flags, 0, "testStoragePoolGetXMLDesc");
        synchronized (host) {
            return VireoXml.formatPool(byUuid(uuid).def);
        }
    }

    @Override
    public StoragePoolInfo info(UUID uuid) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            return new StoragePoolInfo(p.active ? StoragePoolState.RUNNING : StoragePoolState.INACTIVE,
                    p.def.getCapacity(), p.def.getAllocation(), p.def.getAvailable());
        }
    }

    @Override
    public boolean isActive(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).active;
        }
    }

    @Override
    public boolean isPersistent(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).persistent;
        }
    }

    @Override
    public boolean autostart(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).autostart;
        }
    }

    @Override
    public void setAutostart(UUID uuid, boolean autostart) {
        synchronized (host) {
            TestPool p = byUuid(uuid);
            if (!p.persistent) {
                throw Errors.of(ErrorCode.INVALID_ARG, "cannot set autostart for transient pool");
            }
            p.autostart = autostart;
            host.store.setAutostart(COLLECTION, p.name(), autostart);
        }
    }

    // Volumes

    private static VolumeRef ref(TestPool p, StorageVolumeDef v) {
        return new VolumeRef(p.name(), v.getName(), v.getKey(), v.getTargetPath());
    }

    @Override
    public List<VolumeRef> listAll(UUID pool, int flags) {
        synchronized (host) {
            TestPool p = byUuid(pool);
            if (!p.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "storage pool is not active");
            }
            return p.volumes.values().stream().map(v -> ref(p, v)).toList();
        }
    }

    @Override
    public VolumeRef lookupByName(UUID pool, String name) {
        synchronized (host) {
            TestPool p = byUuid(pool);
            checkActive(p);
            StorageVolumeDef v = p.volumes.get(name);
            if (v == null) {
                throw Errors.of(ErrorCode.NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
            }
            return ref(p, v);
        }
    }

    private VolumeRef find(java.util.function.Predicate<StorageVolumeDef> match, String what, String value) {
        for (TestPool p : host.pools.values()) {
            if (!p.active) {
                continue;
            }
            for (StorageVolumeDef v : p.volumes.values()) {
                if (match.test(v)) {
                    return ref(p, v);
                }
            }
        }
        throw Errors.of(ErrorCode.NO_STORAGE_VOL, "no storage vol with matching %s '%s'", what, value);
    }

    @Override
    public VolumeRef lookupByKey(String key) {
        synchronized (host) {
            return find(v -> key.equals(v.getKey()), "key", key);
        }
    }

    @Override
    public VolumeRef lookupByPath(String path) {
        synchronized (host) {
            return find(v -> path.equals(v.getTargetPath()), "path", path);
        }
    }

    @Override
    public VolumeRef create(UUID pool, String xml, int flags) {
        StorageVolumeDef def = VireoXml.parseVolume(xml);
        synchronized (host) {
            TestPool p = byUuid(pool);
            checkActive(p);
            if (p.volumes.containsKey(def.getName())) {
                throw Errors.of(ErrorCode.OPERATION_FAILED, "storage vol already exists");
            }
            if (p.def.getAvailable() < def.allocationOrCapacity()) {
                throw Errors.of(ErrorCode.INTERNAL_ERROR, "Not enough free space in pool for volume '%s'",
                        def.getName());
            }
            String path = p.def.getTargetPath() + "/" + def.getName();
            def.setType(def.getType() == null ? "file" : def.getType());
            def.setTargetPath(path);
            def.setKey(path);
            if (def.getTargetFormat() == null) {
                def.setTargetFormat("raw");
            }
            p.volumes.put(def.getName(), def);
            p.def.setAllocation(p.def.getAllocation() + def.allocationOrCapacity());
            p.def.setAvailable(p.def.getCapacity() - p.def.getAllocation());
            host.events.storageVolume(p.name(), def.getName(), def.getKey(), StorageVolumeEventType.CREATED);
            return ref(p, def);
        }
    }

    private StorageVolumeDef volume(VolumeRef ref) {
        TestPool p = byName(ref.pool());
        StorageVolumeDef v = p == null ? null : p.volumes.get(ref.name());
        if (v == null || !p.active) {
            throw Errors.of(ErrorCode.NO_STORAGE_VOL, "no storage vol with matching name '%s'", ref.name());
        }
        return v;
    }

    @Override
    public void delete(VolumeRef ref, int flags) {
        synchronized (host) {
            StorageVolumeDef v = volume(ref);
            TestPool p = byName(ref.pool());
            p.volumes.remove(v.getName());
            p.def.setAllocation(p.def.getAllocation() - v.allocationOrCapacity());
            p.def.setAvailable(p.def.getCapacity() - p.def.getAllocation());
            host.events.storageVolume(p.name(), v.getName(), v.getKey(), StorageVolumeEventType.DELETED);
        }
    }

    @Override
    public StorageVolumeInfo info(VolumeRef ref) {
        synchronized (host) {
            StorageVolumeDef v = volume(ref);
            return new StorageVolumeInfo(StorageVolumeType.fromLabel(v.getType()), v.getCapacity(), v.allocationOrCapacity());
        }
    }

    @Override
    public String xmlDesc(VolumeRef ref, int flags) {
        synchronized (host) {
            return VireoXml.formatVolume(volume(ref));
        }
    }
}
