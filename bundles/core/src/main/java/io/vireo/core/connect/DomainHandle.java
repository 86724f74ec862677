package io.vireo.core.connect;

import io.vireo.api.BlockStats;
import io.vireo.api.Connection;
import io.vireo.api.ConsoleStream;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.DomainStateReason;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.SecurityLabel;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainDevices;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainSnapshots;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.QemuMonitorCommands;
import io.vireo.core.audit.AuditTarget;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A domain handle: identity fixed at lookup (name, UUID, and the ID it had then, as libvirt's virDomain
 * keeps it), every other answer read from the driver when asked. Keeping the ID means a listing is one
 * consistent snapshot, and a domain undefined meanwhile does not turn a listing into an error.
 */
final class DomainHandle implements Domain {
    private final ConnectionImpl conn;
    private final String name;
    private final UUID uuid;
    /** As libvirt's virDomain: set at lookup, updated by this handle's own create and destroy. */
    private volatile int id;

    DomainHandle(ConnectionImpl conn, String name, UUID uuid, int id) {
        this.conn = conn;
        this.name = name;
        this.uuid = uuid;
        this.id = id;
    }

    private DomainDefinitions defs(String api) {
        return conn.role(DomainDefinitions.class, api);
    }

    private DomainSnapshots snapshots(String api) {
        return conn.role(DomainSnapshots.class, api);
    }

    /** This domain as the audit log names it. */
    AuditTarget target() {
        return AuditTarget.of("domain", name, uuid);
    }

    private <T> void change(String api, Class<T> role, Consumer<T> call) {
        conn.perform(api, role, target(), call);
    }

    private void lifecycle(String api, Consumer<DomainLifecycle> call) {
        change(api, DomainLifecycle.class, call);
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String osType() {
        return defs("virDomainGetOSType").osType(uuid);
    }

    @Override
    public DomainInfo info() {
        return defs("virDomainGetInfo").info(uuid);
    }

    @Override
    public DomainStateReason state() {
        return defs("virDomainGetState").state(uuid);
    }

    @Override
    public boolean isActive() {
        return defs("virDomainIsActive").lookupByUuid(uuid).id() >= 0;
    }

    @Override
    public boolean isPersistent() {
        return defs("virDomainIsPersistent").isPersistent(uuid);
    }

    @Override
    public boolean autostart() {
        return defs("virDomainGetAutostart").autostart(uuid);
    }

    @Override
    public void setAutostart(boolean autostart) {
        change("virDomainSetAutostart", DomainDefinitions.class, d -> d.setAutostart(uuid, autostart));
    }

    @Override
    public boolean hasManagedSaveImage() {
        return defs("virDomainHasManagedSaveImage").hasManagedSaveImage(uuid);
    }

    @Override
    public String xmlDesc(int flags) {
        return defs("virDomainGetXMLDesc").xmlDesc(uuid, flags);
    }

    @Override
    public void create(int flags) {
        lifecycle("virDomainCreateWithFlags", l -> l.start(uuid, flags));
        try {
            id = defs("virDomainGetID").lookupByUuid(uuid).id();
        } catch (io.vireo.api.VirtException gone) {
            // Started and already gone (a transient guest that stopped at once): nothing to show.
            id = -1;
        }
    }

    @Override
    public void shutdown(int flags) {
        lifecycle("virDomainShutdownFlags", l -> l.shutdown(uuid, flags));
    }

    @Override
    public void destroy(int flags) {
        lifecycle("virDomainDestroyFlags", l -> l.destroy(uuid, flags));
        id = -1;
    }

    @Override
    public void reboot(int flags) {
        lifecycle("virDomainReboot", l -> l.reboot(uuid, flags));
    }

    @Override
    public void suspend() {
        lifecycle("virDomainSuspend", l -> l.suspend(uuid));
    }

    @Override
    public void resume() {
        lifecycle("virDomainResume", l -> l.resume(uuid));
    }

    @Override
    public void undefine(int flags) {
        change("virDomainUndefineFlags", DomainDefinitions.class, d -> d.undefine(uuid, flags));
    }

    @Override
    public void setMemory(long kib, int flags) {
        change("virDomainSetMemoryFlags", DomainTuning.class, t -> t.setMemory(uuid, kib, flags));
    }

    @Override
    public void setMemoryStatsPeriod(int period, int flags) {
        if (period < 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOM,
                    "period in virDomainSetMemoryStatsPeriod must not be negative");
        }
        change("virDomainSetMemoryStatsPeriod", DomainTuning.class, t -> t.setMemoryStatsPeriod(uuid, period, flags));
    }

    @Override
    public void setVcpus(int count, int flags) {
        change("virDomainSetVcpusFlags", DomainTuning.class, t -> t.setVcpus(uuid, count, flags));
    }

    @Override
    public SecurityLabel securityLabel() {
        return defs("virDomainGetSecurityLabel").securityLabel(uuid);
    }

    /**
     * Goes through {@link ConnectionImpl#change} like a change: libvirt refuses consoles on read-only
     * connections (the console can type into the guest), and every attach is audited.
     */
    @Override
    public ConsoleStream openConsole(String device, int flags) {
        return conn.change("virDomainOpenConsole", DomainConsoles.class, target(), stream -> target(),
                c -> c.openConsole(uuid, device, flags));
    }

    // Devices: changes, so refused on read-only connections and audited, as libvirt refuses them
    // (virCheckReadOnlyGoto in each of the four). The flag-less calls are libvirt's older APIs, which act on
    // the running domain; they keep their own names in errors and in the audit log.

    @Override
    public void attachDevice(String xml, int flags) {
        change("virDomainAttachDeviceFlags", DomainDevices.class, d -> d.attachDevice(uuid, xml, flags));
    }

    @Override
    public void attachDevice(String xml) {
        change("virDomainAttachDevice", DomainDevices.class,
                d -> d.attachDevice(uuid, xml, DomainFlags.AFFECT_LIVE));
    }

    @Override
    public void detachDevice(String xml, int flags) {
        change("virDomainDetachDeviceFlags", DomainDevices.class, d -> d.detachDevice(uuid, xml, flags));
    }

    @Override
    public void detachDevice(String xml) {
        change("virDomainDetachDevice", DomainDevices.class,
                d -> d.detachDevice(uuid, xml, DomainFlags.AFFECT_LIVE));
    }

    // Statistics: reads, allowed on read-only connections as in libvirt, and not audited.

    private DomainStats stats(String api) {
        return conn.role(DomainStats.class, api);
    }

    @Override
    public BlockStats blockStats(String device) {
        return stats("virDomainBlockStats").blockStats(uuid, device);
    }

    @Override
    public InterfaceStats interfaceStats(String device) {
        return stats("virDomainInterfaceStats").interfaceStats(uuid, device);
    }

    @Override
    public Map<String, Long> memoryStats() {
        return ordered(stats("virDomainMemoryStats").memoryStats(uuid));
    }

    @Override
    public Map<String, Long> cpuStats() {
        return ordered(stats("virDomainGetCPUStats").cpuStats(uuid));
    }

    /** The driver's map as a read-only copy that keeps the driver's order (libvirt's tag order). */
    private static Map<String, Long> ordered(Map<String, Long> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * A raw monitor command goes through {@link ConnectionImpl#change}: libvirt refuses it on read-only
     * connections (it can change anything behind the driver's back), and every command is audited.
     */
    @Override
    public String qemuMonitorCommand(String command, int flags) {
        return conn.change("virDomainQemuMonitorCommand", QemuMonitorCommands.class, target(), reply -> target(),
                q -> q.monitorCommand(uuid, command, flags));
    }

    DomainSnapshot snapshot(String snapshotName) {
        return new DomainSnapshotHandle(this, snapshotName);
    }

    DomainSnapshots snapshotRole(String api) {
        return snapshots(api);
    }

    /** A change to one of this domain's snapshots, audited as {@code snapshot=<domain>/<snapshot>}. */
    void changeSnapshot(String api, String snapshotName, Consumer<DomainSnapshots> call) {
        conn.perform(api, DomainSnapshots.class, snapshotTarget(snapshotName), call);
    }

    private AuditTarget snapshotTarget(String snapshotName) {
        return AuditTarget.of("snapshot", name + "/" + snapshotName, uuid);
    }

    @Override
    public DomainSnapshot createSnapshot(String xml, int flags) {
        return snapshot(conn.change("virDomainSnapshotCreateXML", DomainSnapshots.class,
                snapshotTarget(AuditTarget.UNKNOWN_NAME), this::snapshotTarget, s -> s.create(uuid, xml, flags)));
    }

    @Override
    public List<DomainSnapshot> listAllSnapshots(int flags) {
        return snapshots("virDomainListAllSnapshots").listAll(uuid, flags).stream().map(this::snapshot)
                .toList();
    }

    @Override
    public DomainSnapshot lookupSnapshotByName(String snapshotName) {
        return snapshot(snapshots("virDomainSnapshotLookupByName").lookupByName(uuid, snapshotName));
    }

    @Override
    public DomainSnapshot currentSnapshot() {
        String current = snapshots("virDomainSnapshotCurrent").current(uuid);
        if (current == null) {
            throw io.vireo.api.VirtException.of(io.vireo.api.ErrorCode.NO_DOMAIN_SNAPSHOT,
                    io.vireo.api.ErrorDomain.DOMAIN_SNAPSHOT, "the domain does not have a current snapshot");
        }
        return snapshot(current);
    }

    @Override
    public boolean hasCurrentSnapshot() {
        return snapshots("virDomainHasCurrentSnapshot").current(uuid) != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainHandle d && d.conn == conn && d.uuid.equals(uuid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conn, uuid);
    }

    @Override
    public String toString() {
        return "Domain[" + name + " " + uuid + "]";
    }
}
