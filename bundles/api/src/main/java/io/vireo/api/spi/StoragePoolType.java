package io.vireo.api.spi;

import io.vireo.api.StoragePoolInfo;

/** A storage pool backend, registered with {@link #TYPE} naming the pool type ({@code dir}, {@code logical}, ...). */
public interface StoragePoolType {
    String TYPE = "vireo.storage.type";

    void build(String poolXml, int flags);

    void start(String poolXml);

    void stop(String poolXml);

    StoragePoolInfo refresh(String poolXml);
}
