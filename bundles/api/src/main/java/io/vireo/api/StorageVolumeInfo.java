package io.vireo.api;

/** libvirt's virStorageVolInfo, sizes in bytes. */
public record StorageVolumeInfo(StorageVolumeType type, long capacity, long allocation) {
}
