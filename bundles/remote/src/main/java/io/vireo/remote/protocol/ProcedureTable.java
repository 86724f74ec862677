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

    static {
        // Connection and host. One-field shapes name the libvirt field in the comment.
        call(CONNECT_OPEN, ConnectProcs.OpenArgs::decode, Empty::decode);
        call(CONNECT_CLOSE, Empty::decode, Empty::decode);
        call(CONNECT_GET_TYPE, Empty::decode, OneString::decode);                  // type
        call(CONNECT_GET_VERSION, Empty::decode, OneUHyper::decode);               // hv_ver
        call(CONNECT_GET_LIB_VERSION, Empty::decode, OneUHyper::decode);           // lib_ver
        call(CONNECT_GET_MAX_VCPUS, OneOptionalString::decode, OneInt::decode);    // type -> max_vcpus
        call(CONNECT_GET_HOSTNAME, Empty::decode, OneString::decode);              // hostname
        call(CONNECT_GET_URI, Empty::decode, OneString::decode);                   // uri
        call(CONNECT_GET_CAPABILITIES, Empty::decode, OneString::decode);          // capabilities
        call(CONNECT_GET_DOMAIN_CAPABILITIES, ConnectProcs.GetDomainCapabilitiesArgs::decode,
            OneString::decode);                                                    // capabilities
        call(CONNECT_GET_SYSINFO, FlagsOnly::decode, OneString::decode);           // sysinfo
        call(CONNECT_SUPPORTS_FEATURE, OneInt::decode, OneInt::decode);            // feature -> supported
        call(CONNECT_IS_SECURE, Empty::decode, OneInt::decode);                    // secure
        call(CONNECT_REGISTER_CLOSE_CALLBACK, Empty::decode, Empty::decode);
        call(CONNECT_UNREGISTER_CLOSE_CALLBACK, Empty::decode, Empty::decode);
        call(AUTH_LIST, Empty::decode, ConnectProcs.AuthListRet::decode);
        call(AUTH_SASL_INIT, Empty::decode, OneString::decode);                    // mechlist
        call(AUTH_SASL_START, ConnectProcs.AuthSaslStartArgs::decode, ConnectProcs.AuthSaslRet::decode);
        call(AUTH_SASL_STEP, ConnectProcs.AuthSaslStepArgs::decode, ConnectProcs.AuthSaslRet::decode);
        call(AUTH_POLKIT, Empty::decode, OneInt::decode);                          // complete
        call(NODE_GET_INFO, Empty::decode, ConnectProcs.NodeGetInfoRet::decode);
        call(NODE_GET_SECURITY_MODEL, Empty::decode, ConnectProcs.NodeGetSecurityModelRet::decode);
        call(NODE_GET_FREE_MEMORY, Empty::decode, OneUHyper::decode);              // freeMem
        call(NODE_GET_CELLS_FREE_MEMORY, ConnectProcs.NodeGetCellsFreeMemoryArgs::decode,
            ConnectProcs.NodeGetCellsFreeMemoryRet::decode);
        event(CONNECT_EVENT_CONNECTION_CLOSED, OneInt::decode);                    // reason

        // Domain listing and lookup
        call(CONNECT_LIST_ALL_DOMAINS, ListAllArgs::decode, DomainProcs.ListAllDomainsRet::decode);
        call(CONNECT_NUM_OF_DOMAINS, Empty::decode, OneInt::decode);               // num
        call(CONNECT_LIST_DOMAINS, OneInt::decode, DomainProcs.ListDomainsRet::decode); // maxids
        call(CONNECT_NUM_OF_DEFINED_DOMAINS, Empty::decode, OneInt::decode);       // num
        call(CONNECT_LIST_DEFINED_DOMAINS, OneInt::decode, NameList::decode);      // maxnames
        call(DOMAIN_LOOKUP_BY_ID, OneInt::decode, DomainRet::decode);              // id
        call(DOMAIN_LOOKUP_BY_NAME, OneString::decode, DomainRet::decode);         // name
        call(DOMAIN_LOOKUP_BY_UUID, OneUuid::decode, DomainRet::decode);           // uuid

        // Domain define, create, lifecycle
        call(DOMAIN_DEFINE_XML, OneString::decode, DomainRet::decode);             // xml
        call(DOMAIN_DEFINE_XML_FLAGS, StringFlags::decode, DomainRet::decode);     // xml, flags
        call(DOMAIN_CREATE_XML, StringFlags::decode, DomainRet::decode);           // xml_desc, flags
        call(DOMAIN_CREATE, DomainArgs::decode, Empty::decode);
        call(DOMAIN_CREATE_WITH_FLAGS, DomainFlagsArgs::decode, DomainRet::decode);
        call(DOMAIN_DESTROY, DomainArgs::decode, Empty::decode);
        call(DOMAIN_DESTROY_FLAGS, DomainFlagsArgs::decode, Empty::decode);
        call(DOMAIN_SHUTDOWN, DomainArgs::decode, Empty::decode);
        call(DOMAIN_SHUTDOWN_FLAGS, DomainFlagsArgs::decode, Empty::decode);
        call(DOMAIN_REBOOT, DomainFlagsArgs::decode, Empty::decode);
        call(DOMAIN_RESET, DomainFlagsArgs::decode, Empty::decode);
        call(DOMAIN_SUSPEND, DomainArgs::decode, Empty::decode);
        call(DOMAIN_RESUME, DomainArgs::decode, Empty::decode);
        call(DOMAIN_UNDEFINE, DomainArgs::decode, Empty::decode);
        call(DOMAIN_UNDEFINE_FLAGS, DomainFlagsArgs::decode, Empty::decode);
        call(DOMAIN_MANAGED_SAVE, DomainFlagsArgs::decode, Empty::decode);
        call(DOMAIN_HAS_MANAGED_SAVE_IMAGE, DomainFlagsArgs::decode, OneInt::decode); // result
        call(DOMAIN_MANAGED_SAVE_REMOVE, DomainFlagsArgs::decode, Empty::decode);

        // Domain info, state, XML, configuration
        call(DOMAIN_GET_XML_DESC, DomainFlagsArgs::decode, OneString::decode);     // xml
        call(DOMAIN_GET_INFO, DomainArgs::decode, DomainProcs.GetInfoRet::decode);
        call(DOMAIN_GET_STATE, DomainFlagsArgs::decode, DomainProcs.GetStateRet::decode);
        call(DOMAIN_GET_OS_TYPE, DomainArgs::decode, OneString::decode);           // type
        call(DOMAIN_GET_MAX_MEMORY, DomainArgs::decode, OneUHyper::decode);        // memory
        call(DOMAIN_GET_MAX_VCPUS, DomainArgs::decode, OneInt::decode);            // num
        call(DOMAIN_GET_AUTOSTART, DomainArgs::decode, OneInt::decode);            // autostart
        call(DOMAIN_SET_AUTOSTART, DomainProcs.SetAutostartArgs::decode, Empty::decode);
        call(DOMAIN_IS_ACTIVE, DomainArgs::decode, OneInt::decode);                // active
        call(DOMAIN_IS_PERSISTENT, DomainArgs::decode, OneInt::decode);            // persistent
        call(DOMAIN_IS_UPDATED, DomainArgs::decode, OneInt::decode);               // updated
        call(DOMAIN_SET_MAX_MEMORY, DomainProcs.SetMemoryArgs::decode, Empty::decode);
        call(DOMAIN_SET_MEMORY, DomainProcs.SetMemoryArgs::decode, Empty::decode);
        call(DOMAIN_SET_MEMORY_FLAGS, DomainProcs.SetMemoryFlagsArgs::decode, Empty::decode);
        call(DOMAIN_SET_VCPUS, DomainProcs.SetVcpusArgs::decode, Empty::decode);
        call(DOMAIN_SET_VCPUS_FLAGS, DomainProcs.SetVcpusFlagsArgs::decode, Empty::decode);
        call(DOMAIN_GET_VCPUS_FLAGS, DomainFlagsArgs::decode, OneInt::decode);     // num
        call(DOMAIN_ATTACH_DEVICE, DomainProcs.DomainXmlArgs::decode, Empty::decode);
        call(DOMAIN_DETACH_DEVICE, DomainProcs.DomainXmlArgs::decode, Empty::decode);
        call(DOMAIN_ATTACH_DEVICE_FLAGS, DomainProcs.DomainXmlFlagsArgs::decode, Empty::decode);
        call(DOMAIN_DETACH_DEVICE_FLAGS, DomainProcs.DomainXmlFlagsArgs::decode, Empty::decode);
        call(DOMAIN_UPDATE_DEVICE_FLAGS, DomainProcs.DomainXmlFlagsArgs::decode, Empty::decode);
        call(DOMAIN_GET_METADATA, DomainProcs.GetMetadataArgs::decode, OneString::decode); // metadata
        call(DOMAIN_SET_METADATA, DomainProcs.SetMetadataArgs::decode, Empty::decode);
        call(DOMAIN_GET_HOSTNAME, DomainFlagsArgs::decode, OneString::decode);     // hostname
        call(DOMAIN_GET_MESSAGES, DomainFlagsArgs::decode, DomainProcs.GetMessagesRet::decode);
        call(DOMAIN_GET_SECURITY_LABEL, DomainArgs::decode, DomainProcs.GetSecurityLabelRet::decode);
        call(DOMAIN_OPEN_CONSOLE, DomainProcs.OpenConsoleArgs::decode, Empty::decode);
        call(DOMAIN_OPEN_CHANNEL, DomainProcs.OpenConsoleArgs::decode, Empty::decode);

        // Domain stats
        call(DOMAIN_MEMORY_STATS, DomainProcs.MemoryStatsArgs::decode, DomainProcs.MemoryStatsRet::decode);
        call(DOMAIN_BLOCK_STATS, DomainProcs.DomainPathArgs::decode, DomainProcs.BlockStatsRet::decode);
        call(DOMAIN_INTERFACE_STATS, DomainProcs.DomainPathArgs::decode, DomainProcs.InterfaceStatsRet::decode);
        call(DOMAIN_BLOCK_STATS_FLAGS, DomainProcs.BlockStatsFlagsArgs::decode,
            DomainProcs.BlockStatsFlagsRet::decode);
        call(DOMAIN_GET_CPU_STATS, DomainProcs.GetCpuStatsArgs::decode, DomainProcs.GetCpuStatsRet::decode);

        // Domain events
        call(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, EventProcs.DomainCallbackRegisterArgs::decode,
            OneInt::decode);                                                       // callbackID
        call(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, OneInt::decode, Empty::decode); // callbackID
        call(CONNECT_DOMAIN_EVENT_REGISTER, Empty::decode, OneInt::decode);        // cb_registered
        call(CONNECT_DOMAIN_EVENT_DEREGISTER, Empty::decode, OneInt::decode);      // cb_registered
        call(CONNECT_DOMAIN_EVENT_REGISTER_ANY, OneInt::decode, Empty::decode);    // eventID
        call(CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, OneInt::decode, Empty::decode);  // eventID
        event(DOMAIN_EVENT_CALLBACK_LIFECYCLE, EventProcs.DomainLifecycleMsg::decode);
        event(DOMAIN_EVENT_CALLBACK_REBOOT, EventProcs.DomainRebootMsg::decode);
        event(DOMAIN_EVENT_LIFECYCLE, EventProcs.LegacyDomainLifecycleMsg::decode);

        // Networks
        call(CONNECT_LIST_ALL_NETWORKS, ListAllArgs::decode, NetworkProcs.ListAllNetworksRet::decode);
        call(CONNECT_NUM_OF_NETWORKS, Empty::decode, OneInt::decode);              // num
        call(CONNECT_LIST_NETWORKS, OneInt::decode, NameList::decode);             // maxnames
        call(CONNECT_NUM_OF_DEFINED_NETWORKS, Empty::decode, OneInt::decode);      // num
        call(CONNECT_LIST_DEFINED_NETWORKS, OneInt::decode, NameList::decode);     // maxnames
        call(NETWORK_LOOKUP_BY_NAME, OneString::decode, NetworkRet::decode);       // name
        call(NETWORK_LOOKUP_BY_UUID, OneUuid::decode, NetworkRet::decode);         // uuid
        call(NETWORK_CREATE_XML, OneString::decode, NetworkRet::decode);           // xml
        call(NETWORK_CREATE_XML_FLAGS, StringFlags::decode, NetworkRet::decode);   // xml, flags
        call(NETWORK_DEFINE_XML, OneString::decode, NetworkRet::decode);           // xml
        call(NETWORK_DEFINE_XML_FLAGS, StringFlags::decode, NetworkRet::decode);   // xml, flags
        call(NETWORK_CREATE, NetworkArgs::decode, Empty::decode);
        call(NETWORK_DESTROY, NetworkArgs::decode, Empty::decode);
        call(NETWORK_UNDEFINE, NetworkArgs::decode, Empty::decode);
        call(NETWORK_GET_XML_DESC, NetworkProcs.NetworkFlagsArgs::decode, OneString::decode); // xml
        call(NETWORK_GET_AUTOSTART, NetworkArgs::decode, OneInt::decode);          // autostart
        call(NETWORK_SET_AUTOSTART, NetworkProcs.SetAutostartArgs::decode, Empty::decode);
        call(NETWORK_GET_BRIDGE_NAME, NetworkArgs::decode, OneString::decode);     // name
        call(NETWORK_IS_ACTIVE, NetworkArgs::decode, OneInt::decode);              // active
        call(NETWORK_IS_PERSISTENT, NetworkArgs::decode, OneInt::decode);          // persistent
        call(CONNECT_NETWORK_EVENT_REGISTER_ANY, EventProcs.NetworkRegisterArgs::decode, OneInt::decode);
        call(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, OneInt::decode, Empty::decode); // callbackID
        event(NETWORK_EVENT_LIFECYCLE, EventProcs.NetworkLifecycleMsg::decode);

        // Storage pools
        call(CONNECT_LIST_ALL_STORAGE_POOLS, ListAllArgs::decode, StorageProcs.ListAllPoolsRet::decode);
        call(CONNECT_NUM_OF_STORAGE_POOLS, Empty::decode, OneInt::decode);         // num
        call(CONNECT_LIST_STORAGE_POOLS, OneInt::decode, NameList::decode);        // maxnames
        call(CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, Empty::decode, OneInt::decode); // num
        call(CONNECT_LIST_DEFINED_STORAGE_POOLS, OneInt::decode, NameList::decode); // maxnames
        call(STORAGE_POOL_LOOKUP_BY_NAME, OneString::decode, PoolRet::decode);     // name
        call(STORAGE_POOL_LOOKUP_BY_UUID, OneUuid::decode, PoolRet::decode);       // uuid
        call(STORAGE_POOL_LOOKUP_BY_VOLUME, VolArgs::decode, PoolRet::decode);
        call(STORAGE_POOL_LOOKUP_BY_TARGET_PATH, OneString::decode, PoolRet::decode); // path
        call(STORAGE_POOL_CREATE_XML, StringFlags::decode, PoolRet::decode);       // xml, flags
        call(STORAGE_POOL_DEFINE_XML, StringFlags::decode, PoolRet::decode);       // xml, flags
        call(STORAGE_POOL_CREATE, PoolFlagsArgs::decode, Empty::decode);
        call(STORAGE_POOL_BUILD, PoolFlagsArgs::decode, Empty::decode);
        call(STORAGE_POOL_DESTROY, PoolArgs::decode, Empty::decode);
        call(STORAGE_POOL_DELETE, PoolFlagsArgs::decode, Empty::decode);
        call(STORAGE_POOL_UNDEFINE, PoolArgs::decode, Empty::decode);
        call(STORAGE_POOL_REFRESH, PoolFlagsArgs::decode, Empty::decode);
        call(STORAGE_POOL_GET_INFO, PoolArgs::decode, StorageProcs.PoolGetInfoRet::decode);
        call(STORAGE_POOL_GET_XML_DESC, PoolFlagsArgs::decode, OneString::decode); // xml
        call(STORAGE_POOL_GET_AUTOSTART, PoolArgs::decode, OneInt::decode);        // autostart
        call(STORAGE_POOL_SET_AUTOSTART, StorageProcs.PoolSetAutostartArgs::decode, Empty::decode);
        call(STORAGE_POOL_IS_ACTIVE, PoolArgs::decode, OneInt::decode);            // active
        call(STORAGE_POOL_IS_PERSISTENT, PoolArgs::decode, OneInt::decode);        // persistent
        call(STORAGE_POOL_NUM_OF_VOLUMES, PoolArgs::decode, OneInt::decode);       // num
        call(STORAGE_POOL_LIST_VOLUMES, StorageProcs.PoolListVolumesArgs::decode, NameList::decode);
        call(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, EventProcs.StoragePoolRegisterArgs::decode,
            OneInt::decode);                                                       // callbackID
        call(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, OneInt::decode, Empty::decode); // callbackID
        event(STORAGE_POOL_EVENT_LIFECYCLE, EventProcs.StoragePoolLifecycleMsg::decode);
        event(STORAGE_POOL_EVENT_REFRESH, EventProcs.StoragePoolRefreshMsg::decode);

        // Storage volumes
        call(STORAGE_POOL_LIST_ALL_VOLUMES, StorageProcs.PoolListAllVolumesArgs::decode,
            StorageProcs.ListAllVolumesRet::decode);
        call(STORAGE_VOL_CREATE_XML, StorageProcs.VolCreateXmlArgs::decode, VolRet::decode);
        call(STORAGE_VOL_CREATE_XML_FROM, StorageProcs.VolCreateXmlFromArgs::decode, VolRet::decode);
        call(STORAGE_VOL_DELETE, VolFlagsArgs::decode, Empty::decode);
        call(STORAGE_VOL_WIPE, VolFlagsArgs::decode, Empty::decode);
        call(STORAGE_VOL_RESIZE, StorageProcs.VolResizeArgs::decode, Empty::decode);
        call(STORAGE_VOL_LOOKUP_BY_NAME, StorageProcs.VolLookupByNameArgs::decode, VolRet::decode);
        call(STORAGE_VOL_LOOKUP_BY_KEY, OneString::decode, VolRet::decode);        // key
        call(STORAGE_VOL_LOOKUP_BY_PATH, OneString::decode, VolRet::decode);       // path
        call(STORAGE_VOL_GET_INFO, VolArgs::decode, StorageProcs.VolGetInfoRet::decode);
        call(STORAGE_VOL_GET_INFO_FLAGS, VolFlagsArgs::decode, StorageProcs.VolGetInfoRet::decode);
        call(STORAGE_VOL_GET_XML_DESC, VolFlagsArgs::decode, OneString::decode);   // xml
        call(STORAGE_VOL_GET_PATH, VolArgs::decode, OneString::decode);            // name (the path)
        call(STORAGE_VOL_UPLOAD, StorageProcs.VolTransferArgs::decode, Empty::decode);
        call(STORAGE_VOL_DOWNLOAD, StorageProcs.VolTransferArgs::decode, Empty::decode);

        // Snapshots
        call(DOMAIN_SNAPSHOT_CREATE_XML, SnapshotProcs.CreateXmlArgs::decode, SnapshotRet::decode);
        call(DOMAIN_SNAPSHOT_GET_XML_DESC, SnapshotFlagsArgs::decode, OneString::decode); // xml
        call(DOMAIN_SNAPSHOT_NUM, DomainFlagsArgs::decode, OneInt::decode);        // num
        call(DOMAIN_SNAPSHOT_LIST_NAMES, SnapshotProcs.ListNamesArgs::decode, NameList::decode);
        call(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, SnapshotProcs.LookupByNameArgs::decode, SnapshotRet::decode);
        call(DOMAIN_HAS_CURRENT_SNAPSHOT, DomainFlagsArgs::decode, OneInt::decode); // result
        call(DOMAIN_SNAPSHOT_CURRENT, DomainFlagsArgs::decode, SnapshotRet::decode);
        call(DOMAIN_REVERT_TO_SNAPSHOT, SnapshotFlagsArgs::decode, Empty::decode);
        call(DOMAIN_SNAPSHOT_DELETE, SnapshotFlagsArgs::decode, Empty::decode);
        call(DOMAIN_SNAPSHOT_GET_PARENT, SnapshotFlagsArgs::decode, SnapshotRet::decode);
        call(DOMAIN_SNAPSHOT_NUM_CHILDREN, SnapshotFlagsArgs::decode, OneInt::decode); // num
        call(DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES, SnapshotProcs.ListChildrenNamesArgs::decode,
            NameList::decode);
        call(DOMAIN_SNAPSHOT_IS_CURRENT, SnapshotFlagsArgs::decode, OneInt::decode); // current
        call(DOMAIN_SNAPSHOT_HAS_METADATA, SnapshotFlagsArgs::decode, OneInt::decode); // metadata
        call(DOMAIN_LIST_ALL_SNAPSHOTS, SnapshotProcs.ListAllArgs::decode, SnapshotProcs.ListAllRet::decode);
        call(DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, SnapshotProcs.ListAllChildrenArgs::decode,
            SnapshotProcs.ListAllRet::decode);
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
