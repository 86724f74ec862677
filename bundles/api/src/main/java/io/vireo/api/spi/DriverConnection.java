package io.vireo.api.spi;

import io.vireo.api.ErrorDomain;

/**
 * One open driver instance: a table of operations split into roles. A driver implements only the roles
 * it supports; the core answers NO_SUPPORT for the rest.
 */
public interface DriverConnection extends AutoCloseable {

    /** The error domain this driver reports in (TEST, QEMU, ...). */
    ErrorDomain errorDomain();

    /** This connection as {@code role}, or null when the driver does not support it. */
    default <T> T role(Class<T> role) {
        return role.isInstance(this) ? role.cast(this) : null;
    }

    /** Releases what this connection holds; shared driver state stays. */
    @Override
    default void close() {
    }
}
