package io.vireo.jmx;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.ErrorCode;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;
import io.vireo.api.event.EventTopics;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ObjectName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The MBeans of one driver's default URI: its host and one per domain, network, storage pool and volume.
 * A scan makes them when the driver arrives; afterwards each lifecycle event of the URI is sent as a
 * notification (from the host, and from the object's MBean while it exists) and then the object it names
 * is looked up again, so its MBean exists exactly while the object does. Runs on one thread only.
 */
final class DriverView {
    private static final Logger LOG = LoggerFactory.getLogger(DriverView.class);

    private final String scheme;
    private final String uri;
    private final JmxConnections connections;
    private final MBeanExporter exporter;
    private final LifecycleNotifications notifications;

    DriverView(String scheme, String uri, JmxConnections connections, MBeanExporter exporter,
               LifecycleNotifications notifications) {
        this.scheme = scheme;
        this.uri = uri;
        this.connections = connections;
        this.exporter = exporter;
        this.notifications = notifications;
    }

    String uri() {
        return uri;
    }

    /** Exports the host and every object of the URI; fails with the driver's error if it cannot connect. */
    void scan() {
        Connection c = connections.reader(uri);
        exporter.export(ObjectNames.host(scheme), new HostBean(connections, uri, scheme), HostMBean.class,
                LifecycleNotifications.hostInfo());
        for (Domain d : supported(() -> c.listAllDomains(0))) {
            exportDomain(d.name(), d.uuid());
        }
        for (Network n : supported(() -> c.listAllNetworks(0))) {
            exportNetwork(n.name(), n.uuid());
        }
        for (StoragePool p : supported(() -> c.listAllStoragePools(0))) {
            exportPool(p.name(), p.uuid());
            syncVolumes(p);
        }
    }

    /** Unexports everything of this driver. */
    void close() {
        exporter.unexportAll(n -> scheme.equals(n.getKeyProperty("driver")));
        connections.forget(uri);
    }

    void onEvent(Event event) {
        String topic = event.getTopic();
        String name = (String) event.getProperty(EventTopics.PROP_NAME);
        String uuidText = (String) event.getProperty(EventTopics.PROP_UUID);
        UUID uuid = uuidText == null ? null : UUID.fromString(uuidText);
        ObjectName object = objectName(topic, name, (String) event.getProperty(EventTopics.PROP_POOL));
        exporter.notify(ObjectNames.host(scheme), source -> notifications.of(event, source));
        exporter.notify(object, source -> notifications.of(event, source));
        try {
            Connection c = connections.reader(uri);
            if (topic.startsWith(EventTopics.DOMAIN)) {
                follow(object, () -> c.lookupDomainByUuid(uuid), d -> exportDomain(d.name(), d.uuid()));
            } else if (topic.startsWith(EventTopics.NETWORK)) {
                follow(object, () -> c.lookupNetworkByUuid(uuid), n -> exportNetwork(n.name(), n.uuid()));
            } else if (topic.startsWith(EventTopics.STORAGE_POOL)) {
                StoragePool p = follow(object, () -> c.lookupStoragePoolByUuid(uuid), x -> exportPool(x.name(), x.uuid()));
                if (p == null) {
                    exporter.unexportAll(n -> isVolumeOf(n, name));
                } else {
                    syncVolumes(p);
                }
            } else if (topic.startsWith(EventTopics.STORAGE_VOLUME)) {
                String pool = (String) event.getProperty(EventTopics.PROP_POOL);
                follow(object, () -> c.lookupStoragePoolByName(pool).lookupVolumeByName(name), this::exportVolume);
            }
        } catch (VirtException e) {
            LOG.debug("Cannot follow {} on {}: {}", topic, uri, e.getMessage());
        }
    }

    /**
     * Looks the object up again: exports it when found, unexports {@code object} when the driver says it
     * is gone. Returns the object, or null when it is gone.
     */
    private <T> T follow(ObjectName object, Supplier<T> lookup, Consumer<T> export) {
        T found;
        try {
            found = lookup.get();
        } catch (VirtException e) {
            if (isNotFound(e.code())) {
                exporter.unexport(object);
                return null;
            }
            throw e;
        }
        export.accept(found);
        return found;
    }

    private static boolean isNotFound(ErrorCode code) {
        return code == ErrorCode.NO_DOMAIN || code == ErrorCode.NO_NETWORK || code == ErrorCode.NO_STORAGE_POOL
                || code == ErrorCode.NO_STORAGE_VOL;
    }

    private void syncVolumes(StoragePool pool) {
        Set<ObjectName> present = new HashSet<>();
        if (pool.isActive()) {
            for (StorageVolume v : supported(() -> pool.listAllVolumes(0))) {
                present.add(exportVolume(v));
            }
        }
        exporter.unexportAll(n -> isVolumeOf(n, pool.name()) && !present.contains(n));
    }

    private boolean isVolumeOf(ObjectName n, String pool) {
        return "StorageVolume".equals(n.getKeyProperty("type")) && scheme.equals(n.getKeyProperty("driver"))
                && ObjectNames.value(pool).equals(n.getKeyProperty("pool"));
    }

    private ObjectName objectName(String topic, String name, String pool) {
        if (topic.startsWith(EventTopics.DOMAIN)) {
            return ObjectNames.domain(scheme, name);
        } else if (topic.startsWith(EventTopics.NETWORK)) {
            return ObjectNames.network(scheme, name);
        } else if (topic.startsWith(EventTopics.STORAGE_POOL)) {
            return ObjectNames.storagePool(scheme, name);
        }
        return ObjectNames.storageVolume(scheme, pool, name);
    }

    private void exportDomain(String name, UUID uuid) {
        exporter.export(ObjectNames.domain(scheme, name), new DomainBean(connections, uri, name, uuid),
                DomainMBean.class, LifecycleNotifications.domainInfo());
    }

    private void exportNetwork(String name, UUID uuid) {
        exporter.export(ObjectNames.network(scheme, name), new NetworkBean(connections, uri, name, uuid),
                NetworkMBean.class, LifecycleNotifications.networkInfo());
    }

    private void exportPool(String name, UUID uuid) {
        exporter.export(ObjectNames.storagePool(scheme, name), new StoragePoolBean(connections, uri, name, uuid),
                StoragePoolMBean.class, LifecycleNotifications.poolInfo());
    }

    private ObjectName exportVolume(StorageVolume v) {
        ObjectName name = ObjectNames.storageVolume(scheme, v.poolName(), v.name());
        exporter.export(name, new StorageVolumeBean(connections, uri, v), StorageVolumeMBean.class,
                LifecycleNotifications.volumeInfo());
        return name;
    }

    /** The list, or nothing when the driver does not have that kind of object at all. */
    private static <T> List<T> supported(Supplier<List<T>> list) {
        try {
            return list.get();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                return List.of();
            }
            throw e;
        }
    }
}
