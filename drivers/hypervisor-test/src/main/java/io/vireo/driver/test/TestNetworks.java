package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.spi.Networks;
import io.vireo.api.spi.ObjectRef;
import io.vireo.xml.VireoXml;
import io.vireo.xml.network.NetworkDef;

import java.util.List;
import java.util.UUID;

/** Virtual networks of the test hypervisor: definitions and active flags, nothing on the host. */
final class TestNetworks implements Networks {
    static final String COLLECTION = "networks";

    /** One network's state, guarded by the host's lock. */
    static final class TestNetwork extends TestObject<NetworkDef> {
        TestNetwork(NetworkDef def) {
            super(def);
        }

        @Override
        String name() {
            return def.getName();
        }

        @Override
        UUID uuid() {
            return def.getUuid();
        }
    }

    private final TestHost host;

    TestNetworks(TestHost host) {
        this.host = host;
    }

    private TestNetwork byUuid(UUID uuid) {
        return host.networks.get(uuid);
    }

    @Override
    public List<ObjectRef> listAll(int flags) {
        synchronized (host) {
            return host.networks.list(flags);
        }
    }

    @Override
    public ObjectRef lookupByName(String name) {
        synchronized (host) {
            return host.networks.getByName(name).ref();
        }
    }

    @Override
    public ObjectRef lookupByUuid(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).ref();
        }
    }

    /** Adds or replaces a network after libvirt's clash checks; {@code beforeChange} runs once they pass. */
    private TestNetwork add(NetworkDef def, Runnable beforeChange) {
        TestNetwork existing = host.networks.existingFor(def.getName(), def.getUuid());
        beforeChange.run();
        if (existing != null) {
            existing.def = def;
            return existing;
        }
        TestNetwork n = new TestNetwork(def);
        host.networks.put(n);
        return n;
    }

    /**
     * Parses a network and completes it as libvirt's network parser does: a bridge has spanning tree on and
     * no forward delay unless it says otherwise (libvirt shows them for isolated, nat, route and open
     * networks).
     */
    static NetworkDef parse(String xml) {
        NetworkDef def = VireoXml.parseNetwork(xml);
        String mode = def.getForwardMode();
        if (mode == null || mode.equals("nat") || mode.equals("route") || mode.equals("open")) {
            if (def.getBridgeStp() == null) {
                def.setBridgeStp(true);
            }
            if (def.getBridgeDelay() == null) {
                def.setBridgeDelay(0);
            }
        }
        return def;
    }

    @Override
    public ObjectRef define(String xml, int flags) {
        NetworkDef def = parse(xml);
        synchronized (host) {
            TestNetwork n = add(def, () -> host.store.save(COLLECTION, def.getName(), VireoXml.formatNetwork(def)));
            n.persistent = true;
            host.events.network(def.getName(), def.getUuid(), NetworkEventType.DEFINED);
            return n.ref();
        }
    }

    @Override
    public ObjectRef createXml(String xml, int flags) {
        NetworkDef def = parse(xml);
        synchronized (host) {
            TestNetwork existing = host.networks.get(def.getUuid());
            if (existing != null && existing.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "network is already active as '%s'", existing.def.getName());
            }
            TestNetwork n = add(def, () -> { });
            n.active = true;
            host.events.network(def.getName(), def.getUuid(), NetworkEventType.STARTED);
            return n.ref();
        }
    }

    @Override
    public void undefine(UUID uuid) {
        synchronized (host) {
            TestNetwork n = byUuid(uuid);
            if (!n.persistent) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "network '%s' is not persistent", n.def.getName());
            }
            host.store.delete(COLLECTION, n.def.getName());
            n.persistent = false;
            n.autostart = false;
            if (!n.active) {
                host.networks.remove(uuid);
            }
            host.events.network(n.def.getName(), uuid, NetworkEventType.UNDEFINED);
        }
    }

    @Override
    public void start(UUID uuid) {
        synchronized (host) {
            TestNetwork n = byUuid(uuid);
            if (n.active) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "Network '%s' is already running", n.def.getName());
            }
            n.active = true;
            host.events.network(n.def.getName(), uuid, NetworkEventType.STARTED);
        }
    }

    @Override
    public void destroy(UUID uuid) {
        synchronized (host) {
            TestNetwork n = byUuid(uuid);
            // libvirt's test driver accepts destroying an inactive network; do the same.
            n.active = false;
            host.events.network(n.def.getName(), uuid, NetworkEventType.STOPPED);
            if (!n.persistent) {
                host.networks.remove(uuid);
            }
        }
    }

    @Override
    public String xmlDesc(UUID uuid, int flags) {
        Errors.checkFlags(flags, 0, "testNetworkGetXMLDesc");
        synchronized (host) {
            return VireoXml.formatNetwork(byUuid(uuid).def);
        }
    }

    @Override
    public boolean isActive(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).active;
        }
    }

    @Override
    public boolean isPersistent(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).persistent;
        }
    }

    @Override
    public boolean autostart(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).autostart;
        }
    }

    @Override
    public void setAutostart(UUID uuid, boolean autostart) {
        synchronized (host) {
            TestNetwork n = byUuid(uuid);
            if (!n.persistent) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "cannot set autostart for transient network");
            }
            n.autostart = autostart;
            host.store.setAutostart(COLLECTION, n.def.getName(), autostart);
        }
    }

    @Override
    public String bridgeName(UUID uuid) {
        synchronized (host) {
            String bridge = byUuid(uuid).def.getBridgeName();
            if (bridge == null) {
                throw Errors.of(ErrorCode.INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                        byUuid(uuid).def.getName());
            }
            return bridge;
        }
    }
}
