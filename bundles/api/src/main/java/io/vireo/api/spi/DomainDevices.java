package io.vireo.api.spi;

import java.util.UUID;

/**
 * Optional role: adding and removing devices ({@code virDomainAttachDeviceFlags},
 * {@code virDomainDetachDeviceFlags}) with {@link io.vireo.api.DomainFlags#AFFECT_LIVE} /
 * {@link io.vireo.api.DomainFlags#AFFECT_CONFIG} choosing the running guest, the persistent definition or
 * both (AFFECT_CURRENT: live if running, else config). {@code xml} is one device element
 * ({@code <disk>}, {@code <interface>}, ...). A device the driver cannot hot-plug fails with
 * OPERATION_UNSUPPORTED; one that is not there (detach) with DEVICE_MISSING.
 */
public interface DomainDevices {
    void attachDevice(UUID uuid, String xml, int flags);

    void detachDevice(UUID uuid, String xml, int flags);
}
