package io.vireo.remote.protocol;

import static io.vireo.remote.protocol.Procedure.*;

import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.FlagsOnly;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.NameList;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneOptionalString;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUHyper;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.CommonProcs.StringFlags;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainFlagsArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.NetworkProcs.NetworkArgs;
import io.vireo.remote.protocol.NetworkProcs.NetworkRet;
import io.vireo.remote.protocol.StorageProcs.PoolArgs;
import io.vireo.remote.protocol.StorageProcs.PoolFlagsArgs;
import io.vireo.remote.protocol.StorageProcs.PoolRet;
import io.vireo.remote.protocol.StorageProcs.VolArgs;
import io.vireo.remote.protocol.StorageProcs.VolFlagsArgs;
import io.vireo.remote.protocol.StorageProcs.VolRet;
import io.vireo.remote.protocol.SnapshotProcs.SnapshotFlagsArgs;
import io.vireo.remote.protocol.SnapshotProcs.SnapshotRet;
import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which struct each supported REMOTE procedure carries: args and ret for calls, the message body for
 * events. A dispatcher decodes a CALL with {@code signature.args()} and answers with an instance of the
 * ret type; a client does the reverse. Procedures missing here have no codec yet: answer them with
 * VIR_ERR_NO_SUPPORT.
 */
public final class ProcedureTable {

    /** Whether the procedure is a call (args, then a reply) or an event (one MESSAGE, no reply). */
    public enum Kind { CALL, EVENT }

    /**
     * @param args for CALL the args decoder; for EVENT the message decoder
     * @param ret  for CALL the ret decoder; null for EVENT
     */
    public record Signature(Procedure procedure, Kind kind, XdrDecoder.Reader<? extends XdrStruct> args,
                            XdrDecoder.Reader<? extends XdrStruct> ret) {
        public Signature {
            Objects.requireNonNull(procedure, "procedure");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(args, "args");
            if ((kind == Kind.CALL) != (ret != null)) {
                throw new IllegalArgumentException("a call has a ret decoder, an event has none: " + procedure);
            }
        }
    }

    private static final Map<Procedure, Signature> TABLE = new EnumMap<>(Procedure.class);

    private static void call(Procedure p, XdrDecoder.Reader<? extends XdrStruct> args,
                             XdrDecoder.Reader<? extends XdrStruct> ret) {
        if (TABLE.put(p, new Signature(p, Kind.CALL, args, ret)) != null) {
            throw new IllegalStateException("duplicate " + p);
        }
    }

    private static void event(Procedure p, XdrDecoder.Reader<? extends XdrStruct> msg) {
        if (TABLE.put(p, new Signature(p, Kind.EVENT, msg, null)) != null) {
            throw new IllegalStateException("duplicate " + p);
        }
    }

    // One decoder instance for each struct named more than once below: every method reference is a call site
    // of its own, whose first evaluation spins a class, and spinning ~350 of them (for 89 decoders) was most
    // of the time the RPC server took to activate, before it could listen.
    private static final XdrDecoder.Reader<Empty> EMPTY = Empty::decode;
    private static final XdrDecoder.Reader<OneInt> ONE_INT = OneInt::decode;
    private static final XdrDecoder.Reader<OneString> ONE_STRING = OneString::decode;
    private static final XdrDecoder.Reader<DomainFlagsArgs> DOMAIN_FLAGS_ARGS = DomainFlagsArgs::decode;
    private static final XdrDecoder.Reader<DomainArgs> DOMAIN_ARGS = DomainArgs::decode;
    private static final XdrDecoder.Reader<NameList> NAME_LIST = NameList::decode;
    private static final XdrDecoder.Reader<DomainRet> DOMAIN_RET = DomainRet::decode;
    private static final XdrDecoder.Reader<NetworkArgs> NETWORK_ARGS = NetworkArgs::decode;
    private static final XdrDecoder.Reader<PoolArgs> POOL_ARGS = PoolArgs::decode;
    private static final XdrDecoder.Reader<SnapshotFlagsArgs> SNAPSHOT_FLAGS_ARGS = SnapshotFlagsArgs::decode;
    private static final XdrDecoder.Reader<StringFlags> STRING_FLAGS = StringFlags::decode;
    private static final XdrDecoder.Reader<NetworkRet> NETWORK_RET = NetworkRet::decode;
    private static final XdrDecoder.Reader<PoolRet> POOL_RET = PoolRet::decode;
    private static final XdrDecoder.Reader<PoolFlagsArgs> POOL_FLAGS_ARGS = PoolFlagsArgs::decode;
    private static final XdrDecoder.Reader<VolRet> VOL_RET = VolRet::decode;
    private static final XdrDecoder.Reader<OneUHyper> ONE_UHYPER = OneUHyper::decode;
    private static final XdrDecoder.Reader<VolFlagsArgs> VOL_FLAGS_ARGS = VolFlagsArgs::decode;
    private static final XdrDecoder.Reader<SnapshotRet> SNAPSHOT_RET = SnapshotRet::decode;
    private static final XdrDecoder.Reader<ListAllArgs> LIST_ALL_ARGS = ListAllArgs::decode;
    private static final XdrDecoder.Reader<OneUuid> ONE_UUID = OneUuid::decode;
    private static final XdrDecoder.Reader<DomainProcs.DomainXmlFlagsArgs> DOMAIN_XML_FLAGS_ARGS = DomainProcs.DomainXmlFlagsArgs::decode;
    private static final XdrDecoder.Reader<VolArgs> VOL_ARGS = VolArgs::decode;
    private static final XdrDecoder.Reader<ConnectProcs.AuthSaslRet> AUTH_SASL_RET = ConnectProcs.AuthSaslRet::decode;
    private static final XdrDecoder.Reader<DomainProcs.SetMemoryArgs> SET_MEMORY_ARGS = DomainProcs.SetMemoryArgs::decode;
    private static final XdrDecoder.Reader<DomainProcs.DomainXmlArgs> DOMAIN_XML_ARGS = DomainProcs.DomainXmlArgs::decode;
    private static final XdrDecoder.Reader<DomainProcs.OpenConsoleArgs> OPEN_CONSOLE_ARGS = DomainProcs.OpenConsoleArgs::decode;
    private static final XdrDecoder.Reader<DomainProcs.DomainPathArgs> DOMAIN_PATH_ARGS = DomainProcs.DomainPathArgs::decode;
    private static final XdrDecoder.Reader<StorageProcs.VolGetInfoRet> VOL_GET_INFO_RET = StorageProcs.VolGetInfoRet::decode;
    private static final XdrDecoder.Reader<StorageProcs.VolTransferArgs> VOL_TRANSFER_ARGS = StorageProcs.VolTransferArgs::decode;
    private static final XdrDecoder.Reader<SnapshotProcs.ListAllRet> LIST_ALL_RET = SnapshotProcs.ListAllRet::decode;

    static {
        // Connection and host. One-field shapes name the libvirt field in the comment.
        call(CONNECT_OPEN, ConnectProcs.OpenArgs::decode, EMPTY);
        call(CONNECT_CLOSE, EMPTY, EMPTY);
        call(CONNECT_GET_TYPE, EMPTY, ONE_STRING);                  // type
        call(CONNECT_GET_VERSION, EMPTY, ONE_UHYPER);               // hv_ver
        call(CONNECT_GET_LIB_VERSION, EMPTY, ONE_UHYPER);           // lib_ver
        call(CONNECT_GET_MAX_VCPUS, OneOptionalString::decode, ONE_INT);    // type -> max_vcpus
        call(CONNECT_GET_HOSTNAME, EMPTY, ONE_STRING);              // hostname
        call(CONNECT_GET_URI, EMPTY, ONE_STRING);                   // uri
        call(CONNECT_GET_CAPABILITIES, EMPTY, ONE_STRING);          // capabilities
        call(CONNECT_GET_DOMAIN_CAPABILITIES, ConnectProcs.GetDomainCapabilitiesArgs::decode,
            ONE_STRING);                                                    // capabilities
        call(CONNECT_GET_SYSINFO, FlagsOnly::decode, ONE_STRING);           // sysinfo
        call(CONNECT_SUPPORTS_FEATURE, ONE_INT, ONE_INT);            // feature -> supported
        call(CONNECT_IS_SECURE, EMPTY, ONE_INT);                    // secure
        call(CONNECT_REGISTER_CLOSE_CALLBACK, EMPTY, EMPTY);
        call(CONNECT_UNREGISTER_CLOSE_CALLBACK, EMPTY, EMPTY);
        call(AUTH_LIST, EMPTY, ConnectProcs.AuthListRet::decode);
        call(AUTH_SASL_INIT, EMPTY, ONE_STRING);                    // mechlist
        call(AUTH_SASL_START, ConnectProcs.AuthSaslStartArgs::decode, AUTH_SASL_RET);
        call(AUTH_SASL_STEP, ConnectProcs.AuthSaslStepArgs::decode, AUTH_SASL_RET);
        call(AUTH_POLKIT, EMPTY, ONE_INT);                          // complete
        call(NODE_GET_INFO, EMPTY, ConnectProcs.NodeGetInfoRet::decode);
        call(NODE_GET_SECURITY_MODEL, EMPTY, ConnectProcs.NodeGetSecurityModelRet::decode);
        call(NODE_GET_FREE_MEMORY, EMPTY, ONE_UHYPER);              // freeMem
        call(NODE_GET_CELLS_FREE_MEMORY, ConnectProcs.NodeGetCellsFreeMemoryArgs::decode,
            ConnectProcs.NodeGetCellsFreeMemoryRet::decode);
        event(CONNECT_EVENT_CONNECTION_CLOSED, ONE_INT);                    // reason

        // Domain listing and lookup
        call(CONNECT_LIST_ALL_DOMAINS, LIST_ALL_ARGS, DomainProcs.ListAllDomainsRet::decode);
        call(CONNECT_NUM_OF_DOMAINS, EMPTY, ONE_INT);               // num
        call(CONNECT_LIST_DOMAINS, ONE_INT, DomainProcs.ListDomainsRet::decode); // maxids
        call(CONNECT_NUM_OF_DEFINED_DOMAINS, EMPTY, ONE_INT);       // num
        call(CONNECT_LIST_DEFINED_DOMAINS, ONE_INT, NAME_LIST);      // maxnames
        call(DOMAIN_LOOKUP_BY_ID, ONE_INT, DOMAIN_RET);              // id
        call(DOMAIN_LOOKUP_BY_NAME, ONE_STRING, DOMAIN_RET);         // name
        call(DOMAIN_LOOKUP_BY_UUID, ONE_UUID, DOMAIN_RET);           // uuid

        // Domain define, create, lifecycle
        call(DOMAIN_DEFINE_XML, ONE_STRING, DOMAIN_RET);             // xml
        call(DOMAIN_DEFINE_XML_FLAGS, STRING_FLAGS, DOMAIN_RET);     // xml, flags
        call(DOMAIN_CREATE_XML, STRING_FLAGS, DOMAIN_RET);           // xml_desc, flags
        call(DOMAIN_CREATE, DOMAIN_ARGS, EMPTY);
        call(DOMAIN_CREATE_WITH_FLAGS, DOMAIN_FLAGS_ARGS, DOMAIN_RET);
        call(DOMAIN_DESTROY, DOMAIN_ARGS, EMPTY);
        call(DOMAIN_DESTROY_FLAGS, DOMAIN_FLAGS_ARGS, EMPTY);
        call(DOMAIN_SHUTDOWN, DOMAIN_ARGS, EMPTY);
        call(DOMAIN_SHUTDOWN_FLAGS, DOMAIN_FLAGS_ARGS, EMPTY);
        call(DOMAIN_REBOOT, DOMAIN_FLAGS_ARGS, EMPTY);
        call(DOMAIN_RESET, DOMAIN_FLAGS_ARGS, EMPTY);
        call(DOMAIN_SUSPEND, DOMAIN_ARGS, EMPTY);
        call(DOMAIN_RESUME, DOMAIN_ARGS, EMPTY);
        call(DOMAIN_UNDEFINE, DOMAIN_ARGS, EMPTY);
        call(DOMAIN_UNDEFINE_FLAGS, DOMAIN_FLAGS_ARGS, EMPTY);
        call(DOMAIN_MANAGED_SAVE, DOMAIN_FLAGS_ARGS, EMPTY);
        call(DOMAIN_HAS_MANAGED_SAVE_IMAGE, DOMAIN_FLAGS_ARGS, ONE_INT); // result
        call(DOMAIN_MANAGED_SAVE_REMOVE, DOMAIN_FLAGS_ARGS, EMPTY);

        // Domain info, state, XML, configuration
        call(DOMAIN_GET_XML_DESC, DOMAIN_FLAGS_ARGS, ONE_STRING);     // xml
        call(DOMAIN_GET_INFO, DOMAIN_ARGS, DomainProcs.GetInfoRet::decode);
        call(DOMAIN_GET_STATE, DOMAIN_FLAGS_ARGS, DomainProcs.GetStateRet::decode);
        call(DOMAIN_GET_OS_TYPE, DOMAIN_ARGS, ONE_STRING);           // type
        call(DOMAIN_GET_MAX_MEMORY, DOMAIN_ARGS, ONE_UHYPER);        // memory
        call(DOMAIN_GET_MAX_VCPUS, DOMAIN_ARGS, ONE_INT);            // num
        call(DOMAIN_GET_AUTOSTART, DOMAIN_ARGS, ONE_INT);            // autostart
        call(DOMAIN_SET_AUTOSTART, DomainProcs.SetAutostartArgs::decode, EMPTY);
        call(DOMAIN_IS_ACTIVE, DOMAIN_ARGS, ONE_INT);                // active
        call(DOMAIN_IS_PERSISTENT, DOMAIN_ARGS, ONE_INT);            // persistent
        call(DOMAIN_IS_UPDATED, DOMAIN_ARGS, ONE_INT);               // updated
        call(DOMAIN_SET_MAX_MEMORY, SET_MEMORY_ARGS, EMPTY);
        call(DOMAIN_SET_MEMORY, SET_MEMORY_ARGS, EMPTY);
        call(DOMAIN_SET_MEMORY_FLAGS, DomainProcs.SetMemoryFlagsArgs::decode, EMPTY);
        call(DOMAIN_SET_VCPUS, DomainProcs.SetVcpusArgs::decode, EMPTY);
        call(DOMAIN_SET_VCPUS_FLAGS, DomainProcs.SetVcpusFlagsArgs::decode, EMPTY);
        call(DOMAIN_SET_MEMORY_STATS_PERIOD, DomainProcs.SetMemoryStatsPeriodArgs::decode, EMPTY);
        call(DOMAIN_GET_VCPUS_FLAGS, DOMAIN_FLAGS_ARGS, ONE_INT);     // num
        call(DOMAIN_ATTACH_DEVICE, DOMAIN_XML_ARGS, EMPTY);
        call(DOMAIN_DETACH_DEVICE, DOMAIN_XML_ARGS, EMPTY);
        call(DOMAIN_ATTACH_DEVICE_FLAGS, DOMAIN_XML_FLAGS_ARGS, EMPTY);
        call(DOMAIN_DETACH_DEVICE_FLAGS, DOMAIN_XML_FLAGS_ARGS, EMPTY);
        call(DOMAIN_UPDATE_DEVICE_FLAGS, DOMAIN_XML_FLAGS_ARGS, EMPTY);
        call(DOMAIN_GET_METADATA, DomainProcs.GetMetadataArgs::decode, ONE_STRING); // metadata
        call(DOMAIN_SET_METADATA, DomainProcs.SetMetadataArgs::decode, EMPTY);
        call(DOMAIN_GET_HOSTNAME, DOMAIN_FLAGS_ARGS, ONE_STRING);     // hostname
        call(DOMAIN_GET_MESSAGES, DOMAIN_FLAGS_ARGS, DomainProcs.GetMessagesRet::decode);
        call(DOMAIN_GET_SECURITY_LABEL, DOMAIN_ARGS, DomainProcs.GetSecurityLabelRet::decode);
        call(DOMAIN_OPEN_CONSOLE, OPEN_CONSOLE_ARGS, EMPTY);
        call(DOMAIN_OPEN_CHANNEL, OPEN_CONSOLE_ARGS, EMPTY);

        // Domain stats
        call(DOMAIN_MEMORY_STATS, DomainProcs.MemoryStatsArgs::decode, DomainProcs.MemoryStatsRet::decode);
        call(DOMAIN_BLOCK_STATS, DOMAIN_PATH_ARGS, DomainProcs.BlockStatsRet::decode);
        call(DOMAIN_INTERFACE_STATS, DOMAIN_PATH_ARGS, DomainProcs.InterfaceStatsRet::decode);
        call(DOMAIN_BLOCK_STATS_FLAGS, DomainProcs.BlockStatsFlagsArgs::decode,
            DomainProcs.BlockStatsFlagsRet::decode);
        call(DOMAIN_GET_CPU_STATS, DomainProcs.GetCpuStatsArgs::decode, DomainProcs.GetCpuStatsRet::decode);
        call(CONNECT_GET_ALL_DOMAIN_STATS, DomainProcs.GetAllDomainStatsArgs::decode,
            DomainProcs.GetAllDomainStatsRet::decode);

        // Domain events
        call(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, EventProcs.DomainCallbackRegisterArgs::decode,
            ONE_INT);                                                       // callbackID
        call(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, ONE_INT, EMPTY); // callbackID
        call(CONNECT_DOMAIN_EVENT_REGISTER, EMPTY, ONE_INT);        // cb_registered
        call(CONNECT_DOMAIN_EVENT_DEREGISTER, EMPTY, ONE_INT);      // cb_registered
        call(CONNECT_DOMAIN_EVENT_REGISTER_ANY, ONE_INT, EMPTY);    // eventID
        call(CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, ONE_INT, EMPTY);  // eventID
        event(DOMAIN_EVENT_CALLBACK_LIFECYCLE, EventProcs.DomainLifecycleMsg::decode);
        event(DOMAIN_EVENT_CALLBACK_REBOOT, EventProcs.DomainRebootMsg::decode);
        event(DOMAIN_EVENT_LIFECYCLE, EventProcs.LegacyDomainLifecycleMsg::decode);

        // Networks
        call(CONNECT_LIST_ALL_NETWORKS, LIST_ALL_ARGS, NetworkProcs.ListAllNetworksRet::decode);
        call(CONNECT_NUM_OF_NETWORKS, EMPTY, ONE_INT);              // num
        call(CONNECT_LIST_NETWORKS, ONE_INT, NAME_LIST);             // maxnames
        call(CONNECT_NUM_OF_DEFINED_NETWORKS, EMPTY, ONE_INT);      // num
        call(CONNECT_LIST_DEFINED_NETWORKS, ONE_INT, NAME_LIST);     // maxnames
        call(NETWORK_LOOKUP_BY_NAME, ONE_STRING, NETWORK_RET);       // name
        call(NETWORK_LOOKUP_BY_UUID, ONE_UUID, NETWORK_RET);         // uuid
        call(NETWORK_CREATE_XML, ONE_STRING, NETWORK_RET);           // xml
        call(NETWORK_CREATE_XML_FLAGS, STRING_FLAGS, NETWORK_RET);   // xml, flags
        call(NETWORK_DEFINE_XML, ONE_STRING, NETWORK_RET);           // xml
        call(NETWORK_DEFINE_XML_FLAGS, STRING_FLAGS, NETWORK_RET);   // xml, flags
        call(NETWORK_CREATE, NETWORK_ARGS, EMPTY);
        call(NETWORK_DESTROY, NETWORK_ARGS, EMPTY);
        call(NETWORK_UNDEFINE, NETWORK_ARGS, EMPTY);
        call(NETWORK_GET_XML_DESC, NetworkProcs.NetworkFlagsArgs::decode, ONE_STRING); // xml
        call(NETWORK_GET_AUTOSTART, NETWORK_ARGS, ONE_INT);          // autostart
        call(NETWORK_SET_AUTOSTART, NetworkProcs.SetAutostartArgs::decode, EMPTY);
        call(NETWORK_GET_BRIDGE_NAME, NETWORK_ARGS, ONE_STRING);     // name
        call(NETWORK_IS_ACTIVE, NETWORK_ARGS, ONE_INT);              // active
        call(NETWORK_IS_PERSISTENT, NETWORK_ARGS, ONE_INT);          // persistent
        call(CONNECT_NETWORK_EVENT_REGISTER_ANY, EventProcs.NetworkRegisterArgs::decode, ONE_INT);
        call(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, ONE_INT, EMPTY); // callbackID
        event(NETWORK_EVENT_LIFECYCLE, EventProcs.NetworkLifecycleMsg::decode);

        // Storage pools
        call(CONNECT_LIST_ALL_STORAGE_POOLS, LIST_ALL_ARGS, StorageProcs.ListAllPoolsRet::decode);
        call(CONNECT_NUM_OF_STORAGE_POOLS, EMPTY, ONE_INT);         // num
        call(CONNECT_LIST_STORAGE_POOLS, ONE_INT, NAME_LIST);        // maxnames
        call(CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, EMPTY, ONE_INT); // num
        call(CONNECT_LIST_DEFINED_STORAGE_POOLS, ONE_INT, NAME_LIST); // maxnames
        call(STORAGE_POOL_LOOKUP_BY_NAME, ONE_STRING, POOL_RET);     // name
        call(STORAGE_POOL_LOOKUP_BY_UUID, ONE_UUID, POOL_RET);       // uuid
        call(STORAGE_POOL_LOOKUP_BY_VOLUME, VOL_ARGS, POOL_RET);
        call(STORAGE_POOL_LOOKUP_BY_TARGET_PATH, ONE_STRING, POOL_RET); // path
        call(STORAGE_POOL_CREATE_XML, STRING_FLAGS, POOL_RET);       // xml, flags
        call(STORAGE_POOL_DEFINE_XML, STRING_FLAGS, POOL_RET);       // xml, flags
        call(STORAGE_POOL_CREATE, POOL_FLAGS_ARGS, EMPTY);
        call(STORAGE_POOL_BUILD, POOL_FLAGS_ARGS, EMPTY);
        call(STORAGE_POOL_DESTROY, POOL_ARGS, EMPTY);
        call(STORAGE_POOL_DELETE, POOL_FLAGS_ARGS, EMPTY);
        call(STORAGE_POOL_UNDEFINE, POOL_ARGS, EMPTY);
        call(STORAGE_POOL_REFRESH, POOL_FLAGS_ARGS, EMPTY);
        call(STORAGE_POOL_GET_INFO, POOL_ARGS, StorageProcs.PoolGetInfoRet::decode);
        call(STORAGE_POOL_GET_XML_DESC, POOL_FLAGS_ARGS, ONE_STRING); // xml
        call(STORAGE_POOL_GET_AUTOSTART, POOL_ARGS, ONE_INT);        // autostart
        call(STORAGE_POOL_SET_AUTOSTART, StorageProcs.PoolSetAutostartArgs::decode, EMPTY);
        call(STORAGE_POOL_IS_ACTIVE, POOL_ARGS, ONE_INT);            // active
        call(STORAGE_POOL_IS_PERSISTENT, POOL_ARGS, ONE_INT);        // persistent
        call(STORAGE_POOL_NUM_OF_VOLUMES, POOL_ARGS, ONE_INT);       // num
        call(STORAGE_POOL_LIST_VOLUMES, StorageProcs.PoolListVolumesArgs::decode, NAME_LIST);
        call(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, EventProcs.StoragePoolRegisterArgs::decode,
            ONE_INT);                                                       // callbackID
        call(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, ONE_INT, EMPTY); // callbackID
        event(STORAGE_POOL_EVENT_LIFECYCLE, EventProcs.StoragePoolLifecycleMsg::decode);
        event(STORAGE_POOL_EVENT_REFRESH, EventProcs.StoragePoolRefreshMsg::decode);

        // Storage volumes
        call(STORAGE_POOL_LIST_ALL_VOLUMES, StorageProcs.PoolListAllVolumesArgs::decode,
            StorageProcs.ListAllVolumesRet::decode);
        call(STORAGE_VOL_CREATE_XML, StorageProcs.VolCreateXmlArgs::decode, VOL_RET);
        call(STORAGE_VOL_CREATE_XML_FROM, StorageProcs.VolCreateXmlFromArgs::decode, VOL_RET);
        call(STORAGE_VOL_DELETE, VOL_FLAGS_ARGS, EMPTY);
        call(STORAGE_VOL_WIPE, VOL_FLAGS_ARGS, EMPTY);
        call(STORAGE_VOL_RESIZE, StorageProcs.VolResizeArgs::decode, EMPTY);
        call(STORAGE_VOL_LOOKUP_BY_NAME, StorageProcs.VolLookupByNameArgs::decode, VOL_RET);
        call(STORAGE_VOL_LOOKUP_BY_KEY, ONE_STRING, VOL_RET);        // key
        call(STORAGE_VOL_LOOKUP_BY_PATH, ONE_STRING, VOL_RET);       // path
        call(STORAGE_VOL_GET_INFO, VOL_ARGS, VOL_GET_INFO_RET);
        call(STORAGE_VOL_GET_INFO_FLAGS, VOL_FLAGS_ARGS, VOL_GET_INFO_RET);
        call(STORAGE_VOL_GET_XML_DESC, VOL_FLAGS_ARGS, ONE_STRING);   // xml
        call(STORAGE_VOL_GET_PATH, VOL_ARGS, ONE_STRING);            // name (the path)
        call(STORAGE_VOL_UPLOAD, VOL_TRANSFER_ARGS, EMPTY);
        call(STORAGE_VOL_DOWNLOAD, VOL_TRANSFER_ARGS, EMPTY);

        // Snapshots
        call(DOMAIN_SNAPSHOT_CREATE_XML, SnapshotProcs.CreateXmlArgs::decode, SNAPSHOT_RET);
        call(DOMAIN_SNAPSHOT_GET_XML_DESC, SNAPSHOT_FLAGS_ARGS, ONE_STRING); // xml
        call(DOMAIN_SNAPSHOT_NUM, DOMAIN_FLAGS_ARGS, ONE_INT);        // num
        call(DOMAIN_SNAPSHOT_LIST_NAMES, SnapshotProcs.ListNamesArgs::decode, NAME_LIST);
        call(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, SnapshotProcs.LookupByNameArgs::decode, SNAPSHOT_RET);
        call(DOMAIN_HAS_CURRENT_SNAPSHOT, DOMAIN_FLAGS_ARGS, ONE_INT); // result
        call(DOMAIN_SNAPSHOT_CURRENT, DOMAIN_FLAGS_ARGS, SNAPSHOT_RET);
        call(DOMAIN_REVERT_TO_SNAPSHOT, SNAPSHOT_FLAGS_ARGS, EMPTY);
        call(DOMAIN_SNAPSHOT_DELETE, SNAPSHOT_FLAGS_ARGS, EMPTY);
        call(DOMAIN_SNAPSHOT_GET_PARENT, SNAPSHOT_FLAGS_ARGS, SNAPSHOT_RET);
        call(DOMAIN_SNAPSHOT_NUM_CHILDREN, SNAPSHOT_FLAGS_ARGS, ONE_INT); // num
        call(DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES, SnapshotProcs.ListChildrenNamesArgs::decode,
            NAME_LIST);
        call(DOMAIN_SNAPSHOT_IS_CURRENT, SNAPSHOT_FLAGS_ARGS, ONE_INT); // current
        call(DOMAIN_SNAPSHOT_HAS_METADATA, SNAPSHOT_FLAGS_ARGS, ONE_INT); // metadata
        call(DOMAIN_LIST_ALL_SNAPSHOTS, SnapshotProcs.ListAllArgs::decode, LIST_ALL_RET);
        call(DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, SnapshotProcs.ListAllChildrenArgs::decode,
            LIST_ALL_RET);
    }

    private static final Map<Procedure, Signature> VIEW = Collections.unmodifiableMap(TABLE);

    private ProcedureTable() {
    }

    public static Optional<Signature> signature(Procedure p) {
        return Optional.ofNullable(TABLE.get(p));
    }

    /** Every procedure with a codec, in procedure-number order. */
    public static Map<Procedure, Signature> all() {
        return VIEW;
    }
}
