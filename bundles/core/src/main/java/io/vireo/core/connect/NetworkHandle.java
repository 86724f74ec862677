package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.Network;
import io.vireo.api.spi.Networks;

import java.util.Objects;
import java.util.UUID;

/** A network handle: identity fixed at lookup, everything else read from the driver. */
final class NetworkHandle implements Network {
    private final ConnectionImpl conn;
    private final String name;
    private final UUID uuid;

    NetworkHandle(ConnectionImpl conn, String name, UUID uuid) {
        this.conn = conn;
        this.name = name;
        this.uuid = uuid;
    }

    private Networks read(String api) {
        return conn.role(Networks.class, api);
    }

    private Networks write(String api) {
        return conn.writeRole(Networks.class, api);
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public boolean isActive() {
        return read("virNetworkIsActive").isActive(uuid);
    }

    @Override
    public boolean isPersistent() {
        return read("virNetworkIsPersistent").isPersistent(uuid);
    }

    @Override
    public boolean autostart() {
        return read("virNetworkGetAutostart").autostart(uuid);
    }

    @Override
    public void setAutostart(boolean autostart) {
        write("virNetworkSetAutostart").setAutostart(uuid, autostart);
    }

    @Override
    public String bridgeName() {
        return read("virNetworkGetBridgeName").bridgeName(uuid);
    }

    @Override
    public String xmlDesc(int flags) {
        return read("virNetworkGetXMLDesc").xmlDesc(uuid, flags);
    }

    @Override
    public void create() {
        write("virNetworkCreate").start(uuid);
    }

    @Override
    public void destroy() {
        write("virNetworkDestroy").destroy(uuid);
    }

    @Override
    public void undefine() {
        write("virNetworkUndefine").undefine(uuid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkHandle n && n.conn == conn && n.uuid.equals(uuid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conn, uuid);
    }
}
