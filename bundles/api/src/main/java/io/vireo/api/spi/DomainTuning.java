package io.vireo.api.spi;

import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.util.UUID;

/** Role: changing a domain's memory and vCPUs. */
public interface DomainTuning {
    void setMemory(UUID uuid, long kib, int flags);

    void setVcpus(UUID uuid, int count, int flags);

    /**
     * virDomainSetMemoryStatsPeriod: how often, in seconds, the guest's balloon driver reports its memory
     * statistics (0: never), for the running domain and/or its persistent definition ({@code flags}:
     * AFFECT_LIVE / AFFECT_CONFIG). A domain without a virtio memory balloon fails with OPERATION_INVALID.
     */
    default void setMemoryStatsPeriod(UUID uuid, int period, int flags) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainSetMemoryStatsPeriod");
    }
}
