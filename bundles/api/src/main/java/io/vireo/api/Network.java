package io.vireo.api;

import java.util.UUID;

/** A handle on one virtual network (libvirt's virNetwork). */
public interface Network {
    Connection connection();

    String name();

    UUID uuid();

    boolean isActive();

    boolean isPersistent();

    boolean autostart();

    void setAutostart(boolean autostart);

    /** The host bridge the network runs on, when it has one. */
    String bridgeName();

    String xmlDesc(int flags);

    void create();

    void destroy();

    void undefine();
}
