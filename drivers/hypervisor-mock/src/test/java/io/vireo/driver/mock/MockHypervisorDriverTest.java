package io.vireo.driver.mock;

import io.vireo.api.ConnectUri;
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
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.EventSink;
import io.vireo.api.spi.Networks;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockHypervisorDriverTest {
    private static final String VM1 = "<domain type='test'><name>vm1</name><memory>65536</memory>"
            + "<os><type>hvm</type></os></domain>";

    /** The definitions a core would keep on disk, kept in a map. */
    private static final class MapStore implements DefinitionStore {
        final Map<String, String> domains = new TreeMap<>();
        final Set<String> autostart = new HashSet<>();

        @Override
        public void save(String collection, String name, String xml) {
            domains.put(name, xml);
        }

        @Override
        public void delete(String collection, String name) {
            domains.remove(name);
            autostart.remove(name);
        }

        @Override
        public Map<String, String> loadAll(String collection) {
            return new TreeMap<>(domains);
        }

        @Override
        public boolean isAutostart(String collection, String name) {
            return autostart.contains(name);
        }

        @Override
        public void setAutostart(String collection, String name, boolean on) {
            if (on) {
                autostart.add(name);
            } else {
                autostart.remove(name);
            }
        }

        @Override
        public boolean isPersistent() {
            return true;
        }
    }

    private final MapStore store = new MapStore();
    private final List<String> events = new ArrayList<>();

    private final EventSink sink = new EventSink() {
        @Override
        public void domain(String name, UUID uuid, DomainEventType type, int detail) {
            events.add(name + " " + type + "/" + detail);
        }

        @Override
        public void network(String name, UUID uuid, NetworkEventType type) {
        }

        @Override
        public void storagePool(String name, UUID uuid, StoragePoolEventType type) {
        }

        @Override
        public void storageVolume(String pool, String name, String key, StorageVolumeEventType type) {
        }
    };

    private final DriverContext context = new DriverContext() {
        @Override
        public String uri() {
            return "mock:///default";
        }

        @Override
        public EventSink events() {
            return sink;
        }

        @Override
        public DefinitionStore definitions() {
            return store;
        }

        @Override
        public Path runDirectory() {
            return Path.of("/nonexistent");
        }
    };

    private MockConnection open(MockHypervisorDriver driver) {
        return (MockConnection) driver.open(ConnectUri.parse("mock:///default"), context);
    }

    @Test
    void defineStartDestroyUndefineWithLibvirtsEventsAndTheStoreWrittenFirst() {
        MockConnection c = open(new MockHypervisorDriver());
        DomainRef vm = c.define(VM1, 0);
        assertTrue(store.domains.get("vm1").contains("<name>vm1</name>"));
        c.start(vm.uuid(), 0);
        assertEquals(1, c.lookupByName("vm1").id());
        assertEquals(DomainState.RUNNING, c.info(vm.uuid()).state());
        assertEquals(ErrorCode.OPERATION_INVALID, assertThrows(VirtException.class, () -> c.start(vm.uuid(), 0)).code());
        c.destroy(vm.uuid(), 0);
        c.define(VM1.replace("65536", "131072").replace("<name>", "<uuid>" + vm.uuid() + "</uuid><name>"), 0);
        c.undefine(vm.uuid(), 0);
        assertEquals(Map.of(), store.domains);
        assertEquals(ErrorCode.NO_DOMAIN, assertThrows(VirtException.class, () -> c.lookupByName("vm1")).code());
        assertEquals(List.of("vm1 DEFINED/0", "vm1 STARTED/0", "vm1 STOPPED/1", "vm1 DEFINED/1", "vm1 UNDEFINED/0"),
                events);
    }

    @Test
    void aNewDriverInstanceFindsTheDefinitionsKeptInTheStore() {
        MockConnection first = open(new MockHypervisorDriver());
        UUID uuid = first.define(VM1, 0).uuid();
        first.start(uuid, 0);
        first.setAutostart(uuid, true);

        MockConnection second = open(new MockHypervisorDriver());
        DomainRef vm = second.lookupByName("vm1");
        assertEquals(uuid, vm.uuid());
        assertEquals(-1, vm.id());
        assertEquals(List.of(vm), second.listAll(ListFlags.DOMAIN_INACTIVE | ListFlags.DOMAIN_AUTOSTART));
        assertEquals(List.of(), second.listAll(ListFlags.DOMAIN_ACTIVE));
    }

    @Test
    void unsupportedCallsAndRolesAreNotSilentlyAccepted() {
        MockConnection c = open(new MockHypervisorDriver());
        UUID uuid = c.define(VM1, 0).uuid();
        assertEquals(ErrorCode.NO_SUPPORT, assertThrows(VirtException.class, () -> c.suspend(uuid)).code());
        assertNull(c.role(Networks.class));
        assertEquals(c, c.role(DomainDefinitions.class));
        assertEquals(c, c.role(DomainLifecycle.class));
        assertEquals(ErrorCode.NO_CONNECT, assertThrows(VirtException.class,
                () -> new MockHypervisorDriver().open(ConnectUri.parse("mock:///other"), context)).code());
    }
}
