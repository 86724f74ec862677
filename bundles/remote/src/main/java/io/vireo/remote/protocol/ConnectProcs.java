package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Connection, host and authentication procedures (those not covered by {@link CommonProcs} shapes). */
public final class ConnectProcs {

    private ConnectProcs() {
    }

    // CONNECT_SUPPORTS_FEATURE numbers (virDrvFeature)
    public static final int FEATURE_MIGRATION_V1 = 1;
    public static final int FEATURE_REMOTE = 2;
    public static final int FEATURE_MIGRATION_V2 = 3;
    public static final int FEATURE_MIGRATION_P2P = 4;
    public static final int FEATURE_MIGRATION_DIRECT = 5;
    public static final int FEATURE_MIGRATION_V3 = 6;
    public static final int FEATURE_MIGRATE_CHANGE_PROTECTION = 7;
    public static final int FEATURE_FD_PASSING = 8;
    public static final int FEATURE_TYPED_PARAM_STRING = 9;
    public static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    public static final int FEATURE_XML_MIGRATABLE = 11;
    public static final int FEATURE_MIGRATION_OFFLINE = 12;
    public static final int FEATURE_MIGRATION_PARAMS = 13;
    public static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    public static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;
    public static final int FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16;

    // remote_auth_type
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SASL = 1;
    public static final int AUTH_POLKIT = 2;

    /** CONNECT_OPEN flag: read-only connection. */
    public static final int OPEN_READ_ONLY = 1;

    /** CONNECT_OPEN args. {@code name} is the URI without transport and host; null or "" lets the server choose. */
    public record OpenArgs(String name, int flags) implements XdrStruct {
        public static OpenArgs decode(XdrDecoder d) {
            return new OpenArgs(d.readOptionalString(Wire.STRING_MAX), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeOptionalString(name, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /** CONNECT_GET_DOMAIN_CAPABILITIES args; every string may be absent. */
    public record GetDomainCapabilitiesArgs(String emulatorbin, String arch, String machine, String virttype,
                                            int flags) implements XdrStruct {
        public static GetDomainCapabilitiesArgs decode(XdrDecoder d) {
            return new GetDomainCapabilitiesArgs(d.readOptionalString(Wire.STRING_MAX),
                d.readOptionalString(Wire.STRING_MAX), d.readOptionalString(Wire.STRING_MAX),
                d.readOptionalString(Wire.STRING_MAX), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeOptionalString(emulatorbin, Wire.STRING_MAX).writeOptionalString(arch, Wire.STRING_MAX)
                .writeOptionalString(machine, Wire.STRING_MAX).writeOptionalString(virttype, Wire.STRING_MAX)
                .writeUnsignedInt(flags);
        }
    }

    /** AUTH_LIST ret: the auth types of this socket (libvirtd sends exactly one). */
    public record AuthListRet(List<Integer> types) implements XdrStruct {
        public AuthListRet {
            types = List.copyOf(types);
        }

        public static AuthListRet decode(XdrDecoder d) {
            return new AuthListRet(d.readArray(Wire.AUTH_TYPE_LIST_MAX, XdrDecoder::readInt));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(types, Wire.AUTH_TYPE_LIST_MAX, XdrEncoder::writeInt);
        }
    }

    /** AUTH_SASL_START args; {@code nil} 1 means "no initial data". SASL data is binary, 4 bytes per byte. */
    public record AuthSaslStartArgs(String mech, int nil, byte[] data) implements XdrStruct {
        public AuthSaslStartArgs {
            Objects.requireNonNull(mech, "mech");
            Objects.requireNonNull(data, "data");
        }

        public static AuthSaslStartArgs decode(XdrDecoder d) {
            return new AuthSaslStartArgs(d.readString(Wire.STRING_MAX), d.readInt(),
                d.readCharBytes(Wire.AUTH_SASL_DATA_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeString(mech, Wire.STRING_MAX).writeInt(nil).writeCharBytes(data, Wire.AUTH_SASL_DATA_MAX);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthSaslStartArgs a && mech.equals(a.mech) && nil == a.nil
                && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mech, nil) * 31 + Arrays.hashCode(data);
        }
    }

    /** AUTH_SASL_STEP args. */
    public record AuthSaslStepArgs(int nil, byte[] data) implements XdrStruct {
        public AuthSaslStepArgs {
            Objects.requireNonNull(data, "data");
        }

        public static AuthSaslStepArgs decode(XdrDecoder d) {
            return new AuthSaslStepArgs(d.readInt(), d.readCharBytes(Wire.AUTH_SASL_DATA_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(nil).writeCharBytes(data, Wire.AUTH_SASL_DATA_MAX);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthSaslStepArgs a && nil == a.nil && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() {
            return nil * 31 + Arrays.hashCode(data);
        }
    }

    /** AUTH_SASL_START and AUTH_SASL_STEP ret. */
    public record AuthSaslRet(int complete, int nil, byte[] data) implements XdrStruct {
        public AuthSaslRet {
            Objects.requireNonNull(data, "data");
        }

        public static AuthSaslRet decode(XdrDecoder d) {
            return new AuthSaslRet(d.readInt(), d.readInt(), d.readCharBytes(Wire.AUTH_SASL_DATA_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(complete).writeInt(nil).writeCharBytes(data, Wire.AUTH_SASL_DATA_MAX);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthSaslRet a && complete == a.complete && nil == a.nil
                && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(complete, nil) * 31 + Arrays.hashCode(data);
        }
    }

    /**
     * NODE_GET_INFO ret. {@code model} is a char[32] on the wire (128 bytes), so at most 31 bytes of text;
     * memory in KiB; sockets per node, cores per socket, threads per core.
     */
    public record NodeGetInfoRet(String model, long memory, int cpus, int mhz, int nodes, int sockets, int cores,
                                 int threads) implements XdrStruct {
        public NodeGetInfoRet {
            Objects.requireNonNull(model, "model");
        }

        public static NodeGetInfoRet decode(XdrDecoder d) {
            return new NodeGetInfoRet(d.readFixedCharString(Wire.NODE_MODEL_LENGTH), d.readUnsignedHyper(),
                d.readInt(), d.readInt(), d.readInt(), d.readInt(), d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeFixedCharString(model, Wire.NODE_MODEL_LENGTH).writeUnsignedHyper(memory).writeInt(cpus)
                .writeInt(mhz).writeInt(nodes).writeInt(sockets).writeInt(cores).writeInt(threads);
        }
    }

    /**
     * NODE_GET_SECURITY_MODEL ret: char arrays holding C strings with their NUL, as libvirtd sends them
     * (an empty model is a single NUL). {@link #of} adds the NULs, {@link #modelText} strips them.
     */
    public record NodeGetSecurityModelRet(String model, String doi) implements XdrStruct {
        public NodeGetSecurityModelRet {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(doi, "doi");
        }

        public static NodeGetSecurityModelRet of(String model, String doi) {
            return new NodeGetSecurityModelRet(model + '\0', doi + '\0');
        }

        public String modelText() {
            return cString(model);
        }

        public String doiText() {
            return cString(doi);
        }

        public static NodeGetSecurityModelRet decode(XdrDecoder d) {
            return new NodeGetSecurityModelRet(d.readCharString(Wire.SECURITY_MODEL_MAX),
                d.readCharString(Wire.SECURITY_DOI_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeCharString(model, Wire.SECURITY_MODEL_MAX).writeCharString(doi, Wire.SECURITY_DOI_MAX);
        }
    }

    /** NODE_GET_CELLS_FREE_MEMORY args. */
    public record NodeGetCellsFreeMemoryArgs(int startCell, int maxcells) implements XdrStruct {
        public static NodeGetCellsFreeMemoryArgs decode(XdrDecoder d) {
            return new NodeGetCellsFreeMemoryArgs(d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(startCell).writeInt(maxcells);
        }
    }

    /** NODE_GET_CELLS_FREE_MEMORY ret: free bytes per cell. */
    public record NodeGetCellsFreeMemoryRet(List<Long> cells) implements XdrStruct {
        public NodeGetCellsFreeMemoryRet {
            cells = List.copyOf(cells);
        }

        public static NodeGetCellsFreeMemoryRet decode(XdrDecoder d) {
            return new NodeGetCellsFreeMemoryRet(d.readArray(Wire.NODE_MAX_CELLS, 8, XdrDecoder::readUnsignedHyper));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(cells, Wire.NODE_MAX_CELLS, XdrEncoder::writeUnsignedHyper);
        }
    }

    /** The text of a C string sent as a char array: everything before the first NUL. */
    static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
