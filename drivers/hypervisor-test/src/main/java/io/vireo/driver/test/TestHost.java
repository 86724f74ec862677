package io.vireo.driver.test;

import io.vireo.api.DomainState;
import io.vireo.api.ErrorCode;
import io.vireo.api.ListFlags;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.NodeInfo;
import io.vireo.api.spi.DefinitionStore;
import io.vireo.api.spi.EventSink;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.network.NetworkDef;
import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One test hypervisor: its host facts and objects. All state is guarded by this object's monitor, like
 * the single driver lock of libvirt's test driver; calls are short, so one lock is enough.
 */
final class TestHost {
    final NodeInfo node;
    final EventSink events;
    final DefinitionStore store;
    final DomainTable domains = new DomainTable();
    final ObjectTable<TestNetworks.TestNetwork> networks = new ObjectTable<>("network", "network",
            ErrorCode.NO_NETWORK, new ObjectTable.Filters(ListFlags.NETWORK_ACTIVE, ListFlags.NETWORK_INACTIVE,
            ListFlags.NETWORK_PERSISTENT, ListFlags.NETWORK_TRANSIENT, ListFlags.NETWORK_AUTOSTART,
            ListFlags.NETWORK_NO_AUTOSTART));
    final ObjectTable<TestStorage.TestPool> pools = new ObjectTable<>("pool", "storage pool",
            ErrorCode.NO_STORAGE_POOL, new ObjectTable.Filters(ListFlags.POOL_ACTIVE, ListFlags.POOL_INACTIVE,
            ListFlags.POOL_PERSISTENT, ListFlags.POOL_TRANSIENT, ListFlags.POOL_AUTOSTART,
            ListFlags.POOL_NO_AUTOSTART));
    int nextDomainId = 1;

    private TestHost(NodeInfo node, EventSink events, DefinitionStore store) {
        this.node = node;
        this.events = events;
        this.store = store;
    }

    /**
     * A host whose objects come from {@code store} when it holds any, else from the fixture, which then
     * seeds the store. Fixture objects start out running/active, as in libvirt; stored ones start inactive
     * (a restart of the daemon is a reboot of the test host), and the autostart pass starts what is marked.
     */
    static TestHost fromStoreOrFixture(NodeFixture fixture, EventSink events, DefinitionStore store) {
        TestHost host = new TestHost(fixture.node(), events, store);
        boolean stored = !store.loadAll(TestDomains.COLLECTION).isEmpty()
                || !store.loadAll(TestNetworks.COLLECTION).isEmpty()
                || !store.loadAll(TestStorage.COLLECTION).isEmpty();
        if (stored) {
            host.loadStore();
        } else {
            host.loadFixture(fixture, true);
        }
        return host;
    }

    /** A private host made only from a fixture (test:///path/file.xml); nothing is stored. */
    static TestHost fromFixture(NodeFixture fixture, EventSink events, DefinitionStore store) {
        TestHost host = new TestHost(fixture.node(), events, store);
        host.loadFixture(fixture, false);
        return host;
    }

    private void loadFixture(NodeFixture fixture, boolean save) {
        for (String xml : fixture.networks()) {
            NetworkDef def = TestNetworks.parse(xml);
            TestNetworks.TestNetwork n = new TestNetworks.TestNetwork(def);
            n.active = true;
            n.persistent = true;
            networks.put(n);
            if (save) {
                store.save(TestNetworks.COLLECTION, def.getName(), VireoXml.formatNetwork(def));
            }
        }
        for (NodeFixture.Pool pool : fixture.pools()) {
            StoragePoolDef def = VireoXml.parsePool(pool.xml());
            TestStorage.TestPool p = new TestStorage.TestPool(def);
            p.active = true;
            p.persistent = true;
            for (String volumeXml : pool.volumes()) {
                StorageVolumeDef v = VireoXml.parseVolume(volumeXml);
                String path = def.getTargetPath() + "/" + v.getName();
                v.setTargetPath(v.getTargetPath() == null ? path : v.getTargetPath());
                v.setKey(v.getKey() == null ? v.getTargetPath() : v.getKey());
                p.volumes.put(v.getName(), v);
            }
            pools.put(p);
            if (save) {
                store.save(TestStorage.COLLECTION, def.getName(), VireoXml.formatPool(def));
            }
        }
        for (String xml : fixture.domains()) {
            DomainDef def = TestDomains.parse(xml);
            TestDomain d = new TestDomain(def);
            d.persistent = true;
            d.keepPersistentDefApart();
            d.id = nextDomainId++;
            def.setId(d.id);
            // libvirt's fixture domains run without a recorded reason: domstate --reason says "unknown".
            d.setState(DomainState.RUNNING, Reasons.UNKNOWN);
            domains.put(def.getUuid(), d);
            if (save) {
                saveDomain(d);
            }
        }
    }

    private void loadStore() {
        store.loadAll(TestNetworks.COLLECTION).forEach((name, xml) -> {
            NetworkDef def = TestNetworks.parse(xml);
            TestNetworks.TestNetwork n = new TestNetworks.TestNetwork(def);
            n.persistent = true;
            n.autostart = store.isAutostart(TestNetworks.COLLECTION, name);
            networks.put(n);
        });
        store.loadAll(TestStorage.COLLECTION).forEach((name, xml) -> {
            StoragePoolDef def = VireoXml.parsePool(xml);
            TestStorage.setDefaults(def);
            TestStorage.TestPool p = new TestStorage.TestPool(def);
            p.persistent = true;
            p.autostart = store.isAutostart(TestStorage.COLLECTION, name);
            pools.put(p);
        });
        store.loadAll(TestDomains.COLLECTION).forEach((name, xml) -> {
            DomainDef def = TestDomains.parse(xml);
            TestDomain d = new TestDomain(def);
            d.persistent = true;
            d.autostart = store.isAutostart(TestDomains.COLLECTION, name);
            d.setState(DomainState.SHUTOFF, Reasons.UNKNOWN);
            domains.put(def.getUuid(), d);
            store.loadAll(snapshotCollection(d)).forEach((snapName, snapXml) -> {
                SnapshotDef snap = VireoXml.parseSnapshot(snapXml);
                d.snapshots.put(snap.getName(), new TestSnapshot(snap));
            });
            d.currentSnapshot = d.snapshots.keySet().stream().reduce((a, b) -> b).orElse(null);
        });
    }

    private static String snapshotCollection(TestDomain d) {
        return "snapshots/" + d.name();
    }

    void saveDomain(TestDomain d) {
        DomainDef def = d.persistentDef().copy();
        def.setId(null);
        store.save(TestDomains.COLLECTION, d.name(), VireoXml.formatDomain(def));
    }

    void saveSnapshot(TestDomain d, TestSnapshot s) {
        if (d.persistent) {
            store.save(snapshotCollection(d), s.name(), VireoXml.formatSnapshot(s.def()));
        }
    }

    void deleteSnapshot(TestDomain d, String name) {
        store.delete(snapshotCollection(d), name);
    }

    void deleteSnapshots(TestDomain d) {
        for (String name : d.snapshots.keySet()) {
            deleteSnapshot(d, name);
        }
        d.snapshots.clear();
        d.currentSnapshot = null;
    }
}
