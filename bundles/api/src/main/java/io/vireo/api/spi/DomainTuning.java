package io.vireo.api.spi;

import java.util.UUID;

/** Role: changing a domain's memory and vCPUs. */
public interface DomainTuning {
    void setMemory(UUID uuid, long kib, int flags);

    void setVcpus(UUID uuid, int count, int flags);
}
