package io.vireo.api.spi;

import java.util.UUID;

/** Role: starting and stopping domains. State checks answer OPERATION_INVALID as libvirt does. */
public interface DomainLifecycle {
    DomainRef createXml(String xml, int flags);

    void start(UUID uuid, int flags);

    void shutdown(UUID uuid, int flags);

    void destroy(UUID uuid, int flags);

    void reboot(UUID uuid, int flags);

    void suspend(UUID uuid);

    void resume(UUID uuid);
}
