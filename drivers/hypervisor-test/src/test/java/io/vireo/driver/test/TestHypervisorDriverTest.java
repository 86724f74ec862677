package io.vireo.driver.test;

import io.vireo.api.ConnectUri;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.ErrorCode;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.DefinitionStore;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.EventSink;
import io.vireo.api.spi.Networks;
import io.vireo.api.spi.StoragePools;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestHypervisorDriverTest {
    private static final UUID TEST_UUID = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");

    /** Events as "DOMAIN name TYPE detail" lines. */
    final List<String> events = new ArrayList<>();
    final MapStore store = new MapStore();

    final EventSink sink = new EventSink() {
        @Override
        public void domain(String name, UUID uuid, DomainEventType type, int detail) {
            events.add("domain " + name + " " + type + " " + detail);
        }

        @Override
        public void network(String name, UUID uuid, NetworkEventType type) {
            events.add("network " + name + " " + type);
        }

        @Override
        public void storagePool(String name, UUID uuid, StoragePoolEventType type) {
            events.add("pool " + name + " " + type);
        }

        @Override
        public void storageVolume(String pool, String name, String key, StorageVolumeEventType type) {
            events.add("volume " + name + " " + type);
        }
    };

    DriverConnection open(TestHypervisorDriver driver) {
        return driver.open(ConnectUri.parse("test:///default"), new DriverContext() {
            public String uri() {
                return "test:///default";
            }

            public EventSink events() {
                return sink;
            }

            public DefinitionStore definitions() {
                return store;
            }

            public Path runDirectory() {
                return Path.of("/nonexistent");
            }
        });
    }

    @Test
    void defaultFixturesMatchLibvirts() throws Exception {
        DriverConnection c = open(new TestHypervisorDriver());
        DomainDefinitions defs = c.role(DomainDefinitions.class);
        DomainRef test = defs.lookupByName("test");
        assertEquals(new DomainRef("test", TEST_UUID, 1), test);
        assertEquals(DomainState.RUNNING, defs.state(TEST_UUID).state());
        try (InputStream in = getClass().getResourceAsStream("test-domain.xml")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(),
                    defs.xmlDesc(TEST_UUID, 0).strip());
        }
        assertEquals("default", c.role(Networks.class).listAll(0).get(0).name());
        assertEquals("virbr0", c.role(Networks.class).bridgeName(c.role(Networks.class).listAll(0).get(0).uuid()));
        assertEquals("default-pool", c.role(StoragePools.class).listAll(ListFlags.POOL_ACTIVE).get(0).name());
    }

    @Test
    void stateMachineAnswersAsLibvirtsTestDriver() {
        DriverConnection c = open(new TestHypervisorDriver());
        DomainDefinitions defs = c.role(DomainDefinitions.class);
        DomainLifecycle life = c.role(DomainLifecycle.class);
        DomainRef vm = defs.define("<domain type='test'><name>vm1</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0);
        UUID u = vm.uuid();
        VirtException e = assertThrows(VirtException.class, () -> life.suspend(u));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertEquals("internal error: domain 'vm1' not running", e.getMessage());
        e = assertThrows(VirtException.class, () -> life.destroy(u, 0));
        assertEquals("Requested operation is not valid: domain is not running", e.getMessage());
        life.start(u, 0);
        assertEquals(2, defs.lookupByUuid(u).id());
        life.suspend(u);
        life.resume(u);
        life.shutdown(u, 0);
        assertEquals(DomainState.SHUTOFF, defs.state(u).state());
        assertEquals(List.of("domain vm1 DEFINED 0", "domain vm1 STARTED 0", "domain vm1 SUSPENDED 0",
                "domain vm1 RESUMED 0", "domain vm1 STOPPED 0"), events);

        e = assertThrows(VirtException.class, () -> defs.define(
                "<domain type='test'><name>vm1</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0));
        assertEquals(ErrorCode.OPERATION_FAILED, e.code());
        assertEquals("operation failed: domain 'vm1' already exists with uuid " + u, e.getMessage());
    }

    @Test
    void aFailedWriteChangesNothing() {
        DriverConnection c = open(new TestHypervisorDriver());
        store.failWrites = true;
        VirtException e = assertThrows(VirtException.class, () -> c.role(DomainDefinitions.class).define(
                "<domain type='test'><name>lost</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0));
        assertEquals(ErrorCode.WRITE_FAILED, e.code());
        assertEquals(ErrorCode.NO_DOMAIN,
                assertThrows(VirtException.class, () -> c.role(DomainDefinitions.class).lookupByName("lost")).code());
        assertThrows(VirtException.class, () -> c.role(Networks.class).define(
                "<network><name>lostnet</name></network>", 0));
        assertEquals(1, c.role(Networks.class).listAll(0).size());
        assertTrue(events.isEmpty(), "no event for a change that did not happen: " + events);
    }

    @Test
    void liveChangesStayOutOfThePersistentDefinition() {
        DriverConnection c = open(new TestHypervisorDriver());
        DomainDefinitions defs = c.role(DomainDefinitions.class);
        DomainRef vm = defs.define("<domain type='test'><name>live</name><memory>4096</memory>"
                + "<os><type>hvm</type></os></domain>", 0);
        c.role(DomainLifecycle.class).start(vm.uuid(), 0);
        c.role(io.vireo.api.spi.DomainTuning.class).setMemory(vm.uuid(), 2048, DomainFlags.AFFECT_LIVE);
        assertTrue(defs.xmlDesc(vm.uuid(), 0).contains("<currentMemory unit='KiB'>2048</currentMemory>"));
        assertTrue(defs.xmlDesc(vm.uuid(), DomainFlags.XML_INACTIVE).contains("<currentMemory unit='KiB'>4096</currentMemory>"));
        assertTrue(store.collections.get("domains").get("live").contains("<currentMemory unit='KiB'>4096</currentMemory>"));
        c.role(DomainLifecycle.class).destroy(vm.uuid(), 0);
        assertTrue(defs.xmlDesc(vm.uuid(), 0).contains("<currentMemory unit='KiB'>4096</currentMemory>"));
    }

    @Test
    void transientDomainVanishesWhenStopped() {
        DriverConnection c = open(new TestHypervisorDriver());
        String xml = "<domain type='test'><name>t</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        // Like libvirt's test driver, it refuses start flags such as START_PAUSED (virsh create --paused).
        VirtException refused = assertThrows(VirtException.class,
                () -> c.role(DomainLifecycle.class).createXml(xml, DomainFlags.START_PAUSED));
        assertEquals("unsupported flags (0x1) in function testDomainCreateXML", refused.getMessage());
        DomainRef t = c.role(DomainLifecycle.class).createXml(xml, 0);
        c.role(DomainLifecycle.class).suspend(t.uuid());
        assertEquals(DomainState.PAUSED, c.role(DomainDefinitions.class).state(t.uuid()).state());
        c.role(DomainLifecycle.class).destroy(t.uuid(), 0);
        assertEquals(ErrorCode.NO_DOMAIN,
                assertThrows(VirtException.class, () -> c.role(DomainDefinitions.class).lookupByName("t")).code());
    }

    @Test
    void storedDefinitionsComeBackInANewDriverInstance() {
        DriverConnection c = open(new TestHypervisorDriver());
        DomainRef vm = c.role(DomainDefinitions.class).define(
                "<domain type='test'><name>keep</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0);
        c.role(DomainDefinitions.class).setAutostart(vm.uuid(), true);
        assertTrue(store.collections.get("domains").containsKey("keep"));

        DriverConnection again = open(new TestHypervisorDriver());
        DomainDefinitions defs = again.role(DomainDefinitions.class);
        assertEquals(vm.uuid(), defs.lookupByName("keep").uuid());
        assertTrue(defs.autostart(vm.uuid()));
        assertEquals(DomainState.SHUTOFF, defs.state(TEST_UUID).state(), "a restart is a reboot of the test host");
    }

    @Test
    void privateHostFromNodeFile() throws Exception {
        Path file = java.nio.file.Files.createTempFile("node", ".xml");
        try {
            java.nio.file.Files.writeString(file, "<node><cpu><mhz>2000</mhz></cpu><memory>1024</memory>"
                    + "<domain type='test'><name>fromfile</name><memory>512</memory><os><type>hvm</type></os></domain>"
                    + "<pool type='dir'><name>p</name><target><path>/p</path></target>"
                    + "<volume><name>v1</name><capacity>1024</capacity></volume>"
                    + "<volume><name>v2</name><capacity>2048</capacity></volume></pool>"
                    + "</node>");
            TestHypervisorDriver driver = new TestHypervisorDriver();
            DriverConnection c = driver.open(ConnectUri.parse("test://" + file), new DriverContext() {
                public String uri() {
                    return "test://" + file;
                }

                public EventSink events() {
                    return sink;
                }

                public DefinitionStore definitions() {
                    return store;
                }

                public Path runDirectory() {
                    return Path.of("/nonexistent");
                }
            });
            assertEquals(1, c.role(DomainDefinitions.class).lookupByName("fromfile").id());
            assertEquals(2000, c.role(io.vireo.api.spi.HostInfo.class).nodeInfo().mhz());
            assertTrue(store.collections.isEmpty(), "a private host stores nothing");
            io.vireo.api.spi.StorageVolumes vols = c.role(io.vireo.api.spi.StorageVolumes.class);
            UUID pool = c.role(StoragePools.class).lookupByName("p").uuid();
            assertEquals(List.of("/p/v1", "/p/v2"), vols.listAll(pool, 0).stream().map(v -> v.path()).toList());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** A definition store kept in maps, standing in for the core's. */
    static final class MapStore implements DefinitionStore {
        final Map<String, Map<String, String>> collections = new HashMap<>();
        final Map<String, Boolean> autostart = new HashMap<>();
        boolean failWrites;

        public void save(String collection, String name, String xml) {
            if (failWrites) {
                throw new VirtException(ErrorCode.WRITE_FAILED, io.vireo.api.ErrorDomain.NONE,
                        "failed to write configuration file: disk full");
            }
            collections.computeIfAbsent(collection, k -> new TreeMap<>()).put(name, xml);
        }

        public void delete(String collection, String name) {
            collections.getOrDefault(collection, new TreeMap<>()).remove(name);
            autostart.remove(collection + "/" + name);
        }

        public Map<String, String> loadAll(String collection) {
            return new TreeMap<>(collections.getOrDefault(collection, Map.of()));
        }

        public boolean isAutostart(String collection, String name) {
            return autostart.getOrDefault(collection + "/" + name, false);
        }

        public void setAutostart(String collection, String name, boolean on) {
            autostart.put(collection + "/" + name, on);
        }

        public boolean isPersistent() {
            return true;
        }
    }
}
