package io.vireo.api.spi;

import io.vireo.api.StorageVolumeInfo;

import java.util.List;
import java.util.UUID;

/** Role: volumes inside storage pools. Unknown volumes fail with NO_STORAGE_VOL. */
public interface StorageVolumes {
    List<VolumeRef> listAll(UUID pool, int flags);

    VolumeRef lookupByName(UUID pool, String name);

    VolumeRef lookupByKey(String key);

    VolumeRef lookupByPath(String path);

    VolumeRef create(UUID pool, String xml, int flags);

    void delete(VolumeRef volume, int flags);

    StorageVolumeInfo info(VolumeRef volume);

    String xmlDesc(VolumeRef volume, int flags);
}
