package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StorageVolume;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;
import io.vireo.core.audit.AuditTarget;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/** A storage pool handle: identity fixed at lookup, everything else read from the driver. */
final class StoragePoolHandle implements StoragePool {
    private final ConnectionImpl conn;
    private final String name;
    private final UUID uuid;

    StoragePoolHandle(ConnectionImpl conn, String name, UUID uuid) {
        this.conn = conn;
        this.name = name;
        this.uuid = uuid;
    }

    private StoragePools read(String api) {
        return conn.role(StoragePools.class, api);
    }

    private AuditTarget target() {
        return AuditTarget.of("pool", name, uuid);
    }

    /** A change to this pool, audited. */
    private void change(String api, Consumer<StoragePools> call) {
        conn.perform(api, StoragePools.class, target(), call);
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public StoragePoolInfo info() {
        return read("virStoragePoolGetInfo").info(uuid);
    }

    @Override
    public boolean isActive() {
        return read("virStoragePoolIsActive").isActive(uuid);
    }

    @Override
    public boolean isPersistent() {
        return read("virStoragePoolIsPersistent").isPersistent(uuid);
    }

    @Override
    public boolean autostart() {
        return read("virStoragePoolGetAutostart").autostart(uuid);
    }

    @Override
    public void setAutostart(boolean autostart) {
        change("virStoragePoolSetAutostart", p -> p.setAutostart(uuid, autostart));
    }

    @Override
    public String xmlDesc(int flags) {
        return read("virStoragePoolGetXMLDesc").xmlDesc(uuid, flags);
    }

    @Override
    public void build(int flags) {
        change("virStoragePoolBuild", p -> p.build(uuid, flags));
    }

    @Override
    public void create(int flags) {
        change("virStoragePoolCreate", p -> p.start(uuid, flags));
    }

    @Override
    public void destroy() {
        change("virStoragePoolDestroy", p -> p.destroy(uuid));
    }

    @Override
    public void delete(int flags) {
        change("virStoragePoolDelete", p -> p.delete(uuid, flags));
    }

    @Override
    public void undefine() {
        change("virStoragePoolUndefine", p -> p.undefine(uuid));
    }

    @Override
    public void refresh(int flags) {
        change("virStoragePoolRefresh", p -> p.refresh(uuid, flags));
    }

    @Override
    public List<StorageVolume> listAllVolumes(int flags) {
        return conn.role(StorageVolumes.class, "virStoragePoolListAllVolumes").listAll(uuid, flags).stream()
                .map(conn::volume).toList();
    }

    @Override
    public StorageVolume lookupVolumeByName(String volumeName) {
        return conn.volume(conn.role(StorageVolumes.class, "virStorageVolLookupByName").lookupByName(uuid, volumeName));
    }

    @Override
    public StorageVolume createVolume(String xml, int flags) {
        return conn.volume(conn.change("virStorageVolCreateXML", StorageVolumes.class,
                AuditTarget.of("volume", name + "/" + AuditTarget.UNKNOWN_NAME, null), StorageVolumeHandle::target,
                v -> v.create(uuid, xml, flags)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoragePoolHandle p && p.conn == conn && p.uuid.equals(uuid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conn, uuid);
    }
}
