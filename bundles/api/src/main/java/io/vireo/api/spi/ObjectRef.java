package io.vireo.api.spi;

import java.util.UUID;

/** What identifies a network or storage pool: name and UUID. */
public record ObjectRef(String name, UUID uuid) {
}
