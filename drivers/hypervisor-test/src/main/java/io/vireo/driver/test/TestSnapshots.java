package io.vireo.driver.test;

import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ListFlags;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.DomainEventType.Detail;
import io.vireo.api.spi.DomainSnapshots;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.snapshot.SnapshotDiskDef;
import io.vireo.xml.snapshot.SnapshotDiskDef;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Snapshots of test domains: each records the domain's definition and run state; reverting puts both back,
 * as libvirt's test driver does with internal snapshots.
 */
final class TestSnapshots implements DomainSnapshots {
    private final TestHost host;
    private final TestDomains domains;

    TestSnapshots(TestHost host, TestDomains domains) {
        this.host = host;
        this.domains = domains;
    }

    private TestDomain domain(UUID uuid) {
        TestDomain d = host.domains.get(uuid);
        if (d == null) {
            throw Errors.of(ErrorCode.NO_DOMAIN, "no domain with matching uuid '%s'", uuid);
        }
        return d;
    }

    private static TestSnapshot snapshot(TestDomain d, String name) {
        TestSnapshot s = d.snapshots.get(name);
        if (s == null) {
            throw Errors.noSnapshot(name);
        }
        return s;
    }

    /** Snapshot creation flags libvirt's test driver takes: redefine, current, halt, quiesce, atomic, live, validate. */
    private static final int CREATE_FLAGS = DomainFlags.SNAPSHOT_CREATE_REDEFINE | DomainFlags.SNAPSHOT_CREATE_CURRENT
            | DomainFlags.SNAPSHOT_CREATE_HALT | 64 | DomainFlags.SNAPSHOT_CREATE_ATOMIC | 256 | 512;

    @Override
    public String create(UUID uuid, String xml, int flags) {
        Errors.checkFlags(flags, CREATE_FLAGS, "testDomainSnapshotCreateXML");
        SnapshotDef def = VireoXml.parseSnapshot(xml == null || xml.isBlank() ? "<domainsnapshot/>" : xml);
        synchronized (host) {
            TestDomain d = domain(uuid);
            if ((flags & DomainFlags.SNAPSHOT_CREATE_REDEFINE) != 0) {
                throw Errors.of(ErrorCode.ARGUMENT_UNSUPPORTED, "snapshot redefinition is not supported");
            }
            long now = System.currentTimeMillis() / 1000;
            if (def.getName() == null || def.getName().isEmpty()) {
                def.setName(Long.toString(now));
            }
            if (d.snapshots.containsKey(def.getName())) {
                throw Errors.of(ErrorCode.OPERATION_FAILED, "domain moment %s already exists", def.getName());
            }
            def.setCreationTime(now);
            def.setState(d.isActive() ? d.state.label().replace("shut off", "shutoff") : "shutoff");
            def.setParent(d.currentSnapshot);
            def.setDomain(d.def.copy());
            def.getDomain().setId(null);
            if (def.getMemorySnapshot() == null) {
                def.setMemorySnapshot(d.isActive() ? "internal" : "no");
            }
            alignDisks(def, d.def);
            TestSnapshot snap = new TestSnapshot(def);
            d.snapshots.put(def.getName(), snap);
            d.currentSnapshot = def.getName();
            host.saveSnapshot(d, snap);
            if ((flags & DomainFlags.SNAPSHOT_CREATE_HALT) != 0 && d.isActive()) {
                domains.stop(d, Reasons.SHUTOFF_FROM_SNAPSHOT, Detail.STOPPED_FROM_SNAPSHOT);
            }
            return def.getName();
        }
    }

    /**
     * Gives every disk of the domain that the snapshot does not mention its default, as libvirt's
     * virDomainSnapshotAlignDisks does: internal, except empty and read-only drives, which are not
     * snapshotted.
     */
    private static void alignDisks(SnapshotDef def, DomainDef dom) {
        List<SnapshotDiskDef> aligned = new ArrayList<>();
        for (DiskDef disk : dom.getDisks()) {
            SnapshotDiskDef given = def.getDisks().stream()
                    .filter(s -> s.getName() != null && (s.getName().equals(disk.getTargetDev()) || s.getName().equals(disk.sourcePath())))
                    .findFirst().orElse(null);
            if (given == null) {
                given = new SnapshotDiskDef();
                given.setName(disk.getTargetDev());
            } else {
                given.setName(disk.getTargetDev());
            }
            if (given.getSnapshot() == null) {
                boolean empty = disk.sourcePath() == null || disk.sourcePath().isEmpty();
                given.setSnapshot(empty || disk.isReadonly() ? "no" : "internal");
            }
            aligned.add(given);
        }
        def.setDisks(aligned);
    }

    @Override
    public List<String> listAll(UUID uuid, int flags) {
        synchronized (host) {
            TestDomain d = domain(uuid);
            List<String> names = new ArrayList<>();
            for (TestSnapshot s : d.snapshots.values()) {
                boolean root = s.parent() == null;
                boolean leaf = d.snapshots.values().stream().noneMatch(o -> s.name().equals(o.parent()));
                if ((flags & ListFlags.SNAPSHOT_ROOTS) != 0 && !root) {
                    continue;
                }
                if (!TestDomains.pair(flags, ListFlags.SNAPSHOT_LEAVES, ListFlags.SNAPSHOT_NO_LEAVES, leaf)) {
                    continue;
                }
                if ((flags & ListFlags.SNAPSHOT_NO_METADATA) != 0 && (flags & ListFlags.SNAPSHOT_METADATA) == 0) {
                    continue;
                }
                names.add(s.name());
            }
            return names;
        }
    }

    @Override
    public String lookupByName(UUID uuid, String name) {
        synchronized (host) {
            return snapshot(domain(uuid), name).name();
        }
    }

    @Override
    public String xmlDesc(UUID uuid, String name, int flags) {
        synchronized (host) {
            return VireoXml.formatSnapshot(snapshot(domain(uuid), name).def());
        }
    }

    @Override
    public String current(UUID uuid) {
        synchronized (host) {
            return domain(uuid).currentSnapshot;
        }
    }

    @Override
    public String parent(UUID uuid, String name) {
        synchronized (host) {
            return snapshot(domain(uuid), name).parent();
        }
    }

    /**
     * Reverts as libvirt's test driver does. To a snapshot of a running or paused domain: a running domain
     * is stopped and started again (a new ID), an inactive one is started; it ends up paused when the
     * snapshot was paused or --paused is given (--running wins). To a snapshot of an inactive domain: the
     * domain is stopped if it runs and stays off, whatever the flags ask.
     */
    @Override
    public void revert(UUID uuid, String name, int flags) {
        Errors.exclusiveFlags(flags, DomainFlags.SNAPSHOT_REVERT_RUNNING, "VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING",
                DomainFlags.SNAPSHOT_REVERT_PAUSED, "VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED");
        Errors.checkFlags(flags, DomainFlags.SNAPSHOT_REVERT_RUNNING | DomainFlags.SNAPSHOT_REVERT_PAUSED
                | DomainFlags.SNAPSHOT_REVERT_FORCE, "testDomainRevertToSnapshot");
        synchronized (host) {
            TestDomain d = domain(uuid);
            TestSnapshot snap = snapshot(d, name);
            String savedState = snap.def().getState();
            boolean activeSnapshot = "running".equals(savedState) || "paused".equals(savedState);
            if (d.isActive()) {
                domains.stop(d, Reasons.SHUTOFF_FROM_SNAPSHOT, Detail.STOPPED_FROM_SNAPSHOT, false);
            }
            DomainDef restored = snap.def().getDomain().copy();
            TestDomains.fillDefaults(restored);
            restored.setId(null);
            d.def = restored;
            d.newDef = null;
            if (activeSnapshot) {
                domains.start(d, Reasons.RUNNING_FROM_SNAPSHOT, Detail.STARTED_FROM_SNAPSHOT);
                boolean paused = (flags & DomainFlags.SNAPSHOT_REVERT_RUNNING) == 0
                        && ("paused".equals(savedState) || (flags & DomainFlags.SNAPSHOT_REVERT_PAUSED) != 0);
                if (paused) {
                    d.setState(DomainState.PAUSED, Reasons.PAUSED_FROM_SNAPSHOT);
                    host.events.domain(d.name(), uuid, DomainEventType.SUSPENDED, Detail.SUSPENDED_FROM_SNAPSHOT);
                }
            } else {
                d.setState(DomainState.SHUTOFF, Reasons.SHUTOFF_FROM_SNAPSHOT);
            }
            d.currentSnapshot = name;
            if (d.persistent) {
                host.saveDomain(d);
            }
        }
    }

    /**
     * Deletes as libvirt's test driver does: with CHILDREN or CHILDREN_ONLY the descendants go too (and the
     * snapshot becomes current if one of them was); without, its children move up to its parent. A deleted
     * current snapshot hands "current" to its parent.
     */
    @Override
    public void delete(UUID uuid, String name, int flags) {
        Errors.exclusiveFlags(flags, DomainFlags.SNAPSHOT_DELETE_CHILDREN, "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN",
                DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY, "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY");
        Errors.checkFlags(flags, DomainFlags.SNAPSHOT_DELETE_CHILDREN | DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY,
                "testDomainSnapshotDelete");
        synchronized (host) {
            TestDomain d = domain(uuid);
            TestSnapshot snap = snapshot(d, name);
            boolean childrenOnly = (flags & DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY) != 0;
            if ((flags & (DomainFlags.SNAPSHOT_DELETE_CHILDREN | DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY)) != 0) {
                List<String> descendants = new ArrayList<>();
                collectDescendants(d, name, descendants);
                for (String victim : descendants) {
                    d.snapshots.remove(victim);
                    host.deleteSnapshot(d, victim);
                    if (victim.equals(d.currentSnapshot)) {
                        d.currentSnapshot = name;
                    }
                }
            } else {
                for (TestSnapshot o : d.snapshots.values()) {
                    if (name.equals(o.parent())) {
                        o.def().setParent(snap.parent());
                        host.saveSnapshot(d, o);
                    }
                }
            }
            if (!childrenOnly) {
                d.snapshots.remove(name);
                host.deleteSnapshot(d, name);
                if (name.equals(d.currentSnapshot)) {
                    d.currentSnapshot = snap.parent() != null && d.snapshots.containsKey(snap.parent())
                            ? snap.parent() : null;
                }
            }
        }
    }

    private static void collectDescendants(TestDomain d, String name, List<String> out) {
        for (TestSnapshot s : d.snapshots.values()) {
            if (name.equals(s.parent())) {
                collectDescendants(d, s.name(), out);
                out.add(s.name());
            }
        }
    }
}
