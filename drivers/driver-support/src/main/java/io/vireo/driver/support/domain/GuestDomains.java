package io.vireo.driver.support.domain;

import io.vireo.api.BlockStats;
import io.vireo.api.ConsoleStream;
import io.vireo.api.InterfaceStats;
import io.vireo.api.TypedParameter;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.api.SecurityLabel;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.DomainEventType.Detail;
import io.vireo.api.spi.DefinitionStore;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainDevices;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.QemuMonitorCommands;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.EventSink;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.driver.support.process.ProcStat;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The domains of a driver that runs each guest as a host process (KVM's VMM, QEMU): definitions on disk
 * through the core's store, live state in the run directory, libvirt's state machine, checks, messages and
 * events. The hypervisor-specific work is the {@link GuestBackend}'s. One instance serves every connection
 * to the driver; it reattaches to the guests still running when it is created.
 */
public final class GuestDomains implements DomainDefinitions, DomainLifecycle, DomainTuning, DomainConsoles,
        DomainDevices, DomainStats, QemuMonitorCommands {
    public static final String COLLECTION = "domains";
    private static final Logger LOG = LoggerFactory.getLogger(GuestDomains.class);

    private final GuestBackend backend;
    private final ErrorDomain errorDomain;
    private final String apiPrefix;
    private final DefinitionStore store;
    private final EventSink events;
    private final Path runDirectory;
    private final Map<UUID, GuestDomain> domains = new LinkedHashMap<>();
    private int nextId = 1;

    /**
     * @param apiPrefix the driver's function-name prefix in flag errors, as libvirt names them ("qemuDomain")
     */
    public GuestDomains(GuestBackend backend, ErrorDomain errorDomain, String apiPrefix, DefinitionStore store,
                        EventSink events, Path runDirectory) {
        this.backend = backend;
        this.errorDomain = errorDomain;
        this.apiPrefix = apiPrefix;
        this.store = store;
        this.events = events;
        this.runDirectory = runDirectory;
        loadDefinitions();
        reattachRunning();
    }

    // Loading

    private void loadDefinitions() {
        for (Map.Entry<String, String> e : store.loadAll(COLLECTION).entrySet()) {
            try {
                DomainDef def = VireoXml.parseDomain(e.getValue());
                GuestDomain d = new GuestDomain(def);
                d.persistent = true;
                d.autostart = store.isAutostart(COLLECTION, def.getName());
                domains.put(def.getUuid(), d);
            } catch (VirtException ex) {
                LOG.error("Ignoring the definition of domain '{}': {}", e.getKey(), ex.getMessage());
            }
        }
    }

    private void reattachRunning() {
        if (!Files.isDirectory(runDirectory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDirectory, "*.status")) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                reattach(file.substring(0, file.length() - ".status".length()));
            }
        } catch (IOException e) {
            LOG.error("Cannot read the run directory {}: {}", runDirectory, e.getMessage());
        }
    }

    private void reattach(String name) {
        GuestPaths paths = paths(name);
        LiveRecord record;
        DomainDef live;
        try {
            record = LiveRecord.parse(Files.readString(paths.status()));
            live = VireoXml.parseDomain(Files.readString(paths.liveDefinition()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Dropping unreadable live state of domain '{}': {}", name, e.getMessage());
            deleteLive(paths);
            return;
        }
        GuestDomain d = domains.get(live.getUuid());
        if (d == null) {
            d = new GuestDomain(live);
            domains.put(live.getUuid(), d);
        } else {
            d.pendingDef = d.def;
            d.def = live;
        }
        Optional<GuestProcess> process = GuestProcess.find(record.pid(), record.startTicks());
        RunningGuest guest = null;
        if (process.isPresent()) {
            try {
                guest = backend.reattach(live, paths, record, listener(d));
            } catch (RuntimeException e) {
                LOG.error("Cannot reattach to domain '{}' (pid {}): {}", name, record.pid(), e.getMessage());
            }
        }
        if (guest == null) {
            LOG.warn("Domain '{}' ended while the daemon was away", name);
            d.guest = null;
            d.id = record.id();
            ended(d, paths, GuestExit.FAILED, false);
            return;
        }
        d.guest = guest;
        d.id = record.id();
        d.record = record;
        d.setStateFrom(record);
        nextId = Math.max(nextId, record.id() + 1);
        LOG.info("Reattached to domain '{}' (pid {}, {})", name, record.pid(), record.state());
    }

    // Lookups

    private VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, errorDomain, format, args);
    }

    private void checkFlags(int flags, int allowed, String function) {
        if ((flags & ~allowed) != 0) {
            throw error(ErrorCode.INVALID_ARG, "unsupported flags (0x%x) in function %s%s", flags & ~allowed,
                    apiPrefix, function);
        }
    }

    private synchronized GuestDomain get(UUID uuid) {
        GuestDomain d = domains.get(uuid);
        if (d == null) {
            throw error(ErrorCode.NO_DOMAIN, "no domain with matching uuid '%s'", uuid);
        }
        return d;
    }

    private GuestDomain findByName(String name) {
        for (GuestDomain d : domains.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public synchronized List<DomainRef> listAll(int flags) {
        List<DomainRef> refs = new ArrayList<>();
        for (GuestDomain d : domains.values()) {
            if (ListFilter.domainMatches(flags, d.isActive(), d.persistent, d.autostart, d.state)) {
                refs.add(d.ref());
            }
        }
        return refs;
    }

    @Override
    public synchronized DomainRef lookupByName(String name) {
        GuestDomain d = findByName(name);
        if (d == null) {
            throw error(ErrorCode.NO_DOMAIN, "no domain with matching name '%s'", name);
        }
        return d.ref();
    }

    @Override
    public DomainRef lookupByUuid(UUID uuid) {
        synchronized (this) {
            return get(uuid).ref();
        }
    }

    @Override
    public synchronized DomainRef lookupById(int id) {
        for (GuestDomain d : domains.values()) {
            if (id >= 0 && d.id == id && d.isActive()) {
                return d.ref();
            }
        }
        throw error(ErrorCode.NO_DOMAIN, "no domain with matching id %d", id);
    }

    // Definitions

    private DomainDef parse(String xml) {
        DomainDef def = VireoXml.parseDomain(xml);
        backend.complete(def);
        return def;
    }

    /** The domain {@code def} would replace, or null, after libvirt's name and UUID clash checks. */
    private GuestDomain existingFor(DomainDef def, boolean live) {
        GuestDomain sameUuid = domains.get(def.getUuid());
        GuestDomain sameName = findByName(def.getName());
        if (sameName != null && sameName != sameUuid) {
            throw error(ErrorCode.OPERATION_FAILED, "domain '%s' already exists with uuid %s", def.getName(),
                    sameName.def.getUuid());
        }
        if (sameUuid != null) {
            if (!sameUuid.name().equals(def.getName())) {
                throw error(ErrorCode.OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                        sameUuid.name(), def.getUuid());
            }
            if (live && sameUuid.isActive()) {
                throw error(ErrorCode.OPERATION_INVALID, "domain '%s' is already active", def.getName());
            }
        }
        return sameUuid;
    }

    @Override
    public DomainRef define(String xml, int flags) {
        checkFlags(flags, DomainFlags.DEFINE_VALIDATE, "DefineXMLFlags");
        DomainDef def = parse(xml);
        def.setId(null);
        synchronized (this) {
            GuestDomain existing = existingFor(def, false);
            boolean update = existing != null && existing.persistent;
            // Disk first: when the write fails, nothing in memory has changed.
            store.save(COLLECTION, def.getName(), VireoXml.formatDomain(def));
            GuestDomain d = existing != null ? existing : new GuestDomain(def);
            domains.put(def.getUuid(), d);
            if (d.isActive()) {
                d.pendingDef = def;
            } else {
                d.def = def;
            }
            d.persistent = true;
            events.domain(d.name(), def.getUuid(), DomainEventType.DEFINED,
                    update ? Detail.DEFINED_UPDATED : Detail.DEFINED_ADDED);
            return d.ref();
        }
    }

    @Override
    public void undefine(UUID uuid, int flags) {
        checkFlags(flags, DomainFlags.UNDEFINE_MANAGED_SAVE | DomainFlags.UNDEFINE_SNAPSHOTS_METADATA
                | DomainFlags.UNDEFINE_NVRAM, "UndefineFlags");
        synchronized (this) {
            GuestDomain d = get(uuid);
            if (!d.persistent) {
                throw error(ErrorCode.OPERATION_INVALID, "cannot undefine transient domain");
            }
            store.delete(COLLECTION, d.name());
            d.persistent = false;
            d.autostart = false;
            d.pendingDef = null;
            if (!d.isActive()) {
                domains.remove(uuid);
            }
            events.domain(d.name(), uuid, DomainEventType.UNDEFINED, Detail.UNDEFINED_REMOVED);
        }
    }

    @Override
    public synchronized String xmlDesc(UUID uuid, int flags) {
        checkFlags(flags, DomainFlags.XML_SECURE | DomainFlags.XML_INACTIVE | DomainFlags.XML_UPDATE_CPU
                | DomainFlags.XML_MIGRATABLE, "GetXMLDesc");
        GuestDomain d = get(uuid);
        if ((flags & DomainFlags.XML_INACTIVE) != 0 && d.isActive()) {
            DomainDef inactive = d.persistentDef().copy();
            inactive.setId(null);
            return VireoXml.formatDomain(inactive);
        }
        return VireoXml.formatDomain(d.def);
    }

    @Override
    public String osType(UUID uuid) {
        synchronized (this) {
            GuestDomain d = get(uuid);
            String type = d.def.getOs() == null ? null : d.def.getOs().getType();
            return type == null ? "hvm" : type;
        }
    }

    @Override
    public DomainInfo info(UUID uuid) {
        RunningGuest guest;
        DomainDef def;
        DomainState state;
        synchronized (this) {
            GuestDomain d = get(uuid);
            guest = d.guest;
            def = d.def;
            state = d.state;
        }
        long current = def.getCurrentMemoryOrMax();
        long cpu = 0;
        if (guest != null) {
            long ballooned = guest.currentMemoryKiB();
            current = ballooned > 0 ? ballooned : current;
            cpu = guest.cpuTimeNanos();
        }
        return new DomainInfo(state, def.getMemoryKiB(), current, def.getVcpus(), cpu);
    }

    @Override
    public synchronized DomainStateReason state(UUID uuid) {
        GuestDomain d = get(uuid);
        return new DomainStateReason(d.state, d.reason);
    }

    @Override
    public synchronized boolean isPersistent(UUID uuid) {
        return get(uuid).persistent;
    }

    @Override
    public synchronized boolean autostart(UUID uuid) {
        return get(uuid).autostart;
    }

    @Override
    public synchronized void setAutostart(UUID uuid, boolean autostart) {
        GuestDomain d = get(uuid);
        if (!d.persistent) {
            throw error(ErrorCode.OPERATION_INVALID, "cannot set autostart for transient domain");
        }
        if (d.autostart != autostart) {
            store.setAutostart(COLLECTION, d.name(), autostart);
            d.autostart = autostart;
        }
    }

    @Override
    public synchronized boolean hasManagedSaveImage(UUID uuid) {
        get(uuid);
        return false;
    }

    @Override
    public synchronized SecurityLabel securityLabel(UUID uuid) {
        get(uuid);
        // No security module labels guests yet: libvirt reports an empty, unenforced label then.
        return new SecurityLabel("", false);
    }

    // Lifecycle

    /** Runs {@code action} holding {@code d}'s job lock: one guest operation at a time per domain. */
    private <T> T job(GuestDomain d, Supplier<T> action) {
        d.job.lock();
        try {
            return action.get();
        } finally {
            d.job.unlock();
        }
    }

    private void jobRun(GuestDomain d, Runnable action) {
        job(d, () -> {
            action.run();
            return null;
        });
    }

    private RunningGuest running(GuestDomain d) {
        synchronized (this) {
            if (d.guest == null) {
                throw error(ErrorCode.OPERATION_INVALID, "domain is not running");
            }
            return d.guest;
        }
    }

    @Override
    public DomainRef createXml(String xml, int flags) {
        checkFlags(flags, DomainFlags.START_PAUSED | DomainFlags.START_VALIDATE, "CreateXML");
        DomainDef def = parse(xml);
        GuestDomain d;
        boolean added;
        synchronized (this) {
            GuestDomain existing = existingFor(def, true);
            added = existing == null;
            d = added ? new GuestDomain(def) : existing;
            if (added) {
                domains.put(def.getUuid(), d);
            }
        }
        try {
            jobRun(d, () -> boot(d, def, (flags & DomainFlags.START_PAUSED) != 0));
        } catch (RuntimeException e) {
            synchronized (this) {
                if (added && !d.isActive()) {
                    domains.remove(def.getUuid());
                }
            }
            throw e;
        }
        synchronized (this) {
            return d.ref();
        }
    }

    @Override
    public void start(UUID uuid, int flags) {
        checkFlags(flags, DomainFlags.START_PAUSED | DomainFlags.START_FORCE_BOOT, "CreateWithFlags");
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            DomainDef def;
            synchronized (this) {
                if (d.isActive()) {
                    throw error(ErrorCode.OPERATION_INVALID, "domain is already running");
                }
                def = d.def;
            }
            boot(d, def, (flags & DomainFlags.START_PAUSED) != 0);
        });
    }

    /** Starts {@code d} with a copy of {@code def}; the caller holds the job lock. */
    private void boot(GuestDomain d, DomainDef def, boolean paused) {
        DomainDef live = def.copy();
        int id;
        synchronized (this) {
            id = nextId++;
        }
        live.setId(id);
        GuestPaths paths = paths(live.getName());
        RunningGuest guest = backend.start(live, paths, paused, listener(d));
        LiveRecord record = new LiveRecord(guest.process().pid(), guest.process().startTicks(), id,
                paused ? DomainState.PAUSED : DomainState.RUNNING,
                paused ? Reasons.PAUSED_USER : Reasons.RUNNING_BOOTED, System.currentTimeMillis(), guest.runtime());
        try {
            writeLive(paths, live, record);
        } catch (IOException e) {
            guest.destroy();
            deleteLive(paths);
            throw error(ErrorCode.OPERATION_FAILED, "cannot save the live state of domain '%s' in %s: %s",
                    live.getName(), runDirectory, e.getMessage());
        }
        synchronized (this) {
            if (d.persistent) {
                d.pendingDef = d.def;
            }
            d.def = live;
            d.id = id;
            d.guest = guest;
            d.record = record;
            d.setStateFrom(record);
            events.domain(d.name(), live.getUuid(), DomainEventType.STARTED, Detail.STARTED_BOOTED);
            if (paused) {
                events.domain(d.name(), live.getUuid(), DomainEventType.SUSPENDED, Detail.SUSPENDED_PAUSED);
            }
        }
    }

    @Override
    public void shutdown(UUID uuid, int flags) {
        // Flags choose the method (ACPI, agent, ...): the backend has one, any is accepted as libvirt's QEMU
        // driver accepts ACPI-only requests.
        checkFlags(flags, 0x1 | 0x2 | 0x4 | 0x8 | 0x10, "ShutdownFlags");
        GuestDomain d = get(uuid);
        jobRun(d, () -> running(d).powerdown());
    }

    @Override
    public void destroy(UUID uuid, int flags) {
        checkFlags(flags, 1, "DestroyFlags");
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            RunningGuest guest = running(d);
            guest.destroy();
            synchronized (this) {
                if (d.guest == guest) {
                    ended(d, paths(d.name()), GuestExit.DESTROYED, true);
                }
            }
        });
    }

    @Override
    public void reboot(UUID uuid, int flags) {
        checkFlags(flags, 0x1 | 0x2 | 0x4 | 0x8 | 0x10, "Reboot");
        GuestDomain d = get(uuid);
        jobRun(d, () -> running(d).reboot());
    }

    @Override
    public void suspend(UUID uuid) {
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            RunningGuest guest = running(d);
            synchronized (this) {
                if (d.state == DomainState.PAUSED) {
                    return;
                }
            }
            guest.pause();
            changeState(d, guest, DomainState.PAUSED, Reasons.PAUSED_USER, DomainEventType.SUSPENDED,
                    Detail.SUSPENDED_PAUSED);
        });
    }

    @Override
    public void resume(UUID uuid) {
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            RunningGuest guest = running(d);
            synchronized (this) {
                if (d.state != DomainState.PAUSED) {
                    return;
                }
            }
            guest.resume();
            changeState(d, guest, DomainState.RUNNING, Reasons.RUNNING_UNPAUSED, DomainEventType.RESUMED,
                    Detail.RESUMED_UNPAUSED);
        });
    }

    /** Records a running guest's new state and posts its event, unless it is already in that state. */
    private synchronized void changeState(GuestDomain d, RunningGuest guest, DomainState state, int reason,
                                          DomainEventType type, int detail) {
        if (d.guest != guest || d.state == state) {
            return;
        }
        d.state = state;
        d.reason = reason;
        d.record = d.record.withState(state, reason);
        try {
            LiveFiles.write(paths(d.name()).status(), d.record.format());
        } catch (IOException e) {
            LOG.warn("Cannot update the live state of domain '{}': {}", d.name(), e.getMessage());
        }
        events.domain(d.name(), d.def.getUuid(), type, detail);
    }

    /**
     * Marks {@code d} shut off for {@code exit}: removes its live files, posts the events, and drops a
     * transient domain or brings back the persistent definition. Caller holds this table's lock.
     */
    private void ended(GuestDomain d, GuestPaths paths, GuestExit exit, boolean postEvents) {
        UUID uuid = d.def.getUuid();
        String name = d.name();
        d.guest = null;
        d.record = null;
        d.id = -1;
        d.state = DomainState.SHUTOFF;
        d.reason = exit.shutoffReason();
        deleteLive(paths);
        if (postEvents || exit == GuestExit.FAILED) {
            if (exit == GuestExit.SHUTDOWN) {
                events.domain(name, uuid, DomainEventType.SHUTDOWN, Detail.SHUTDOWN_FINISHED);
            }
            events.domain(name, uuid, DomainEventType.STOPPED, exit.stoppedDetail());
        }
        if (!d.persistent) {
            domains.remove(uuid);
        } else if (d.pendingDef != null) {
            d.def = d.pendingDef;
            d.pendingDef = null;
        }
        d.def.setId(null);
    }

    private GuestListener listener(GuestDomain d) {
        return new GuestListener() {
            @Override
            public void exited(RunningGuest guest, GuestExit exit) {
                // Wait for an operation in progress (a destroy records the stop itself).
                jobRun(d, () -> {
                    synchronized (GuestDomains.this) {
                        if (d.guest == guest) {
                            LOG.info("Domain '{}' stopped: {}", d.name(), exit);
                            ended(d, paths(d.name()), exit, true);
                        }
                    }
                });
            }

            @Override
            public void paused(RunningGuest guest, int reason) {
                changeState(d, guest, DomainState.PAUSED, reason, DomainEventType.SUSPENDED,
                        reason == Reasons.PAUSED_USER ? Detail.SUSPENDED_PAUSED : Detail.SUSPENDED_API_ERROR);
            }

            @Override
            public void deviceRemoved(RunningGuest guest, DeviceDef device) {
                synchronized (GuestDomains.this) {
                    if (d.guest == guest && Devices.remove(d.def, device)) {
                        saveLiveDefinition(d);
                    }
                }
            }

            @Override
            public void resumed(RunningGuest guest) {
                changeState(d, guest, DomainState.RUNNING, Reasons.RUNNING_UNPAUSED, DomainEventType.RESUMED,
                        Detail.RESUMED_UNPAUSED);
            }
        };
    }

    // Tuning

    @Override
    public void setMemoryStatsPeriod(UUID uuid, int period, int flags) {
        checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG, "SetMemoryStatsPeriod");
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            synchronized (this) {
                boolean live = affectsLive(d, flags);
                boolean config = affectsConfig(d, flags);
                if (live) {
                    requireBalloon(d.def);
                    RunningGuest guest = d.guest;
                    unsupported(() -> {
                        guest.setMemoryStatsPeriod(period);
                        return null;
                    });
                    d.def.devices().getMemballoon().setStatsPeriod(period);
                    saveLiveDefinition(d);
                }
                if (config) {
                    DomainDef def = d.persistentDef().copy();
                    requireBalloon(def);
                    def.devices().getMemballoon().setStatsPeriod(period);
                    saveConfig(d, def);
                }
            }
        });
    }

    private void requireBalloon(DomainDef def) {
        if (def.devices().getMemballoon() == null || !"virtio".equals(def.devices().getMemballoon().getModel())) {
            throw error(ErrorCode.OPERATION_INVALID, "No memory balloon device configured, can not set the collection "
                    + "period");
        }
    }

    @Override
    public void setMemory(UUID uuid, long kib, int flags) {
        checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG | DomainFlags.MEM_MAXIMUM,
                "SetMemoryFlags");
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            synchronized (this) {
                boolean live = affectsLive(d, flags);
                boolean config = affectsConfig(d, flags);
                boolean maximum = (flags & DomainFlags.MEM_MAXIMUM) != 0;
                if (live) {
                    if (maximum) {
                        throw error(ErrorCode.OPERATION_INVALID, "cannot resize the maximum memory on an active domain");
                    }
                    if (kib > d.def.getMemoryKiB()) {
                        throw error(ErrorCode.INVALID_ARG, "cannot set memory higher than max memory");
                    }
                    RunningGuest guest = d.guest;
                    unsupported(() -> {
                        guest.setMemory(kib);
                        return null;
                    });
                    d.def.setCurrentMemoryKiB(kib);
                    saveLiveDefinition(d);
                }
                if (config) {
                    DomainDef def = d.persistentDef().copy();
                    if (maximum) {
                        def.setMemoryKiB(kib);
                        if (def.getCurrentMemoryOrMax() > kib) {
                            def.setCurrentMemoryKiB(kib);
                        }
                    } else {
                        if (kib > def.getMemoryKiB()) {
                            throw error(ErrorCode.INVALID_ARG, "cannot set memory higher than max memory");
                        }
                        def.setCurrentMemoryKiB(kib);
                    }
                    saveConfig(d, def);
                }
            }
        });
    }

    @Override
    public void setVcpus(UUID uuid, int count, int flags) {
        checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG | DomainFlags.VCPU_MAXIMUM,
                "SetVcpusFlags");
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            synchronized (this) {
                if (affectsLive(d, flags)) {
                    throw error(ErrorCode.OPERATION_UNSUPPORTED, "changing the vCPUs of a running guest");
                }
                if (count < 1) {
                    throw error(ErrorCode.INVALID_ARG, "argument unsupported: invalid vCPU count %d", count);
                }
                DomainDef def = d.persistentDef().copy();
                if ((flags & DomainFlags.VCPU_MAXIMUM) != 0) {
                    def.setMaxVcpus(count);
                    if (def.getVcpus() > count) {
                        def.setVcpus(count);
                    }
                } else {
                    if (count > def.getMaxVcpus()) {
                        throw error(ErrorCode.INVALID_ARG,
                                "requested vcpus is greater than max allowable vcpus for the persistent domain: %d > %d",
                                count, def.getMaxVcpus());
                    }
                    def.setVcpus(count);
                }
                saveConfig(d, def);
            }
        });
    }

    /** AFFECT_CURRENT means live for a running domain and config otherwise, as in libvirt. */
    private boolean affectsLive(GuestDomain d, int flags) {
        boolean live = (flags & DomainFlags.AFFECT_LIVE) != 0
                || ((flags & (DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG)) == 0 && d.isActive());
        if (live && !d.isActive()) {
            throw error(ErrorCode.OPERATION_INVALID, "domain is not running");
        }
        return live;
    }

    private boolean affectsConfig(GuestDomain d, int flags) {
        boolean config = (flags & DomainFlags.AFFECT_CONFIG) != 0
                || ((flags & (DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG)) == 0 && !d.isActive());
        if (config && !d.persistent) {
            throw error(ErrorCode.OPERATION_INVALID, "cannot change persistent config of a transient domain");
        }
        return config;
    }

    private void saveConfig(GuestDomain d, DomainDef def) {
        store.save(COLLECTION, def.getName(), VireoXml.formatDomain(def));
        if (d.isActive()) {
            d.pendingDef = def;
        } else {
            d.def = def;
        }
    }

    // Consoles

    @Override
    public ConsoleStream openConsole(UUID uuid, String device, int flags) {
        checkFlags(flags, DomainFlags.CONSOLE_FORCE | DomainFlags.CONSOLE_SAFE, "OpenConsole");
        GuestDomain d = get(uuid);
        return running(d).openConsole(device, (flags & DomainFlags.CONSOLE_FORCE) != 0);
    }

    // Devices

    /** Runs a backend call, turning what the backend cannot do into OPERATION_UNSUPPORTED. */
    private <T> T unsupported(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnsupportedOperationException e) {
            throw error(ErrorCode.OPERATION_UNSUPPORTED, "%s", e.getMessage());
        }
    }

    @Override
    public void attachDevice(UUID uuid, String xml, int flags) {
        checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG, "AttachDeviceFlags");
        DeviceDef device = VireoXml.parseDevice(xml);
        backend.completeDevice(device);
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            boolean live;
            boolean config;
            DomainDef newConfig = null;
            synchronized (this) {
                live = affectsLive(d, flags);
                config = affectsConfig(d, flags);
                if (live) {
                    Devices.checkNew(d.def, device, errorDomain);
                }
                if (config) {
                    newConfig = d.persistentDef().copy();
                    Devices.checkNew(newConfig, device, errorDomain);
                    Devices.add(newConfig, Devices.copy(device));
                    backend.complete(newConfig);
                }
            }
            if (live) {
                RunningGuest guest = running(d);
                DomainDef liveDef = d.def;
                unsupported(() -> {
                    guest.attachDevice(liveDef, device);
                    return null;
                });
                synchronized (this) {
                    Devices.add(d.def, device);
                    saveLiveDefinition(d);
                }
            }
            if (config) {
                synchronized (this) {
                    saveConfig(d, newConfig);
                }
            }
        });
    }

    @Override
    public void detachDevice(UUID uuid, String xml, int flags) {
        checkFlags(flags, DomainFlags.AFFECT_LIVE | DomainFlags.AFFECT_CONFIG, "DetachDeviceFlags");
        DeviceDef wanted = VireoXml.parseDevice(xml);
        GuestDomain d = get(uuid);
        jobRun(d, () -> {
            boolean live;
            boolean config;
            DeviceDef liveDevice = null;
            DomainDef newConfig = null;
            synchronized (this) {
                live = affectsLive(d, flags);
                config = affectsConfig(d, flags);
                if (live) {
                    liveDevice = Devices.find(d.def, wanted, errorDomain);
                }
                if (config) {
                    newConfig = d.persistentDef().copy();
                    Devices.remove(newConfig, Devices.find(newConfig, wanted, errorDomain));
                }
            }
            if (live) {
                RunningGuest guest = running(d);
                DomainDef liveDef = d.def;
                DeviceDef target = liveDevice;
                boolean gone = unsupported(() -> guest.detachDevice(liveDef, target));
                if (gone) {
                    synchronized (this) {
                        Devices.remove(d.def, target);
                        saveLiveDefinition(d);
                    }
                }
            }
            if (config) {
                synchronized (this) {
                    saveConfig(d, newConfig);
                }
            }
        });
    }

    private void saveLiveDefinition(GuestDomain d) {
        try {
            LiveFiles.write(paths(d.name()).liveDefinition(), VireoXml.formatDomain(d.def));
        } catch (IOException e) {
            LOG.warn("Cannot update the live definition of domain '{}': {}", d.name(), e.getMessage());
        }
    }

    // Statistics

    @Override
    public BlockStats blockStats(UUID uuid, String device) {
        GuestDomain d = get(uuid);
        RunningGuest guest = running(d);
        DomainDef live;
        synchronized (this) {
            live = d.def;
        }
        DiskDef disk = live.getDisks().stream()
                .filter(x -> device.equals(x.getTargetDev()) || device.equals(x.getSourceFile())
                        || device.equals(x.getSourceDev()))
                .findFirst()
                .orElseThrow(() -> error(ErrorCode.INVALID_ARG, "invalid path: %s", device));
        return unsupported(() -> guest.blockStats(live, disk));
    }

    @Override
    public InterfaceStats interfaceStats(UUID uuid, String device) {
        GuestDomain d = get(uuid);
        RunningGuest guest = running(d);
        DomainDef live;
        synchronized (this) {
            live = d.def;
        }
        InterfaceDef net = live.getInterfaces().stream()
                .filter(x -> device.equals(x.getTargetDev()) || device.equalsIgnoreCase(String.valueOf(x.getMac())))
                .findFirst()
                .orElseThrow(() -> error(ErrorCode.INVALID_ARG, "invalid path, '%s' is not a known "
                        + "interface", device));
        return unsupported(() -> guest.interfaceStats(live, net));
    }

    @Override
    public Map<String, Long> memoryStats(UUID uuid) {
        GuestDomain d = get(uuid);
        RunningGuest guest = running(d);
        return unsupported(guest::memoryStats);
    }

    @Override
    public Map<String, Long> cpuStats(UUID uuid) {
        GuestDomain d = get(uuid);
        RunningGuest guest = running(d);
        ProcStat stat = ProcStat.read(guest.process().pid())
                .orElseThrow(() -> error(ErrorCode.OPERATION_INVALID, "domain is not running"));
        Map<String, Long> stats = new LinkedHashMap<>();
        long tick = 1_000_000_000L / ProcStat.TICKS_PER_SECOND;
        stats.put("cpu_time", stat.cpuTimeNanos());
        stats.put("user_time", stat.userTicks() * tick);
        stats.put("system_time", stat.systemTicks() * tick);
        return stats;
    }

    @Override
    public int statsGroups() {
        return GuestStatsRecord.GROUPS;
    }

    @Override
    public List<TypedParameter> domainStats(UUID uuid, int groups) {
        DomainDef def;
        RunningGuest guest;
        synchronized (this) {
            GuestDomain d = get(uuid);
            def = d.def;
            guest = d.guest;
        }
        return new GuestStatsRecord(def, guest).build(groups);
    }

    @Override
    public String monitorCommand(UUID uuid, String command, int flags) {
        checkFlags(flags, QemuMonitorCommands.HMP, "MonitorCommand");
        GuestDomain d = get(uuid);
        return job(d, () -> unsupported(() -> running(d).monitorCommand(command, (flags & QemuMonitorCommands.HMP) != 0)));
    }

    // Live files

    private GuestPaths paths(String name) {
        return new GuestPaths(runDirectory, name);
    }

    private static void writeLive(GuestPaths paths, DomainDef live, LiveRecord record) throws IOException {
        LiveFiles.write(paths.liveDefinition(), VireoXml.formatDomain(live));
        LiveFiles.write(paths.status(), record.format());
    }

    private static void deleteLive(GuestPaths paths) {
        try {
            Files.deleteIfExists(paths.status());
            Files.deleteIfExists(paths.liveDefinition());
        } catch (IOException e) {
            LOG.warn("Cannot remove live state {}: {}", paths.status(), e.getMessage());
        }
    }

    /** Lets go of every running guest without stopping it: the driver is going away, the guests stay. */
    public void detachAll() {
        List<RunningGuest> guests = new ArrayList<>();
        synchronized (this) {
            for (GuestDomain d : domains.values()) {
                if (d.guest != null) {
                    guests.add(d.guest);
                }
            }
        }
        guests.forEach(RunningGuest::detach);
    }
}
