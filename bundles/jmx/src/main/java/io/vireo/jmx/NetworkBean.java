package io.vireo.jmx;

import io.vireo.api.Network;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** A network MBean: fixed name and UUID, everything else asked of the driver on each call. */
final class NetworkBean implements NetworkMBean {
    private final JmxConnections connections;
    private final String uri;
    private final String name;
    private final UUID uuid;

    NetworkBean(JmxConnections connections, String uri, String name, UUID uuid) {
        this.connections = connections;
        this.uri = uri;
        this.name = name;
        this.uuid = uuid;
    }

    private <R> R read(Function<Network, R> call) {
        return connections.read(uri, c -> call.apply(c.lookupNetworkByUuid(uuid)));
    }

    private void change(Consumer<Network> call) {
        connections.run(uri, c -> call.accept(c.lookupNetworkByUuid(uuid)));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getUuid() {
        return uuid.toString();
    }

    @Override
    public String getUri() {
        return uri;
    }

    @Override
    public boolean isActive() {
        return read(Network::isActive);
    }

    @Override
    public boolean isPersistent() {
        return read(Network::isPersistent);
    }

    @Override
    public boolean isAutostart() {
        return read(Network::autostart);
    }

    @Override
    public void setAutostart(boolean autostart) {
        change(n -> n.setAutostart(autostart));
    }

    @Override
    public String getBridgeName() {
        return read(Network::bridgeName);
    }

    @Override
    public void start() {
        change(Network::create);
    }

    @Override
    public void destroy() {
        change(Network::destroy);
    }

    @Override
    public void undefine() {
        change(Network::undefine);
    }

    @Override
    public String getXMLDesc(int flags) {
        return read(n -> n.xmlDesc(flags));
    }
}
