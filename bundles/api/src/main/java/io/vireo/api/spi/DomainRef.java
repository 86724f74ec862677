package io.vireo.api.spi;

import java.util.UUID;

/** What identifies a domain at the time a driver answered: name, UUID and id (-1 when inactive). */
public record DomainRef(String name, UUID uuid, int id) {
}
