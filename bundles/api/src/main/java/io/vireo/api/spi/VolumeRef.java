package io.vireo.api.spi;

/** What identifies a storage volume: its pool, name, key and path. */
public record VolumeRef(String pool, String name, String key, String path) {
}
