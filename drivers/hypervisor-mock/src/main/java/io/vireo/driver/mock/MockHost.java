package io.vireo.driver.mock;

import io.vireo.api.DomainFlags;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainStateReason;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.DomainEventType.Detail;
import io.vireo.api.spi.DefinitionStore;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.EventSink;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DomainDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.vireo.api.DomainStateReason.Reasons.RUNNING_BOOTED;
import static io.vireo.api.DomainStateReason.Reasons.SHUTOFF_DESTROYED;

/**
 * The mock host's domains: define, start, destroy and undefine, with libvirt's checks and events. Every
 * change is written through the definition store before it is made in memory, so a failed write changes
 * nothing. One lock guards all state; events are reported under it, so they are in the order of changes.
 */
final class MockHost {
    static final String DOMAINS = "domains";

    private final DefinitionStore store;
    private final EventSink events;
    private final Map<UUID, MockDomain> domains = new LinkedHashMap<>();
    private int nextId = 1;

    private MockHost(DefinitionStore store, EventSink events) {
        this.store = store;
        this.events = events;
    }

    /** A host with every domain kept in {@code store}, all shut off, as after a reboot of the host. */
    static MockHost load(DefinitionStore store, EventSink events) {
        MockHost host = new MockHost(store, events);
        store.loadAll(DOMAINS).values().forEach(xml -> {
            DomainDef def = VireoXml.parseDomain(xml);
            host.domains.put(def.getUuid(), new MockDomain(def, true));
        });
        return host;
    }

    synchronized List<DomainRef> listAll(int flags) {
        List<DomainRef> result = new ArrayList<>();
        for (MockDomain d : domains.values()) {
            if (matches(d, flags)) {
                result.add(d.ref());
            }
        }
        return result;
    }

    /** The filter bits the mock host knows (active, persistence, autostart); others select everything. */
    private boolean matches(MockDomain d, int flags) {
        return pick(flags, ListFlags.DOMAIN_ACTIVE, ListFlags.DOMAIN_INACTIVE, d.isActive())
                && pick(flags, ListFlags.DOMAIN_PERSISTENT, ListFlags.DOMAIN_TRANSIENT, d.persistent)
                && pick(flags, ListFlags.DOMAIN_AUTOSTART, ListFlags.DOMAIN_NO_AUTOSTART, autostart(d));
    }

    private static boolean pick(int flags, int yes, int no, boolean value) {
        boolean wantYes = (flags & yes) != 0;
        boolean wantNo = (flags & no) != 0;
        return wantYes == wantNo || (value ? wantYes : wantNo);
    }

    synchronized MockDomain byUuid(UUID uuid) {
        MockDomain d = domains.get(uuid);
        if (d == null) {
            throw error(ErrorCode.NO_DOMAIN, "no domain with matching uuid '%s'", uuid);
        }
        return d;
    }

    synchronized MockDomain byName(String name) {
        return domains.values().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> error(ErrorCode.NO_DOMAIN, "no domain with matching name '%s'", name));
    }

    synchronized MockDomain byId(int id) {
        return domains.values().stream().filter(d -> d.id == id && id >= 0).findFirst()
                .orElseThrow(() -> error(ErrorCode.NO_DOMAIN, "no domain with matching id %d", id));
    }

    synchronized DomainRef define(String xml) {
        DomainDef def = VireoXml.parseDomain(xml);
        MockDomain existing = domains.get(def.getUuid());
        for (MockDomain d : domains.values()) {
            if (d.name().equals(def.getName()) && d != existing) {
                throw error(ErrorCode.OPERATION_FAILED, "domain '%s' is already defined with uuid %s", d.name(),
                        d.def.getUuid());
            }
        }
        if (existing != null && !existing.name().equals(def.getName())) {
            throw error(ErrorCode.OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                    existing.name(), def.getUuid());
        }
        store.save(DOMAINS, def.getName(), VireoXml.formatDomain(def, false));
        boolean update = existing != null && existing.persistent;
        MockDomain d = existing != null ? existing : new MockDomain(def, true);
        d.def = def;
        d.persistent = true;
        domains.put(def.getUuid(), d);
        events.domain(d.name(), def.getUuid(), DomainEventType.DEFINED,
                update ? Detail.DEFINED_UPDATED : Detail.DEFINED_ADDED);
        return d.ref();
    }

    /** Removes the definition; a running domain keeps running as a transient one, as in libvirt. */
    synchronized void undefine(UUID uuid) {
        MockDomain d = byUuid(uuid);
        if (!d.persistent) {
            throw error(ErrorCode.OPERATION_INVALID, "cannot undefine transient domain");
        }
        store.delete(DOMAINS, d.name());
        events.domain(d.name(), uuid, DomainEventType.UNDEFINED, Detail.UNDEFINED_REMOVED);
        if (d.isActive()) {
            d.persistent = false;
        } else {
            domains.remove(uuid);
        }
    }

    synchronized void start(UUID uuid) {
        MockDomain d = byUuid(uuid);
        if (d.isActive()) {
            throw error(ErrorCode.OPERATION_INVALID, "domain is already running");
        }
        d.id = nextId++;
        d.reason = RUNNING_BOOTED;
        events.domain(d.name(), uuid, DomainEventType.STARTED, Detail.STARTED_BOOTED);
    }

    synchronized void destroy(UUID uuid) {
        MockDomain d = byUuid(uuid);
        if (!d.isActive()) {
            throw error(ErrorCode.OPERATION_INVALID, "domain is not running");
        }
        d.id = -1;
        d.reason = SHUTOFF_DESTROYED;
        events.domain(d.name(), uuid, DomainEventType.STOPPED, Detail.STOPPED_DESTROYED);
        if (!d.persistent) {
            domains.remove(uuid);
        }
    }

    synchronized String xmlDesc(UUID uuid, int flags) {
        MockDomain d = byUuid(uuid);
        boolean withId = d.isActive() && (flags & DomainFlags.XML_INACTIVE) == 0;
        if (withId) {
            d.def.setId(d.id);
        }
        try {
            return VireoXml.formatDomain(d.def, withId);
        } finally {
            d.def.setId(null);
        }
    }

    synchronized DomainInfo info(UUID uuid) {
        MockDomain d = byUuid(uuid);
        long memory = d.def.getCurrentMemoryKiB() != null ? d.def.getCurrentMemoryKiB() : d.def.getMemoryKiB();
        return new DomainInfo(d.state(), d.def.getMemoryKiB(), memory, d.def.getVcpus(), 0);
    }

    synchronized DomainStateReason state(UUID uuid) {
        MockDomain d = byUuid(uuid);
        return new DomainStateReason(d.state(), d.reason);
    }

    synchronized boolean autostart(MockDomain d) {
        return d.persistent && store.isAutostart(DOMAINS, d.name());
    }

    synchronized void setAutostart(UUID uuid, boolean autostart) {
        MockDomain d = byUuid(uuid);
        if (!d.persistent) {
            throw error(ErrorCode.OPERATION_INVALID, "cannot set autostart for transient domain");
        }
        store.setAutostart(DOMAINS, d.name(), autostart);
    }

    static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.NONE, String.format(format, args));
    }
}
