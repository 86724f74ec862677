package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StorageVolume;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

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

    private StoragePools write(String api) {
        return conn.writeRole(StoragePools.class, api);
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
        write("virStoragePoolSetAutostart").setAutostart(uuid, autostart);
    }

    @Override
    public String xmlDesc(int flags) {
        return read("virStoragePoolGetXMLDesc").xmlDesc(uuid, flags);
    }

    @Override
    public void build(int flags) {
        write("virStoragePoolBuild").build(uuid, flags);
    }

    @Override
    public void create(int flags) {
        write("virStoragePoolCreate").start(uuid, flags);
    }

    @Override
    public void destroy() {
        write("virStoragePoolDestroy").destroy(uuid);
    }

    @Override
    public void delete(int flags) {
        write("virStoragePoolDelete").delete(uuid, flags);
    }

    @Override
    public void undefine() {
        write("virStoragePoolUndefine").undefine(uuid);
    }

    @Override
    public void refresh(int flags) {
        write("virStoragePoolRefresh").refresh(uuid, flags);
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
        return conn.volume(conn.writeRole(StorageVolumes.class, "virStorageVolCreateXML").create(uuid, xml, flags));
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
