package io.vireo.api;

/**
 * Entry point of the API, registered as an OSGi service by the core: opens connections by libvirt URI
 * ({@code test:///default}, {@code kvm:///system}, {@code qemu+tcp://host/system}).
 *
 * <p>Every connection is opened on behalf of a principal: the name the audit log gives every change
 * made through it. Surfaces that know their user pass it ({@link #open(String, boolean, String)}); the
 * shorter forms take the calling thread's JAAS user ({@link Caller#current()}).
 */
public interface ConnectionFactory {
    /** Opens a read-write connection for the calling thread's JAAS user. */
    default Connection open(String uri) {
        return open(uri, false);
    }

    /**
     * Opens a connection for the calling thread's JAAS user; a read-only one refuses every call that
     * changes anything (OPERATION_DENIED).
     */
    default Connection open(String uri, boolean readOnly) {
        return open(uri, readOnly, Caller.current());
    }

    /**
     * Opens a connection on behalf of {@code principal}, e.g. {@code karaf@jmx(127.0.0.1)} or
     * {@code alice@remote(10.0.0.5:51234)} (see {@link Caller}); a read-only one refuses every call that
     * changes anything (OPERATION_DENIED).
     */
    Connection open(String uri, boolean readOnly, String principal);

    /** The URI used when a caller names none (ConfigAdmin {@code io.vireo.daemon}, key {@code uri_default}). */
    String defaultUri();

    /** How many connections are open now, for monitoring (libvirt's admin API counts clients alike). */
    int openConnectionCount();
}
