package io.vireo.jmx;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainInfo;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** A domain MBean: fixed name and UUID, everything else asked of the driver on each call. */
final class DomainBean implements DomainMBean {
    private final JmxConnections connections;
    private final String uri;
    private final String name;
    private final UUID uuid;

    DomainBean(JmxConnections connections, String uri, String name, UUID uuid) {
        this.connections = connections;
        this.uri = uri;
        this.name = name;
        this.uuid = uuid;
    }

    private static Domain on(Connection c, UUID uuid) {
        return c.lookupDomainByUuid(uuid);
    }

    private <R> R read(Function<Domain, R> call) {
        return connections.read(uri, c -> call.apply(on(c, uuid)));
    }

    private <R> R info(Function<DomainInfo, R> field) {
        return read(d -> field.apply(d.info()));
    }

    private void change(Consumer<Domain> call) {
        connections.run(uri, c -> call.accept(on(c, uuid)));
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
    public int getId() {
        return read(Domain::id);
    }

    @Override
    public String getState() {
        return read(d -> d.state().state().label());
    }

    @Override
    public int getStateReason() {
        return read(d -> d.state().reason());
    }

    @Override
    public boolean isActive() {
        return read(Domain::isActive);
    }

    @Override
    public boolean isPersistent() {
        return read(Domain::isPersistent);
    }

    @Override
    public boolean isAutostart() {
        return read(Domain::autostart);
    }

    @Override
    public void setAutostart(boolean autostart) {
        change(d -> d.setAutostart(autostart));
    }

    @Override
    public int getVcpus() {
        return info(DomainInfo::vcpus);
    }

    @Override
    public long getMemoryKiB() {
        return info(DomainInfo::memoryKiB);
    }

    @Override
    public long getMaxMemoryKiB() {
        return info(DomainInfo::maxMemoryKiB);
    }

    @Override
    public long getCpuTimeNanos() {
        return info(DomainInfo::cpuTimeNanos);
    }

    @Override
    public void start() {
        change(d -> d.create(0));
    }

    @Override
    public void shutdown() {
        change(d -> d.shutdown(0));
    }

    @Override
    public void destroy() {
        change(d -> d.destroy(0));
    }

    @Override
    public void reboot() {
        change(d -> d.reboot(0));
    }

    @Override
    public void suspend() {
        change(Domain::suspend);
    }

    @Override
    public void resume() {
        change(Domain::resume);
    }

    @Override
    public void undefine() {
        change(d -> d.undefine(0));
    }

    @Override
    public String getXMLDesc(int flags) {
        return read(d -> d.xmlDesc(flags));
    }
}
