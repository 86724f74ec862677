package io.vireo.remote.server;

/**
 * The remote server's keys in PID {@code io.vireo.daemon} ({@code etc/io.vireo.daemon.cfg}), named and
 * defaulted as in libvirtd.conf except where noted. The core designates the PID's metatype; this
 * interface only reads the keys the server needs (a double underscore is one underscore in the key).
 */
public @interface RemoteServerConfig {

    /** Accept plain TCP connections (libvirtd's default is off; Vireo's is on, bound to loopback). */
    boolean listen__tcp() default true;

    /** Address the TCP listener binds; never a wildcard unless configured so. */
    String listen__addr() default "127.0.0.1";

    int tcp__port() default 16509;

    /** Authentication on TCP: only {@code none} for now (sasl comes later). */
    String auth__tcp() default "none";

    /**
     * Directory of {@code libvirt-sock} (read-write) and {@code libvirt-sock-ro} (read-only); empty turns
     * the Unix sockets off. libvirtd uses /run/libvirt; Vireo keeps them under its run directory.
     */
    String unix__sock__dir() default "${karaf.base}/vireo/run/libvirt";

    String unix__sock__rw__perms() default "0700";

    String unix__sock__ro__perms() default "0777";

    String auth__unix__rw() default "none";

    String auth__unix__ro() default "none";

    /** Connections beyond this are closed as soon as they are accepted. */
    int max__clients() default 5000;

    /** Threads that run calls. */
    int max__workers() default 20;

    /** Extra threads that run only high-priority calls (destroy, lookups, state), so those never queue
     *  behind slow ones. */
    int prio__workers() default 5;

    /** Calls in progress over all clients; further calls wait unread. */
    int max__requests() default 20;

    /** Calls in progress per client; further calls wait unread on that client only. */
    int max__client__requests() default 5;

    /** Seconds of silence before the server pings a client that asked for keepalive; 0 or less: never. */
    int keepalive__interval() default 5;

    /** Unanswered pings after which the client is dropped. */
    int keepalive__count() default 5;
}
