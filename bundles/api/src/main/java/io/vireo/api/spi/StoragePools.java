package io.vireo.api.spi;

import io.vireo.api.StoragePoolInfo;

import java.util.List;
import java.util.UUID;

/** Role: storage pools. Unknown pools fail with NO_STORAGE_POOL. */
public interface StoragePools {
    List<ObjectRef> listAll(int flags);

    ObjectRef lookupByName(String name);

    ObjectRef lookupByUuid(UUID uuid);

    ObjectRef define(String xml, int flags);

    ObjectRef createXml(String xml, int flags);

    void undefine(UUID uuid);

    void build(UUID uuid, int flags);

    void start(UUID uuid, int flags);

    void destroy(UUID uuid);

    void delete(UUID uuid, int flags);

    void refresh(UUID uuid, int flags);

    String xmlDesc(UUID uuid, int flags);

    StoragePoolInfo info(UUID uuid);

    boolean isActive(UUID uuid);

    boolean isPersistent(UUID uuid);

    boolean autostart(UUID uuid);

    void setAutostart(UUID uuid, boolean autostart);
}
