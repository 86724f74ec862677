package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.Network;
import io.vireo.api.spi.Networks;
import io.vireo.core.audit.AuditTarget;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

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

    /** A change to this network, audited. */
    private void change(String api, Consumer<Networks> call) {
        conn.perform(api, Networks.class, AuditTarget.of("network", name, uuid), call);
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
        change("virNetworkSetAutostart", n -> n.setAutostart(uuid, autostart));
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
        change("virNetworkCreate", n -> n.start(uuid));
    }

    @Override
    public void destroy() {
        change("virNetworkDestroy", n -> n.destroy(uuid));
    }

    @Override
    public void undefine() {
        change("virNetworkUndefine", n -> n.undefine(uuid));
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
