package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;
import static io.vireo.remote.server.Calls.done;
import static io.vireo.remote.server.Calls.first;
import static io.vireo.remote.server.Calls.noFlags;

import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs.NameList;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.DomainProcs.DomainFlagsArgs;
import io.vireo.remote.protocol.NonnullDomainSnapshot;
import io.vireo.remote.protocol.SnapshotProcs;
import io.vireo.remote.protocol.SnapshotProcs.SnapshotFlagsArgs;
import io.vireo.remote.protocol.SnapshotProcs.SnapshotRet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Domain snapshots. Child queries are answered from the parent links the API gives. */
final class SnapshotHandlers {

    private SnapshotHandlers() {
    }

    static void register(HandlerTable t) {
        t.on(DOMAIN_SNAPSHOT_CREATE_XML, SnapshotProcs.CreateXmlArgs.class,
            (s, a) -> ret(Refs.domain(s, a.dom()).createSnapshot(a.xmlDesc(), a.flags())));
        t.on(DOMAIN_SNAPSHOT_GET_XML_DESC, SnapshotFlagsArgs.class,
            (s, a) -> new OneString(Refs.snapshot(s, a.snap()).xmlDesc(a.flags())));
        t.on(DOMAIN_SNAPSHOT_NUM, DomainFlagsArgs.class,
            (s, a) -> new OneInt(Refs.domain(s, a.dom()).listAllSnapshots(a.flags()).size()));
        t.on(DOMAIN_SNAPSHOT_LIST_NAMES, SnapshotProcs.ListNamesArgs.class, (s, a) -> new NameList(
            first(Refs.domain(s, a.dom()).listAllSnapshots(a.flags()), a.maxnames()).stream()
                .map(DomainSnapshot::name).toList()));
        t.on(DOMAIN_LIST_ALL_SNAPSHOTS, SnapshotProcs.ListAllArgs.class, (s, a) -> {
            List<DomainSnapshot> all = Refs.domain(s, a.dom()).listAllSnapshots(a.flags());
            return listRet(all, a.needResults());
        });
        t.on(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, SnapshotProcs.LookupByNameArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainSnapshotLookupByName");
            return ret(Refs.domain(s, a.dom()).lookupSnapshotByName(a.name()));
        });
        t.on(DOMAIN_HAS_CURRENT_SNAPSHOT, DomainFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainHasCurrentSnapshot");
            return OneInt.of(Refs.domain(s, a.dom()).hasCurrentSnapshot());
        });
        t.on(DOMAIN_SNAPSHOT_CURRENT, DomainFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainSnapshotCurrent");
            return ret(Refs.domain(s, a.dom()).currentSnapshot());
        });
        t.on(DOMAIN_REVERT_TO_SNAPSHOT, SnapshotFlagsArgs.class,
            (s, a) -> done(() -> Refs.snapshot(s, a.snap()).revert(a.flags())));
        t.on(DOMAIN_SNAPSHOT_DELETE, SnapshotFlagsArgs.class,
            (s, a) -> done(() -> Refs.snapshot(s, a.snap()).delete(a.flags())));
        t.on(DOMAIN_SNAPSHOT_GET_PARENT, SnapshotFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainSnapshotGetParent");
            DomainSnapshot snap = Refs.snapshot(s, a.snap());
            DomainSnapshot parent = snap.parent();
            if (parent == null) {
                throw VirtException.of(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.DOMAIN_SNAPSHOT,
                    "snapshot '%s' does not have a parent", snap.name());
            }
            return ret(parent);
        });
        t.on(DOMAIN_SNAPSHOT_IS_CURRENT, SnapshotFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainSnapshotIsCurrent");
            return OneInt.of(Refs.snapshot(s, a.snap()).isCurrent());
        });
        // Every snapshot the API knows is one it keeps metadata for.
        t.on(DOMAIN_SNAPSHOT_HAS_METADATA, SnapshotFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainSnapshotHasMetadata");
            Refs.snapshot(s, a.snap());
            return OneInt.of(true);
        });
        t.on(DOMAIN_SNAPSHOT_NUM_CHILDREN, SnapshotFlagsArgs.class,
            (s, a) -> new OneInt(children(Refs.snapshot(s, a.snap()), a.flags()).size()));
        t.on(DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES, SnapshotProcs.ListChildrenNamesArgs.class, (s, a) -> new NameList(
            first(children(Refs.snapshot(s, a.snap()), a.flags()), a.maxnames()).stream()
                .map(DomainSnapshot::name).toList()));
        t.on(DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, SnapshotProcs.ListAllChildrenArgs.class,
            (s, a) -> listRet(children(Refs.snapshot(s, a.snapshot()), a.flags()), a.needResults()));
    }

    private static SnapshotRet ret(DomainSnapshot snap) {
        return new SnapshotRet(Refs.wire(snap));
    }

    private static SnapshotProcs.ListAllRet listRet(List<DomainSnapshot> all, int needResults) {
        List<NonnullDomainSnapshot> wire = List.of();
        if (needResults != 0) {
            wire = all.stream().map(Refs::wire).toList();
        }
        return new SnapshotProcs.ListAllRet(wire, all.size());
    }

    /**
     * The children of {@code snap} (all descendants with the DESCENDANTS flag), filtered by the other
     * list flags as the domain-wide listing filters them.
     */
    private static List<DomainSnapshot> children(DomainSnapshot snap, int flags) {
        boolean descendants = (flags & ListFlags.SNAPSHOT_DESCENDANTS) != 0;
        Domain dom = snap.domain();
        Map<String, String> parents = new HashMap<>();
        for (DomainSnapshot each : dom.listAllSnapshots(0)) {
            parents.put(each.name(), parentName(each));
        }
        List<DomainSnapshot> out = new ArrayList<>();
        for (DomainSnapshot candidate : dom.listAllSnapshots(flags & ~ListFlags.SNAPSHOT_DESCENDANTS)) {
            String p = parents.get(candidate.name());
            if (descendants) {
                // Walk up; the bound stops a corrupt parent cycle from looping forever.
                for (int i = 0; p != null && !p.equals(snap.name()) && i < parents.size(); i++) {
                    p = parents.get(p);
                }
            }
            if (snap.name().equals(p)) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** The parent's name, null for a root (drivers report a root either as null or as "no parent"). */
    private static String parentName(DomainSnapshot snap) {
        try {
            DomainSnapshot p = snap.parent();
            return p == null ? null : p.name();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_DOMAIN_SNAPSHOT) {
                return null;
            }
            throw e;
        }
    }
}
