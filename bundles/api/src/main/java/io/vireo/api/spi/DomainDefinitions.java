package io.vireo.api.spi;

import io.vireo.api.DomainInfo;
import io.vireo.api.DomainStateReason;
import io.vireo.api.SecurityLabel;

import java.util.List;
import java.util.UUID;

/**
 * Role: the driver's domains, their definitions and what can be read of them. Lookups of an unknown
 * domain fail with NO_DOMAIN.
 */
public interface DomainDefinitions {
    List<DomainRef> listAll(int flags);

    DomainRef lookupByName(String name);

    DomainRef lookupByUuid(UUID uuid);

    DomainRef lookupById(int id);

    DomainRef define(String xml, int flags);

    void undefine(UUID uuid, int flags);

    String xmlDesc(UUID uuid, int flags);

    String osType(UUID uuid);

    DomainInfo info(UUID uuid);

    DomainStateReason state(UUID uuid);

    boolean isPersistent(UUID uuid);

    boolean autostart(UUID uuid);

    void setAutostart(UUID uuid, boolean autostart);

    boolean hasManagedSaveImage(UUID uuid);

    SecurityLabel securityLabel(UUID uuid);
}
