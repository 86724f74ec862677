package io.vireo.jmx;

import java.util.function.Supplier;

/** The daemon MBean: what the connection factory and the driver tracker know. */
final class DaemonBean implements DaemonMBean {
    private final JmxConnections connections;
    private final Supplier<String[]> drivers;

    DaemonBean(JmxConnections connections, Supplier<String[]> drivers) {
        this.connections = connections;
        this.drivers = drivers;
    }

    @Override
    public String getDefaultUri() {
        return connections.defaultUri();
    }

    @Override
    public String[] getDrivers() {
        return drivers.get();
    }

    @Override
    public int getOpenConnections() {
        return connections.openConnections();
    }
}
