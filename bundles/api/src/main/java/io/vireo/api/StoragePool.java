package io.vireo.api;

import java.util.List;
import java.util.UUID;

/** A handle on one storage pool (libvirt's virStoragePool). */
public interface StoragePool {
    Connection connection();

    String name();

    UUID uuid();

    StoragePoolInfo info();

    boolean isActive();

    boolean isPersistent();

    boolean autostart();

    void setAutostart(boolean autostart);

    String xmlDesc(int flags);

    void build(int flags);

    void create(int flags);

    void destroy();

    void delete(int flags);

    void undefine();

    void refresh(int flags);

    List<StorageVolume> listAllVolumes(int flags);

    StorageVolume lookupVolumeByName(String name);

    StorageVolume createVolume(String xml, int flags);
}
