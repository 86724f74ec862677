package io.vireo.jmx;

import io.vireo.api.NodeInfo;

import java.util.function.Function;

/** The host MBean of one driver's default URI. */
final class HostBean implements HostMBean {
    private final JmxConnections connections;
    private final String uri;
    private final String driver;

    HostBean(JmxConnections connections, String uri, String driver) {
        this.connections = connections;
        this.uri = uri;
        this.driver = driver;
    }

    private <R> R node(Function<NodeInfo, R> field) {
        return connections.read(uri, c -> field.apply(c.nodeInfo()));
    }

    @Override
    public String getUri() {
        return uri;
    }

    @Override
    public String getDriver() {
        return driver;
    }

    @Override
    public String getType() {
        return connections.read(uri, c -> c.type());
    }

    @Override
    public String getHostname() {
        return connections.read(uri, c -> c.hostname());
    }

    @Override
    public long getHypervisorVersion() {
        return connections.read(uri, c -> c.hypervisorVersion());
    }

    @Override
    public String getCpuModel() {
        return node(NodeInfo::model);
    }

    @Override
    public long getMemoryKiB() {
        return node(NodeInfo::memoryKiB);
    }

    @Override
    public int getCpus() {
        return node(NodeInfo::cpus);
    }

    @Override
    public int getMhz() {
        return node(NodeInfo::mhz);
    }

    @Override
    public int getNodes() {
        return node(NodeInfo::nodes);
    }

    @Override
    public int getSockets() {
        return node(NodeInfo::sockets);
    }

    @Override
    public int getCores() {
        return node(NodeInfo::cores);
    }

    @Override
    public int getThreads() {
        return node(NodeInfo::threads);
    }

    @Override
    public String defineDomain(String xml) {
        return connections.change(uri, c -> c.defineDomain(xml, 0).name());
    }

    @Override
    public String createDomain(String xml) {
        return connections.change(uri, c -> c.createDomain(xml, 0).name());
    }

    @Override
    public String defineNetwork(String xml) {
        return connections.change(uri, c -> c.defineNetwork(xml, 0).name());
    }

    @Override
    public String defineStoragePool(String xml) {
        return connections.change(uri, c -> c.defineStoragePool(xml, 0).name());
    }
}
