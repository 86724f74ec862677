package io.vireo.api;

/** A handle on one storage volume (libvirt's virStorageVol). */
public interface StorageVolume {
    Connection connection();

    String poolName();

    String name();

    String key();

    String path();

    StorageVolumeInfo info();

    String xmlDesc(int flags);

    void delete(int flags);
}
