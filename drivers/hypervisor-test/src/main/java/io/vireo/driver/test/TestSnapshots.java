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
            throw VirtErrors.noSnapshot(name);
        }
        return s;
    }

    @Override
    public String create(UUID uuid, String xml, int flags) {
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
            if ((flags & DomainFlags.SNAPSHOT_CREATE_NO_METADATA) == 0) {
                d.snapshots.put(def.getName(), snap);
                d.currentSnapshot = def.getName();
                host.saveSnapshot(d, snap);
            }
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
            String parent = snapshot(domain(uuid), name).parent();
            if (parent == null) {
                throw Errors.of(ErrorCode.NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent", name);
            }
            return parent;
        }
    }

    @Override
    public void revert(UUID uuid, String name, int flags) {
        synchronized (host) {
            TestDomain d = domain(uuid);
            TestSnapshot snap = snapshot(d, name);
            String savedState = snap.def().getState();
            boolean wantRunning = (flags & DomainFlags.SNAPSHOT_REVERT_RUNNING) != 0
                    || ((flags & DomainFlags.SNAPSHOT_REVERT_PAUSED) == 0
                        && ("running".equals(savedState) || "paused".equals(savedState)));
            boolean wantPaused = (flags & DomainFlags.SNAPSHOT_REVERT_PAUSED) != 0
                    || ((flags & DomainFlags.SNAPSHOT_REVERT_RUNNING) == 0 && "paused".equals(savedState));
            if (d.isActive() && !wantRunning && !wantPaused) {
                domains.stop(d, Reasons.SHUTOFF_FROM_SNAPSHOT, Detail.STOPPED_FROM_SNAPSHOT);
            }
            d = host.domains.get(uuid);
            if (d == null) {
                return;
            }
            io.vireo.xml.domain.DomainDef restored = snap.def().getDomain().copy();
            TestDomains.fillDefaults(restored);
            if (d.isActive()) {
                restored.setId(d.id);
                d.def = restored;
                if (wantPaused && d.state != DomainState.PAUSED) {
                    d.setState(DomainState.PAUSED, Reasons.PAUSED_FROM_SNAPSHOT);
                    host.events.domain(d.name(), uuid, DomainEventType.SUSPENDED, Detail.SUSPENDED_FROM_SNAPSHOT);
                } else if (!wantPaused && d.state == DomainState.PAUSED) {
                    d.setState(DomainState.RUNNING, Reasons.RUNNING_FROM_SNAPSHOT);
                    host.events.domain(d.name(), uuid, DomainEventType.RESUMED, Detail.RESUMED_FROM_SNAPSHOT);
                }
            } else {
                d.def = restored;
                if (wantRunning || wantPaused) {
                    d.id = host.nextDomainId++;
                    d.def.setId(d.id);
                    d.setState(DomainState.RUNNING, Reasons.RUNNING_FROM_SNAPSHOT);
                    host.events.domain(d.name(), uuid, DomainEventType.STARTED, Detail.STARTED_FROM_SNAPSHOT);
                    if (wantPaused) {
                        d.setState(DomainState.PAUSED, Reasons.PAUSED_FROM_SNAPSHOT);
                        host.events.domain(d.name(), uuid, DomainEventType.SUSPENDED, Detail.SUSPENDED_FROM_SNAPSHOT);
                    }
                }
            }
            d.currentSnapshot = name;
        }
    }

    @Override
    public void delete(UUID uuid, String name, int flags) {
        synchronized (host) {
            TestDomain d = domain(uuid);
            TestSnapshot snap = snapshot(d, name);
            boolean children = (flags & (DomainFlags.SNAPSHOT_DELETE_CHILDREN | DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY)) != 0;
            List<String> doomed = new ArrayList<>();
            if (children) {
                collectDescendants(d, name, doomed);
            }
            if ((flags & DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY) == 0) {
                doomed.add(name);
            }
            for (String victim : doomed) {
                TestSnapshot gone = d.snapshots.remove(victim);
                host.deleteSnapshot(d, victim);
                if (!children) {
                    // Children of a deleted snapshot move up to its parent.
                    for (TestSnapshot o : d.snapshots.values()) {
                        if (victim.equals(o.parent())) {
                            o.def().setParent(gone.parent());
                            host.saveSnapshot(d, o);
                        }
                    }
                }
                if (victim.equals(d.currentSnapshot)) {
                    d.currentSnapshot = children ? null : snap.parent();
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
