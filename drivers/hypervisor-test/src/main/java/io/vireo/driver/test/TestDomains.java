package io.vireo.driver.test;

import io.vireo.api.DomainFlags;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ListFlags;
import io.vireo.api.SecurityLabel;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.DomainEventType.Detail;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DomainTuning;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.OsDef;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Domains of the test hypervisor with libvirt's test-driver state machine: nothing runs, but every state
 * change, check, error and event happens as it does for a real guest.
 */
final class TestDomains implements DomainDefinitions, DomainLifecycle, DomainTuning {
    static final String COLLECTION = "domains";
    private static final String OS_TYPE = "linux";

    private final TestHost host;

    TestDomains(TestHost host) {
        this.host = host;
    }

    // Lookups

    private TestDomain byUuid(UUID uuid) {
        TestDomain d = host.domains.get(uuid);
        if (d == null) {
            throw Errors.of(ErrorCode.NO_DOMAIN, "no domain with matching uuid '%s'", uuid);
        }
        return d;
    }

    private TestDomain byName(String name) {
        return host.domains.named(name);
    }

    @Override
    public List<DomainRef> listAll(int flags) {
        synchronized (host) {
            List<DomainRef> refs = new ArrayList<>();
            for (TestDomain d : host.domains.values()) {
                if (matches(d, flags)) {
                    refs.add(d.ref());
                }
            }
            return refs;
        }
    }

    private static boolean matches(TestDomain d, int flags) {
        return pair(flags, ListFlags.DOMAIN_ACTIVE, ListFlags.DOMAIN_INACTIVE, d.isActive())
                && pair(flags, ListFlags.DOMAIN_PERSISTENT, ListFlags.DOMAIN_TRANSIENT, d.persistent)
                && pair(flags, ListFlags.DOMAIN_AUTOSTART, ListFlags.DOMAIN_NO_AUTOSTART, d.autostart)
                && pair(flags, ListFlags.DOMAIN_MANAGEDSAVE, ListFlags.DOMAIN_NO_MANAGEDSAVE, false)
                && pair(flags, ListFlags.DOMAIN_HAS_SNAPSHOT, ListFlags.DOMAIN_NO_SNAPSHOT, !d.snapshots.isEmpty())
                && stateMatches(d.state, flags);
    }

    /** A yes/no filter: with neither bit or both bits set everything matches. */
    static boolean pair(int flags, int yes, int no, boolean value) {
        boolean y = (flags & yes) != 0;
        boolean n = (flags & no) != 0;
        return y == n || (y ? value : !value);
    }

    private static boolean stateMatches(DomainState s, int flags) {
        int mask = ListFlags.DOMAIN_RUNNING | ListFlags.DOMAIN_PAUSED | ListFlags.DOMAIN_SHUTOFF | ListFlags.DOMAIN_OTHER;
        if ((flags & mask) == 0) {
            return true;
        }
        int bit = switch (s) {
            case RUNNING -> ListFlags.DOMAIN_RUNNING;
            case PAUSED -> ListFlags.DOMAIN_PAUSED;
            case SHUTOFF -> ListFlags.DOMAIN_SHUTOFF;
            default -> ListFlags.DOMAIN_OTHER;
        };
        return (flags & bit) != 0;
    }

    @Override
    public DomainRef lookupByName(String name) {
        synchronized (host) {
            TestDomain d = byName(name);
            if (d == null) {
                throw Errors.noDomainName(name);
            }
            return d.ref();
        }
    }

    @Override
    public DomainRef lookupByUuid(UUID uuid) {
        synchronized (host) {
            return byUuid(uuid).ref();
        }
    }

    @Override
    public DomainRef lookupById(int id) {
        synchronized (host) {
            for (TestDomain d : host.domains.values()) {
                if (d.id == id && id >= 0) {
                    return d.ref();
                }
            }
            throw Errors.of(ErrorCode.NO_DOMAIN, "no domain with matching id %d", id);
        }
    }

    // Definitions

    /** Parses and completes a definition with the test hypervisor's defaults, as libvirt's post-parse does. */
    static DomainDef parse(String xml) {
        DomainDef def = VireoXml.parseDomain(xml);
        fillDefaults(def);
        return def;
    }

    static void fillDefaults(DomainDef def) {
        if (def.getOs() == null) {
            def.setOs(new OsDef());
        }
        OsDef os = def.getOs();
        if (os.getArch() == null) {
            os.setArch("i686");
        }
        if (os.getBootDevices().isEmpty() && os.getKernel() == null) {
            os.getBootDevices().add("hd");
        }
        if (def.getCurrentMemoryKiB() == null || def.getCurrentMemoryKiB() > def.getMemoryKiB()) {
            def.setCurrentMemoryKiB(def.getMemoryKiB());
        }
        if (def.getVcpuPlacement() == null) {
            def.setVcpuPlacement("static");
        }
        if (def.getClock() == null) {
            def.setClock(new io.vireo.xml.domain.ClockDef());
        }
        if (def.getClock().getOffset() == null) {
            def.getClock().setOffset("utc");
        }
        if (def.getOnPoweroff() == null) {
            def.setOnPoweroff("destroy");
        }
        if (def.getOnReboot() == null) {
            def.setOnReboot("restart");
        }
        if (def.getOnCrash() == null) {
            def.setOnCrash("destroy");
        }
        generateIfnames(def);
    }

    /**
     * Names the host side of interfaces that have none, as libvirt's test driver does on define and create
     * (testDomainGenerateIfnames): {@code testnetN}, the first N not used by another interface of the domain.
     */
    static void generateIfnames(DomainDef def) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (io.vireo.xml.domain.InterfaceDef net : def.getInterfaces()) {
            if (net.getTargetDev() != null) {
                used.add(net.getTargetDev());
            }
        }
        int next = 0;
        for (io.vireo.xml.domain.InterfaceDef net : def.getInterfaces()) {
            if (net.getTargetDev() == null) {
                while (used.contains("testnet" + next)) {
                    next++;
                }
                net.setTargetDev("testnet" + next);
                used.add("testnet" + next);
            }
        }
    }

    /**
     * The domain {@code def} would replace, or null for a new one, after libvirt's checks for clashing
     * names and UUIDs. Changes nothing, so callers can write to disk before they touch memory.
     */
    private TestDomain existingFor(DomainDef def, boolean live) {
        TestDomain sameUuid = host.domains.get(def.getUuid());
        TestDomain sameName = byName(def.getName());
        if (sameName != null && sameName != sameUuid) {
            throw Errors.of(ErrorCode.OPERATION_FAILED, "domain '%s' already exists with uuid %s", def.getName(),
                    sameName.def.getUuid());
        }
        if (sameUuid != null) {
            if (!sameUuid.name().equals(def.getName())) {
                throw Errors.of(ErrorCode.OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                        sameUuid.name(), def.getUuid());
            }
            if (live && sameUuid.isActive()) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "domain '%s' is already active", def.getName());
            }
        }
        return sameUuid;
    }

    private TestDomain add(DomainDef def) {
        TestDomain d = new TestDomain(def);
        host.domains.put(def.getUuid(), d);
        return d;
    }

    @Override
    public DomainRef define(String xml, int flags) {
        DomainDef def = parse(xml);
        synchronized (host) {
            TestDomain existing = existingFor(def, false);
            boolean update = existing != null && existing.persistent;
            // Disk first: when the write fails, nothing in memory has changed.
            host.store.save(COLLECTION, def.getName(), VireoXml.formatDomain(def));
            TestDomain d = existing != null ? existing : add(def);
            if (d.isActive()) {
                d.newDef = def;
            } else {
                d.def = def;
            }
            d.persistent = true;
            host.events.domain(d.name(), def.getUuid(), DomainEventType.DEFINED,
                    update ? Detail.DEFINED_UPDATED : Detail.DEFINED_ADDED);
            return d.ref();
        }
    }

    /** virDomainUndefineFlags bits the test driver knows: managed save, snapshot metadata, keep NVRAM. */
    private static final int UNDEFINE_FLAGS = DomainFlags.UNDEFINE_MANAGED_SAVE
            | DomainFlags.UNDEFINE_SNAPSHOTS_METADATA | 8;

    @Override
    public void undefine(UUID uuid, int flags) {
        Errors.checkFlags(flags, UNDEFINE_FLAGS, "testDomainUndefineFlags");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            // As in libvirt's test driver: a transient domain may be "undefined" too, and snapshots only
            // stop the undefinition of an inactive domain (it would lose them).
            if (!d.isActive() && !d.snapshots.isEmpty()
                    && (flags & DomainFlags.UNDEFINE_SNAPSHOTS_METADATA) == 0) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "cannot delete inactive domain with %d snapshots",
                        d.snapshots.size());
            }
            host.store.delete(COLLECTION, d.name());
            host.events.domain(d.name(), uuid, DomainEventType.UNDEFINED, Detail.UNDEFINED_REMOVED);
            if (d.isActive()) {
                d.persistent = false;
                d.newDef = null;
            } else {
                host.deleteSnapshots(d);
                host.domains.remove(uuid);
            }
        }
    }

    @Override
    public String xmlDesc(UUID uuid, int flags) {
        Errors.checkFlags(flags, DomainFlags.XML_SECURE | DomainFlags.XML_INACTIVE | DomainFlags.XML_MIGRATABLE,
                "testDomainGetXMLDesc");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if ((flags & DomainFlags.XML_INACTIVE) != 0) {
                DomainDef inactive = d.persistentDef().copy();
                inactive.setId(null);
                return VireoXml.formatDomain(inactive);
            }
            return VireoXml.formatDomain(d.def);
        }
    }

    @Override
    public String osType(UUID uuid) {
        synchronized (host) {
            byUuid(uuid);
            return OS_TYPE;
        }
    }

    @Override
    public DomainInfo info(UUID uuid) {
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            // Like libvirt's test driver, CPU time is the wall clock: it only has to grow.
            long cpuTime = System.currentTimeMillis() * 1_000_000L;
            return new DomainInfo(d.state, d.def.getMemoryKiB(), d.def.getCurrentMemoryKiB(), d.def.getVcpus(),
                    cpuTime);
        }
    }

    @Override
    public DomainStateReason state(UUID uuid) {
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            return new DomainStateReason(d.state, d.reason);
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
            TestDomain d = byUuid(uuid);
            // libvirt's test driver keeps the mark even on a transient domain; only persistent ones are stored.
            d.autostart = autostart;
            if (d.persistent) {
                host.store.setAutostart(COLLECTION, d.name(), autostart);
            }
        }
    }

    @Override
    public boolean hasManagedSaveImage(UUID uuid) {
        synchronized (host) {
            byUuid(uuid);
            return false;
        }
    }

    @Override
    public SecurityLabel securityLabel(UUID uuid) {
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            return d.isActive() ? new SecurityLabel("libvirt-test", true) : new SecurityLabel("", false);
        }
    }

    // Lifecycle

    @Override
    public DomainRef createXml(String xml, int flags) {
        Errors.checkFlags(flags, DomainFlags.START_VALIDATE, "testDomainCreateXML");
        DomainDef def = parse(xml);
        synchronized (host) {
            TestDomain existing = existingFor(def, true);
            TestDomain d = existing != null ? existing : add(def);
            if (d.persistent) {
                d.newDef = d.def;
            }
            d.def = def;
            boot(d, flags);
            return d.ref();
        }
    }

    /**
     * Starts a domain and posts the event libvirt posts. Like libvirt's test driver, it knows no start
     * flags: START_PAUSED and the others are refused before a domain gets here.
     */
    private void boot(TestDomain d, int flags) {
        start(d, Reasons.RUNNING_BOOTED, Detail.STARTED_BOOTED);
    }

    /** Gives a domain the next ID and makes it run for {@code reason}, posting STARTED with {@code detail}. */
    void start(TestDomain d, int reason, int detail) {
        d.keepPersistentDefApart();
        d.id = host.nextDomainId++;
        d.def.setId(d.id);
        d.setState(DomainState.RUNNING, reason);
        host.events.domain(d.name(), d.def.getUuid(), DomainEventType.STARTED, detail);
    }

    /** Stops a domain: a transient one disappears, a persistent one takes its pending definition. */
    void stop(TestDomain d, int reason, int detail) {
        stop(d, reason, detail, true);
    }

    /** Stops a domain; a transient one disappears only when {@code removeTransient} (reverts keep it). */
    void stop(TestDomain d, int reason, int detail, boolean removeTransient) {
        d.id = -1;
        d.def.setId(null);
        d.setState(DomainState.SHUTOFF, reason);
        host.events.domain(d.name(), d.def.getUuid(), DomainEventType.STOPPED, detail);
        if (!d.persistent && removeTransient) {
            host.domains.remove(d.def.getUuid());
        } else if (d.newDef != null) {
            d.def = d.newDef;
            d.newDef = null;
        }
    }

    @Override
    public void start(UUID uuid, int flags) {
        Errors.checkFlags(flags, 0, "testDomainCreateWithFlags");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if (d.isActive()) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, "Domain '%s' is already running", d.name());
            }
            boot(d, flags);
        }
    }

    @Override
    public void shutdown(UUID uuid, int flags) {
        Errors.checkFlags(flags, 0, "testDomainShutdownFlags");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if (!d.isActive()) {
                throw Errors.of(ErrorCode.INTERNAL_ERROR, "domain '%s' not running", d.name());
            }
            stop(d, Reasons.SHUTOFF_SHUTDOWN, Detail.STOPPED_SHUTDOWN);
        }
    }

    /** virDomainDestroyFlags' VIR_DOMAIN_DESTROY_GRACEFUL, which the test driver accepts. */
    private static final int DESTROY_GRACEFUL = 1;

    @Override
    public void destroy(UUID uuid, int flags) {
        Errors.checkFlags(flags, DESTROY_GRACEFUL, "testDomainDestroyFlags");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if (!d.isActive()) {
                throw Errors.notRunning();
            }
            stop(d, Reasons.SHUTOFF_DESTROYED, Detail.STOPPED_DESTROYED);
        }
    }

    @Override
    public void reboot(UUID uuid, int flags) {
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if (!d.isActive()) {
                throw Errors.notRunning();
            }
            d.setState(DomainState.SHUTDOWN, Reasons.SHUTDOWN_USER);
            switch (d.def.getOnReboot()) {
                case "destroy", "preserve", "coredump-destroy", "coredump-restart" ->
                        stop(d, Reasons.SHUTOFF_SHUTDOWN, Detail.STOPPED_SHUTDOWN);
                case "rename-restart" -> d.setState(DomainState.RUNNING, Reasons.RUNNING_BOOTED);
                default -> d.setState(DomainState.RUNNING, Reasons.RUNNING_BOOTED);
            }
        }
    }

    @Override
    public void suspend(UUID uuid) {
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if (d.state != DomainState.RUNNING) {
                throw Errors.of(ErrorCode.INTERNAL_ERROR, "domain '%s' not running", d.name());
            }
            d.setState(DomainState.PAUSED, Reasons.PAUSED_USER);
            host.events.domain(d.name(), uuid, DomainEventType.SUSPENDED, Detail.SUSPENDED_PAUSED);
        }
    }

    @Override
    public void resume(UUID uuid) {
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            if (d.state != DomainState.PAUSED) {
                throw Errors.of(ErrorCode.INTERNAL_ERROR, "domain '%s' not paused", d.name());
            }
            d.setState(DomainState.RUNNING, Reasons.RUNNING_UNPAUSED);
            host.events.domain(d.name(), uuid, DomainEventType.RESUMED, Detail.RESUMED_UNPAUSED);
        }
    }

    // Tuning

    /** The most vCPUs the test hypervisor offers (libvirt's testConnectGetMaxVcpus). */
    static final int MAX_VCPUS = 32;

    /**
     * The live and persistent definitions a change with {@code flags} applies to, as libvirt's
     * virDomainObjGetDefs decides: [live or null, persistent or null].
     */
    private DomainDef[] defs(TestDomain d, int flags) {
        boolean live = (flags & DomainFlags.AFFECT_LIVE) != 0;
        boolean config = (flags & DomainFlags.AFFECT_CONFIG) != 0;
        if (!live && !config) {
            if (d.isActive()) {
                live = true;
            } else {
                config = true;
            }
        }
        if (live && !d.isActive()) {
            throw Errors.notRunning();
        }
        if (config && !d.persistent) {
            throw Errors.of(ErrorCode.OPERATION_INVALID, "transient domains do not have any persistent config");
        }
        DomainDef persistentDef = null;
        if (config) {
            if (d.isActive()) {
                if (d.newDef == null) {
                    d.newDef = d.def.copy();
                    d.newDef.setId(null);
                }
                persistentDef = d.newDef;
            } else {
                persistentDef = d.def;
            }
        }
        return new DomainDef[] {live ? d.def : null, persistentDef};
    }

    @Override
    public void setMemoryStatsPeriod(UUID uuid, int period, int flags) {
        Errors.checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG, "testDomainSetMemoryStatsPeriod");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            Errors.exclusiveFlags(flags, DomainFlags.AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                    DomainFlags.AFFECT_CONFIG, "VIR_DOMAIN_AFFECT_CONFIG");
            DomainDef[] defs = defs(d, flags);
            DomainDef def = defs[0] != null ? defs[0] : defs[1];
            if (def.devices().getMemballoon() == null || !"virtio".equals(def.devices().getMemballoon().getModel())) {
                throw Errors.of(ErrorCode.OPERATION_INVALID,
                        "No memory balloon device configured, can not set the collection period");
            }
            def.devices().getMemballoon().setStatsPeriod(period);
            if (d.persistent) {
                host.saveDomain(d);
            }
        }
    }

    @Override
    public void setMemory(UUID uuid, long kib, int flags) {
        if (kib == 0) {
            throw Errors.invalidArg("memory in virDomainSetMemoryFlags must not be zero");
        }
        Errors.checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG | DomainFlags.MEM_MAXIMUM,
                "testDomainSetMemoryFlags");
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            // libvirt's virDomainObjGetOneDef: one definition, never both.
            Errors.exclusiveFlags(flags, DomainFlags.AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                    DomainFlags.AFFECT_CONFIG, "VIR_DOMAIN_AFFECT_CONFIG");
            DomainDef[] defs = defs(d, flags);
            DomainDef def = defs[0] != null ? defs[0] : defs[1];
            if ((flags & DomainFlags.MEM_MAXIMUM) != 0) {
                if (def == d.def && d.isActive()) {
                    throw Errors.of(ErrorCode.OPERATION_INVALID, "cannot resize the maximum memory on an active domain");
                }
                def.setMemoryKiB(kib);
                if (def.getCurrentMemoryKiB() > kib) {
                    def.setCurrentMemoryKiB(kib);
                }
            } else {
                if (kib > def.getMemoryKiB()) {
                    throw Errors.of(ErrorCode.INVALID_ARG, "cannot set memory higher than max memory");
                }
                def.setCurrentMemoryKiB(kib);
            }
            if (d.persistent) {
                host.saveDomain(d);
            }
        }
    }

    @Override
    public void setVcpus(UUID uuid, int count, int flags) {
        if (count == 0) {
            throw Errors.invalidArg("nvcpus in virDomainSetVcpusFlags must not be zero");
        }
        Errors.checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG | DomainFlags.VCPU_MAXIMUM,
                "testDomainSetVcpusFlags");
        if (count > MAX_VCPUS || count < 0) {
            throw Errors.of(ErrorCode.INVALID_ARG, "requested cpu amount exceeds maximum supported amount (%d > %d)",
                    count, MAX_VCPUS);
        }
        synchronized (host) {
            TestDomain d = byUuid(uuid);
            boolean maximum = (flags & DomainFlags.VCPU_MAXIMUM) != 0;
            DomainDef[] defs = defs(d, flags);
            DomainDef live = defs[0];
            DomainDef persistent = defs[1];
            if (live != null && live.getMaxVcpus() < count) {
                throw Errors.of(ErrorCode.INVALID_ARG, "requested cpu amount exceeds maximum (%d > %d)", count,
                        live.getMaxVcpus());
            }
            if (persistent != null && !maximum && persistent.getMaxVcpus() < count) {
                throw Errors.of(ErrorCode.INVALID_ARG, "requested cpu amount exceeds maximum (%d > %d)", count,
                        persistent.getMaxVcpus());
            }
            if (live != null) {
                live.setVcpus(count);
            }
            if (persistent != null) {
                if (maximum) {
                    persistent.setMaxVcpus(count);
                } else {
                    persistent.setVcpus(count);
                }
            }
            if (d.persistent) {
                host.saveDomain(d);
            }
        }
    }
}
