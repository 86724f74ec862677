package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Argument and reply shapes that many procedures share ("one int", "one string", "flags only", "name
 * list"). {@link ProcedureTable} says which procedure uses which; the field's libvirt name is in the
 * comment there.
 */
public final class CommonProcs {

    private CommonProcs() {
    }

    /** An empty payload (void args or ret). */
    public record Empty() implements XdrStruct {
        public static final Empty INSTANCE = new Empty();

        public static Empty decode(XdrDecoder d) {
            return INSTANCE;
        }

        @Override
        public void encode(XdrEncoder e) {
        }
    }

    /** One int: a feature number, an id, a count, a boolean-as-int answer, a callback id... */
    public record OneInt(int value) implements XdrStruct {
        public static OneInt decode(XdrDecoder d) {
            return new OneInt(d.readInt());
        }

        public static OneInt of(boolean b) {
            return new OneInt(b ? 1 : 0);
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(value);
        }
    }

    /** One unsigned hyper (raw 64 bits): versions, memory sizes. */
    public record OneUHyper(long value) implements XdrStruct {
        public static OneUHyper decode(XdrDecoder d) {
            return new OneUHyper(d.readUnsignedHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeUnsignedHyper(value);
        }
    }

    /** One non-null string: a name, an XML document, a path, a URI. */
    public record OneString(String value) implements XdrStruct {
        public OneString {
            Objects.requireNonNull(value, "value");
        }

        public static OneString decode(XdrDecoder d) {
            return new OneString(d.readString(Wire.STRING_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeString(value, Wire.STRING_MAX);
        }
    }

    /** One optional string (null = absent). */
    public record OneOptionalString(String value) implements XdrStruct {
        public static OneOptionalString decode(XdrDecoder d) {
            return new OneOptionalString(d.readOptionalString(Wire.STRING_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeOptionalString(value, Wire.STRING_MAX);
        }
    }

    /** One 16-byte UUID: lookups by UUID. */
    public record OneUuid(UUID uuid) implements XdrStruct {
        public OneUuid {
            Objects.requireNonNull(uuid, "uuid");
        }

        public static OneUuid decode(XdrDecoder d) {
            return new OneUuid(d.readUuid());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeUuid(uuid);
        }
    }

    /** Only flags (unsigned int, raw bits). */
    public record FlagsOnly(int flags) implements XdrStruct {
        public static FlagsOnly decode(XdrDecoder d) {
            return new FlagsOnly(d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeUnsignedInt(flags);
        }
    }

    /** A string and flags: {xml, flags} of the *_XML_FLAGS and create-XML procedures. */
    public record StringFlags(String value, int flags) implements XdrStruct {
        public StringFlags {
            Objects.requireNonNull(value, "value");
        }

        public static StringFlags decode(XdrDecoder d) {
            return new StringFlags(d.readString(Wire.STRING_MAX), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeString(value, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /**
     * {need_results, flags} of the list-all procedures: with need_results 0 the reply carries only the
     * count.
     */
    public record ListAllArgs(int needResults, int flags) implements XdrStruct {
        public static ListAllArgs decode(XdrDecoder d) {
            return new ListAllArgs(d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(needResults).writeUnsignedInt(flags);
        }
    }

    /**
     * A list of names (at most 16384, the limit of every object list): the old Num/List fallbacks for
     * domains, networks, pools, volumes and snapshots.
     */
    public record NameList(List<String> names) implements XdrStruct {
        public static final int MAX = Wire.DOMAIN_LIST_MAX;

        public NameList {
            names = List.copyOf(names);
        }

        public static NameList decode(XdrDecoder d) {
            return new NameList(d.readArray(MAX, d2 -> d2.readString(Wire.STRING_MAX)));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(names, MAX, (e2, s) -> e2.writeString(s, Wire.STRING_MAX));
        }
    }
}
