package io.vireo.jmx;

import io.vireo.api.Connection;
import io.vireo.api.StorageVolume;
import io.vireo.api.StorageVolumeInfo;

import java.util.function.Consumer;
import java.util.function.Function;

/** A storage volume MBean: found by pool and name each call, as virsh's vol commands find it. */
final class StorageVolumeBean implements StorageVolumeMBean {
    private final JmxConnections connections;
    private final String uri;
    private final String pool;
    private final String name;
    private final String key;
    private final String path;

    StorageVolumeBean(JmxConnections connections, String uri, StorageVolume volume) {
        this.connections = connections;
        this.uri = uri;
        this.pool = volume.poolName();
        this.name = volume.name();
        this.key = volume.key();
        this.path = volume.path();
    }

    private StorageVolume on(Connection c) {
        return c.lookupStoragePoolByName(pool).lookupVolumeByName(name);
    }

    private <R> R read(Function<StorageVolume, R> call) {
        return connections.read(uri, c -> call.apply(on(c)));
    }

    private <R> R info(Function<StorageVolumeInfo, R> field) {
        return read(v -> field.apply(v.info()));
    }

    private void change(Consumer<StorageVolume> call) {
        connections.run(uri, c -> call.accept(on(c)));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getPool() {
        return pool;
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public String getUri() {
        return uri;
    }

    @Override
    public String getType() {
        return info(i -> i.type().label());
    }

    @Override
    public long getCapacity() {
        return info(StorageVolumeInfo::capacity);
    }

    @Override
    public long getAllocation() {
        return info(StorageVolumeInfo::allocation);
    }

    @Override
    public void delete() {
        change(v -> v.delete(0));
    }

    @Override
    public String getXMLDesc(int flags) {
        return read(v -> v.xmlDesc(flags));
    }
}
