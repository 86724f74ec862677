package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.List;
import java.util.Objects;

/** Domain snapshot procedures. Those that only take {dom, flags} use {@link DomainProcs.DomainFlagsArgs}. */
public final class SnapshotProcs {

    private SnapshotProcs() {
    }

    /** DOMAIN_SNAPSHOT_CREATE_XML args. */
    public record CreateXmlArgs(NonnullDomain dom, String xmlDesc, int flags) implements XdrStruct {
        public CreateXmlArgs {
            Objects.requireNonNull(dom, "dom");
            Objects.requireNonNull(xmlDesc, "xmlDesc");
        }

        public static CreateXmlArgs decode(XdrDecoder d) {
            return new CreateXmlArgs(NonnullDomain.decode(d), d.readString(Wire.STRING_MAX), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeString(xmlDesc, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /** {snap, flags}: get XML, revert, delete, get parent, is current, has metadata, number of children. */
    public record SnapshotFlagsArgs(NonnullDomainSnapshot snap, int flags) implements XdrStruct {
        public SnapshotFlagsArgs {
            Objects.requireNonNull(snap, "snap");
        }

        public static SnapshotFlagsArgs decode(XdrDecoder d) {
            return new SnapshotFlagsArgs(NonnullDomainSnapshot.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(snap).writeUnsignedInt(flags);
        }
    }

    /** {snap}: the reply of create, lookup, current and get parent. */
    public record SnapshotRet(NonnullDomainSnapshot snap) implements XdrStruct {
        public SnapshotRet {
            Objects.requireNonNull(snap, "snap");
        }

        public static SnapshotRet decode(XdrDecoder d) {
            return new SnapshotRet(NonnullDomainSnapshot.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(snap);
        }
    }

    /** DOMAIN_SNAPSHOT_LIST_NAMES args. */
    public record ListNamesArgs(NonnullDomain dom, int maxnames, int flags) implements XdrStruct {
        public ListNamesArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static ListNamesArgs decode(XdrDecoder d) {
            return new ListNamesArgs(NonnullDomain.decode(d), d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(maxnames).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES args. */
    public record ListChildrenNamesArgs(NonnullDomainSnapshot snap, int maxnames, int flags) implements XdrStruct {
        public ListChildrenNamesArgs {
            Objects.requireNonNull(snap, "snap");
        }

        public static ListChildrenNamesArgs decode(XdrDecoder d) {
            return new ListChildrenNamesArgs(NonnullDomainSnapshot.decode(d), d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(snap).writeInt(maxnames).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_SNAPSHOT_LOOKUP_BY_NAME args. */
    public record LookupByNameArgs(NonnullDomain dom, String name, int flags) implements XdrStruct {
        public LookupByNameArgs {
            Objects.requireNonNull(dom, "dom");
            Objects.requireNonNull(name, "name");
        }

        public static LookupByNameArgs decode(XdrDecoder d) {
            return new LookupByNameArgs(NonnullDomain.decode(d), d.readString(Wire.STRING_MAX), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeString(name, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_LIST_ALL_SNAPSHOTS args. */
    public record ListAllArgs(NonnullDomain dom, int needResults, int flags) implements XdrStruct {
        public ListAllArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static ListAllArgs decode(XdrDecoder d) {
            return new ListAllArgs(NonnullDomain.decode(d), d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(needResults).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN args. */
    public record ListAllChildrenArgs(NonnullDomainSnapshot snapshot, int needResults, int flags)
        implements XdrStruct {
        public ListAllChildrenArgs {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        public static ListAllChildrenArgs decode(XdrDecoder d) {
            return new ListAllChildrenArgs(NonnullDomainSnapshot.decode(d), d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(snapshot).writeInt(needResults).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_LIST_ALL_SNAPSHOTS and DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN ret ({@code ret} is a signed int here). */
    public record ListAllRet(List<NonnullDomainSnapshot> snapshots, int ret) implements XdrStruct {
        public ListAllRet {
            snapshots = List.copyOf(snapshots);
        }

        public static ListAllRet decode(XdrDecoder d) {
            // snapshot name (4) + domain (24) at least
            return new ListAllRet(d.readArray(Wire.DOMAIN_SNAPSHOT_LIST_MAX, 28, NonnullDomainSnapshot::decode),
                d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(snapshots, Wire.DOMAIN_SNAPSHOT_LIST_MAX, XdrEncoder::writeStruct).writeInt(ret);
        }
    }
}
