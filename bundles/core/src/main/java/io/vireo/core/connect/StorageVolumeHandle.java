package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.StorageVolume;
import io.vireo.api.StorageVolumeInfo;
import io.vireo.api.spi.StorageVolumes;
import io.vireo.api.spi.VolumeRef;
import io.vireo.core.audit.AuditTarget;

/** A storage volume handle: pool, name, key and path fixed at lookup. */
final class StorageVolumeHandle implements StorageVolume {
    private final ConnectionImpl conn;
    private final VolumeRef ref;

    StorageVolumeHandle(ConnectionImpl conn, VolumeRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String poolName() {
        return ref.pool();
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public String key() {
        return ref.key();
    }

    @Override
    public String path() {
        return ref.path();
    }

    @Override
    public StorageVolumeInfo info() {
        return conn.role(StorageVolumes.class, "virStorageVolGetInfo").info(ref);
    }

    @Override
    public String xmlDesc(int flags) {
        return conn.role(StorageVolumes.class, "virStorageVolGetXMLDesc").xmlDesc(ref, flags);
    }

    @Override
    public void delete(int flags) {
        conn.perform("virStorageVolDelete", StorageVolumes.class, target(ref), v -> v.delete(ref, flags));
    }

    /** A volume as the audit log names it: {@code volume=<pool>/<name>}. */
    static AuditTarget target(VolumeRef ref) {
        return AuditTarget.of("volume", ref.pool() + "/" + ref.name(), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageVolumeHandle v && v.conn == conn && v.ref.key().equals(ref.key());
    }

    @Override
    public int hashCode() {
        return ref.key().hashCode();
    }
}
