package io.vireo.api.spi;

import java.util.List;
import java.util.UUID;

/** Role: virtual networks. Unknown networks fail with NO_NETWORK. */
public interface Networks {
    List<ObjectRef> listAll(int flags);

    ObjectRef lookupByName(String name);

    ObjectRef lookupByUuid(UUID uuid);

    ObjectRef define(String xml, int flags);

    ObjectRef createXml(String xml, int flags);

    void undefine(UUID uuid);

    void start(UUID uuid);

    void destroy(UUID uuid);

    String xmlDesc(UUID uuid, int flags);

    boolean isActive(UUID uuid);

    boolean isPersistent(UUID uuid);

    boolean autostart(UUID uuid);

    void setAutostart(UUID uuid, boolean autostart);

    String bridgeName(UUID uuid);
}
