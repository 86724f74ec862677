package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.DomainStateReason;
import io.vireo.api.SecurityLabel;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainSnapshots;
import io.vireo.api.spi.DomainTuning;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A domain handle: identity fixed at lookup, every other answer read from the driver when asked. */
final class DomainHandle implements Domain {
    private final ConnectionImpl conn;
    private final String name;
    private final UUID uuid;

    DomainHandle(ConnectionImpl conn, String name, UUID uuid) {
        this.conn = conn;
        this.name = name;
        this.uuid = uuid;
    }

    private DomainDefinitions defs(String api) {
        return conn.role(DomainDefinitions.class, api);
    }

    private DomainLifecycle lifecycle(String api) {
        return conn.writeRole(DomainLifecycle.class, api);
    }

    private DomainSnapshots snapshots(String api, boolean write) {
        return write ? conn.writeRole(DomainSnapshots.class, api) : conn.role(DomainSnapshots.class, api);
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
        return defs("virDomainGetID").lookupByUuid(uuid).id();
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
        conn.writeRole(DomainDefinitions.class, "virDomainSetAutostart").setAutostart(uuid, autostart);
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
        lifecycle("virDomainCreateWithFlags").start(uuid, flags);
    }

    @Override
    public void shutdown(int flags) {
        lifecycle("virDomainShutdownFlags").shutdown(uuid, flags);
    }

    @Override
    public void destroy(int flags) {
        lifecycle("virDomainDestroyFlags").destroy(uuid, flags);
    }

    @Override
    public void reboot(int flags) {
        lifecycle("virDomainReboot").reboot(uuid, flags);
    }

    @Override
    public void suspend() {
        lifecycle("virDomainSuspend").suspend(uuid);
    }

    @Override
    public void resume() {
        lifecycle("virDomainResume").resume(uuid);
    }

    @Override
    public void undefine(int flags) {
        conn.writeRole(DomainDefinitions.class, "virDomainUndefineFlags").undefine(uuid, flags);
    }

    @Override
    public void setMemory(long kib, int flags) {
        conn.writeRole(DomainTuning.class, "virDomainSetMemoryFlags").setMemory(uuid, kib, flags);
    }

    @Override
    public void setVcpus(int count, int flags) {
        conn.writeRole(DomainTuning.class, "virDomainSetVcpusFlags").setVcpus(uuid, count, flags);
    }

    @Override
    public SecurityLabel securityLabel() {
        return defs("virDomainGetSecurityLabel").securityLabel(uuid);
    }

    DomainSnapshot snapshot(String snapshotName) {
        return new DomainSnapshotHandle(this, snapshotName);
    }

    DomainSnapshots snapshotRole(String api, boolean write) {
        return snapshots(api, write);
    }

    @Override
    public DomainSnapshot createSnapshot(String xml, int flags) {
        return snapshot(snapshots("virDomainSnapshotCreateXML", true).create(uuid, xml, flags));
    }

    @Override
    public List<DomainSnapshot> listAllSnapshots(int flags) {
        return snapshots("virDomainListAllSnapshots", false).listAll(uuid, flags).stream().map(this::snapshot)
                .toList();
    }

    @Override
    public DomainSnapshot lookupSnapshotByName(String snapshotName) {
        return snapshot(snapshots("virDomainSnapshotLookupByName", false).lookupByName(uuid, snapshotName));
    }

    @Override
    public DomainSnapshot currentSnapshot() {
        String current = snapshots("virDomainSnapshotCurrent", false).current(uuid);
        if (current == null) {
            throw io.vireo.api.VirtException.of(io.vireo.api.ErrorCode.NO_DOMAIN_SNAPSHOT,
                    io.vireo.api.ErrorDomain.DOMAIN_SNAPSHOT, "the domain does not have a current snapshot");
        }
        return snapshot(current);
    }

    @Override
    public boolean hasCurrentSnapshot() {
        return snapshots("virDomainHasCurrentSnapshot", false).current(uuid) != null;
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
