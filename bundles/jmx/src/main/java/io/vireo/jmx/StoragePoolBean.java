package io.vireo.jmx;

import io.vireo.api.StoragePool;
import io.vireo.api.StoragePoolInfo;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** A storage pool MBean: fixed name and UUID, everything else asked of the driver on each call. */
final class StoragePoolBean implements StoragePoolMBean {
    private final JmxConnections connections;
    private final String uri;
    private final String name;
    private final UUID uuid;

    StoragePoolBean(JmxConnections connections, String uri, String name, UUID uuid) {
        this.connections = connections;
        this.uri = uri;
        this.name = name;
        this.uuid = uuid;
    }

    private <R> R read(Function<StoragePool, R> call) {
        return connections.read(uri, c -> call.apply(c.lookupStoragePoolByUuid(uuid)));
    }

    private <R> R info(Function<StoragePoolInfo, R> field) {
        return read(p -> field.apply(p.info()));
    }

    private void change(Consumer<StoragePool> call) {
        connections.run(uri, c -> call.accept(c.lookupStoragePoolByUuid(uuid)));
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
    public String getState() {
        return info(i -> i.state().label());
    }

    @Override
    public boolean isActive() {
        return read(StoragePool::isActive);
    }

    @Override
    public boolean isPersistent() {
        return read(StoragePool::isPersistent);
    }

    @Override
    public boolean isAutostart() {
        return read(StoragePool::autostart);
    }

    @Override
    public void setAutostart(boolean autostart) {
        change(p -> p.setAutostart(autostart));
    }

    @Override
    public long getCapacity() {
        return info(StoragePoolInfo::capacity);
    }

    @Override
    public long getAllocation() {
        return info(StoragePoolInfo::allocation);
    }

    @Override
    public long getAvailable() {
        return info(StoragePoolInfo::available);
    }

    @Override
    public void start() {
        change(p -> p.create(0));
    }

    @Override
    public void destroy() {
        change(StoragePool::destroy);
    }

    @Override
    public void build() {
        change(p -> p.build(0));
    }

    @Override
    public void delete() {
        change(p -> p.delete(0));
    }

    @Override
    public void undefine() {
        change(StoragePool::undefine);
    }

    @Override
    public void refresh() {
        change(p -> p.refresh(0));
    }

    @Override
    public String getXMLDesc(int flags) {
        return read(p -> p.xmlDesc(flags));
    }
}
