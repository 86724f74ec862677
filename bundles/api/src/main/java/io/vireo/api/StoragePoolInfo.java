package io.vireo.api;

/** libvirt's virStoragePoolInfo, sizes in bytes. */
public record StoragePoolInfo(StoragePoolState state, long capacity, long allocation, long available) {
}
