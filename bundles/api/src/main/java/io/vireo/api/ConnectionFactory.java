package io.vireo.api;

/**
 * Entry point of the API, registered as an OSGi service by the core: opens connections by libvirt URI
 * ({@code test:///default}, {@code kvm:///system}, {@code qemu+tcp://host/system}).
 */
public interface ConnectionFactory {
    /** Opens a read-write connection. */
    default Connection open(String uri) {
        return open(uri, false);
    }

    /** Opens a connection; a read-only one refuses every call that changes anything (OPERATION_DENIED). */
    Connection open(String uri, boolean readOnly);

    /** The URI used when a caller names none (ConfigAdmin {@code io.vireo.daemon}, key {@code uri_default}). */
    String defaultUri();
}
