package io.vireo.remote.client;

import static io.vireo.remote.protocol.Procedure.*;

import io.vireo.api.BlockStats;
import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityLabel;
import io.vireo.api.SecurityModel;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StoragePoolState;
import io.vireo.api.StorageVolumeInfo;
import io.vireo.api.StorageVolumeType;
import io.vireo.api.TypedParameter;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.QemuMonitorCommands;
import io.vireo.api.spi.DomainDevices;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DomainSnapshots;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.EventSink;
import io.vireo.api.spi.HostInfo;
import io.vireo.api.spi.Networks;
import io.vireo.api.spi.ObjectRef;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;
import io.vireo.api.spi.VolumeRef;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUHyper;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.CommonProcs.StringFlags;
import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.DomainProcs;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainFlagsArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.EventProcs;
import io.vireo.remote.protocol.NetworkProcs;
import io.vireo.remote.protocol.NetworkProcs.NetworkArgs;
import io.vireo.remote.protocol.NetworkProcs.NetworkRet;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.NonnullDomainSnapshot;
import io.vireo.remote.protocol.NonnullNetwork;
import io.vireo.remote.protocol.NonnullStoragePool;
import io.vireo.remote.protocol.NonnullStorageVol;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.SnapshotProcs;
import io.vireo.remote.protocol.SnapshotProcs.SnapshotFlagsArgs;
import io.vireo.remote.protocol.SnapshotProcs.SnapshotRet;
import io.vireo.remote.protocol.StorageProcs;
import io.vireo.remote.protocol.StorageProcs.PoolArgs;
import io.vireo.remote.protocol.StorageProcs.PoolFlagsArgs;
import io.vireo.remote.protocol.StorageProcs.PoolRet;
import io.vireo.remote.protocol.StorageProcs.VolArgs;
import io.vireo.remote.protocol.StorageProcs.VolFlagsArgs;
import io.vireo.remote.protocol.StorageProcs.VolRet;
import io.vireo.remote.protocol.TypedParam;
import io.vireo.remote.xdr.XdrStruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every SPI role of a driver, answered by another daemon (Vireo's or libvirt's) over libvirt's RPC. The
 * SPI names objects by UUID; the wire wants name and UUID (and a domain's id), so the names the server
 * last reported are cached per UUID, and an unknown UUID is looked up first, as a libvirt client would
 * hold a virDomainPtr from an earlier lookup.
 *
 * <p>Consoles are libvirt streams ({@link ClientStream}). The remote daemon's lifecycle events of domains,
 * networks and storage pools are registered for and posted through the connection's {@link EventSink}
 * under its URI, by one connection per URI at a time ({@link EventFeeds}).
 */
final class RemoteDriverConnection implements DriverConnection, HostInfo, DomainDefinitions, DomainLifecycle,
    DomainTuning, DomainDevices, DomainStats, StorageVolumes, DomainCapabilities, DomainConsoles,
    QemuMonitorCommands {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteDriverConnection.class);

    private final RpcClient rpc;
    private final String uri;
    private final EventSink events;
    private final EventFeeds feeds;
    private final Map<UUID, NonnullDomain> domains = new ConcurrentHashMap<>();
    private final Map<UUID, NonnullNetwork> networks = new ConcurrentHashMap<>();
    private final Map<UUID, NonnullStoragePool> pools = new ConcurrentHashMap<>();

    /**
     * @param uri    the connection's URI, under which its events are posted
     * @param events where the remote daemon's events go, or null for none
     * @param feeds  which connection of a URI posts its events, or null when this one alone does
     */
    RemoteDriverConnection(RpcClient rpc, String uri, EventSink events, EventFeeds feeds) {
        this.rpc = rpc;
        this.uri = uri;
        this.events = events;
        this.feeds = feeds;
    }

    RpcClient rpc() {
        return rpc;
    }

    String uri() {
        return uri;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.REMOTE;
    }

    @Override
    public void close() {
        if (feeds != null) {
            feeds.closed(this);
        }
        rpc.close(true);
    }

    // Events

    /**
     * Registers for the remote daemon's domain, network and storage pool lifecycle events (callback form,
     * no filter) and posts each through the sink. A daemon that refuses one (an old one, or one without
     * that driver) just sends none of it.
     */
    void subscribe() {
        if (events == null || !rpc.isOpen()) {
            return;
        }
        rpc.onEvent(this::event);
        register(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            new EventProcs.DomainCallbackRegisterArgs(EventProcs.DOMAIN_EVENT_ID_LIFECYCLE, null));
        register(CONNECT_NETWORK_EVENT_REGISTER_ANY,
            new EventProcs.NetworkRegisterArgs(EventProcs.NETWORK_EVENT_ID_LIFECYCLE, null));
        register(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
            new EventProcs.StoragePoolRegisterArgs(EventProcs.STORAGE_POOL_EVENT_ID_LIFECYCLE, null));
    }

    private void register(Procedure p, XdrStruct args) {
        try {
            call(p, args, OneInt.class);
        } catch (VirtException e) {
            LOG.debug("{} does not send {} events: {}", rpc.peer(), p, e.getMessage());
        }
    }

    /**
     * An event MESSAGE, on the connection's reader thread. Only this connection's registrations exist on
     * it (one per kind), so the callback id needs no check; events Vireo has no type for are skipped.
     */
    private void event(Packet p) {
        try {
            Procedure proc = p.header().remoteProcedure().orElse(null);
            if (proc == DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
                EventProcs.DomainLifecycleMsg m = p.decodePayload(EventProcs.DomainLifecycleMsg::decode);
                DomainEventType type = domainEventType(m.event());
                if (type != null) {
                    events.domain(m.dom().name(), m.dom().uuid(), type, m.detail());
                }
            } else if (proc == NETWORK_EVENT_LIFECYCLE) {
                EventProcs.NetworkLifecycleMsg m = p.decodePayload(EventProcs.NetworkLifecycleMsg::decode);
                for (NetworkEventType t : NetworkEventType.values()) {
                    if (t.value() == m.event()) {
                        events.network(m.net().name(), m.net().uuid(), t);
                    }
                }
            } else if (proc == STORAGE_POOL_EVENT_LIFECYCLE) {
                EventProcs.StoragePoolLifecycleMsg m = p.decodePayload(EventProcs.StoragePoolLifecycleMsg::decode);
                for (StoragePoolEventType t : StoragePoolEventType.values()) {
                    if (t.value() == m.event()) {
                        events.storagePool(m.pool().name(), m.pool().uuid(), t);
                    }
                }
            }
        } catch (RuntimeException e) { // undecodable (XdrException), or the sink failed
            LOG.debug("Dropping an event from {}: {}", rpc.peer(), e.toString());
        }
    }

    private static DomainEventType domainEventType(int value) {
        for (DomainEventType t : DomainEventType.values()) {
            if (t.value() == value) {
                return t;
            }
        }
        return null;
    }

    // Consoles

    @Override
    public ConsoleStream openConsole(UUID uuid, String device, int flags) {
        return new RemoteConsole(rpc.openStream(DOMAIN_OPEN_CONSOLE, new DomainProcs.OpenConsoleArgs(dom(uuid),
            device, flags)));
    }

    private <R extends XdrStruct> R call(Procedure p, XdrStruct args, Class<R> ret) {
        return rpc.call(p, args, ret);
    }

    private void run(Procedure p, XdrStruct args) {
        rpc.call(p, args, Empty.class);
    }

    private String string(Procedure p, XdrStruct args) {
        return call(p, args, OneString.class).value();
    }

    private boolean bool(Procedure p, XdrStruct args) {
        return call(p, args, OneInt.class).value() != 0;
    }

    // Host

    @Override
    public String type() {
        return string(CONNECT_GET_TYPE, Empty.INSTANCE);
    }

    @Override
    public long hypervisorVersion() {
        return call(CONNECT_GET_VERSION, Empty.INSTANCE, OneUHyper.class).value();
    }

    @Override
    public String hostname() {
        return string(CONNECT_GET_HOSTNAME, Empty.INSTANCE);
    }

    @Override
    public NodeInfo nodeInfo() {
        ConnectProcs.NodeGetInfoRet n = call(NODE_GET_INFO, Empty.INSTANCE, ConnectProcs.NodeGetInfoRet.class);
        return new NodeInfo(n.model(), n.memory(), n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(), n.threads());
    }

    @Override
    public String capabilities() {
        return string(CONNECT_GET_CAPABILITIES, Empty.INSTANCE);
    }

    @Override
    public SecurityModel securityModel() {
        ConnectProcs.NodeGetSecurityModelRet m = call(NODE_GET_SECURITY_MODEL, Empty.INSTANCE,
            ConnectProcs.NodeGetSecurityModelRet.class);
        return new SecurityModel(m.modelText(), m.doiText());
    }

    @Override
    public String domainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        return string(CONNECT_GET_DOMAIN_CAPABILITIES,
            new ConnectProcs.GetDomainCapabilitiesArgs(emulator, arch, machine, virttype, flags));
    }

    // Domains

    private DomainRef ref(NonnullDomain d) {
        domains.put(d.uuid(), d);
        return new DomainRef(d.name(), d.uuid(), d.id());
    }

    private DomainRef ref(DomainRet r) {
        return ref(r.dom());
    }

    /** The wire form of a domain by UUID: the cached one, else what a lookup by UUID says. */
    private NonnullDomain dom(UUID uuid) {
        NonnullDomain d = domains.get(uuid);
        if (d == null) {
            d = call(DOMAIN_LOOKUP_BY_UUID, new OneUuid(uuid), DomainRet.class).dom();
            domains.put(uuid, d);
        }
        return d;
    }

    @Override
    public List<DomainRef> listAll(int flags) {
        return call(CONNECT_LIST_ALL_DOMAINS, new ListAllArgs(1, flags), DomainProcs.ListAllDomainsRet.class)
            .domains().stream().map(this::ref).toList();
    }

    @Override
    public DomainRef lookupByName(String name) {
        return ref(call(DOMAIN_LOOKUP_BY_NAME, new OneString(name), DomainRet.class));
    }

    @Override
    public DomainRef lookupByUuid(UUID uuid) {
        return ref(call(DOMAIN_LOOKUP_BY_UUID, new OneUuid(uuid), DomainRet.class));
    }

    @Override
    public DomainRef lookupById(int id) {
        return ref(call(DOMAIN_LOOKUP_BY_ID, new OneInt(id), DomainRet.class));
    }

    @Override
    public DomainRef define(String xml, int flags) {
        return ref(flags == 0 ? call(DOMAIN_DEFINE_XML, new OneString(xml), DomainRet.class)
            : call(DOMAIN_DEFINE_XML_FLAGS, new StringFlags(xml, flags), DomainRet.class));
    }

    @Override
    public void undefine(UUID uuid, int flags) {
        NonnullDomain d = dom(uuid);
        if (flags == 0) {
            run(DOMAIN_UNDEFINE, new DomainArgs(d));
        } else {
            run(DOMAIN_UNDEFINE_FLAGS, new DomainFlagsArgs(d, flags));
        }
        domains.remove(uuid);
    }

    @Override
    public String xmlDesc(UUID uuid, int flags) {
        return string(DOMAIN_GET_XML_DESC, new DomainFlagsArgs(dom(uuid), flags));
    }

    @Override
    public String osType(UUID uuid) {
        return string(DOMAIN_GET_OS_TYPE, new DomainArgs(dom(uuid)));
    }

    @Override
    public DomainInfo info(UUID uuid) {
        DomainProcs.GetInfoRet i = call(DOMAIN_GET_INFO, new DomainArgs(dom(uuid)), DomainProcs.GetInfoRet.class);
        return new DomainInfo(DomainState.fromValue(i.state()), i.maxMem(), i.memory(), i.nrVirtCpu(), i.cpuTime());
    }

    @Override
    public DomainStateReason state(UUID uuid) {
        DomainProcs.GetStateRet s = call(DOMAIN_GET_STATE, new DomainFlagsArgs(dom(uuid), 0),
            DomainProcs.GetStateRet.class);
        return new DomainStateReason(DomainState.fromValue(s.state()), s.reason());
    }

    @Override
    public boolean isPersistent(UUID uuid) {
        return bool(DOMAIN_IS_PERSISTENT, new DomainArgs(dom(uuid)));
    }

    @Override
    public boolean autostart(UUID uuid) {
        return bool(DOMAIN_GET_AUTOSTART, new DomainArgs(dom(uuid)));
    }

    @Override
    public void setAutostart(UUID uuid, boolean autostart) {
        run(DOMAIN_SET_AUTOSTART, new DomainProcs.SetAutostartArgs(dom(uuid), autostart ? 1 : 0));
    }

    @Override
    public boolean hasManagedSaveImage(UUID uuid) {
        return bool(DOMAIN_HAS_MANAGED_SAVE_IMAGE, new DomainFlagsArgs(dom(uuid), 0));
    }

    @Override
    public SecurityLabel securityLabel(UUID uuid) {
        DomainProcs.GetSecurityLabelRet l = call(DOMAIN_GET_SECURITY_LABEL, new DomainArgs(dom(uuid)),
            DomainProcs.GetSecurityLabelRet.class);
        return new SecurityLabel(l.labelText(), l.enforcing() != 0);
    }

    // Lifecycle

    @Override
    public DomainRef createXml(String xml, int flags) {
        return ref(call(DOMAIN_CREATE_XML, new StringFlags(xml, flags), DomainRet.class));
    }

    @Override
    public void start(UUID uuid, int flags) {
        ref(call(DOMAIN_CREATE_WITH_FLAGS, new DomainFlagsArgs(dom(uuid), flags), DomainRet.class));
    }

    @Override
    public void shutdown(UUID uuid, int flags) {
        if (flags == 0) {
            run(DOMAIN_SHUTDOWN, new DomainArgs(dom(uuid)));
        } else {
            run(DOMAIN_SHUTDOWN_FLAGS, new DomainFlagsArgs(dom(uuid), flags));
        }
    }

    @Override
    public void destroy(UUID uuid, int flags) {
        if (flags == 0) {
            run(DOMAIN_DESTROY, new DomainArgs(dom(uuid)));
        } else {
            run(DOMAIN_DESTROY_FLAGS, new DomainFlagsArgs(dom(uuid), flags));
        }
    }

    @Override
    public void reboot(UUID uuid, int flags) {
        run(DOMAIN_REBOOT, new DomainFlagsArgs(dom(uuid), flags));
    }

    @Override
    public void suspend(UUID uuid) {
        run(DOMAIN_SUSPEND, new DomainArgs(dom(uuid)));
    }

    @Override
    public void resume(UUID uuid) {
        run(DOMAIN_RESUME, new DomainArgs(dom(uuid)));
    }

    // Tuning

    @Override
    public void setMemory(UUID uuid, long kib, int flags) {
        run(DOMAIN_SET_MEMORY_FLAGS, new DomainProcs.SetMemoryFlagsArgs(dom(uuid), kib, flags));
    }

    @Override
    public void setMemoryStatsPeriod(UUID uuid, int period, int flags) {
        run(DOMAIN_SET_MEMORY_STATS_PERIOD, new DomainProcs.SetMemoryStatsPeriodArgs(dom(uuid), period, flags));
    }

    @Override
    public void setVcpus(UUID uuid, int count, int flags) {
        run(DOMAIN_SET_VCPUS_FLAGS, new DomainProcs.SetVcpusFlagsArgs(dom(uuid), count, flags));
    }

    // Devices. The SPI has one call per direction: the flag-less API arrives here as AFFECT_LIVE and goes
    // out as the *_FLAGS procedure, which libvirt defines to do the same.

    @Override
    public void attachDevice(UUID uuid, String xml, int flags) {
        run(DOMAIN_ATTACH_DEVICE_FLAGS, new DomainProcs.DomainXmlFlagsArgs(dom(uuid), xml, flags));
    }

    @Override
    public void detachDevice(UUID uuid, String xml, int flags) {
        run(DOMAIN_DETACH_DEVICE_FLAGS, new DomainProcs.DomainXmlFlagsArgs(dom(uuid), xml, flags));
    }

    // Statistics

    @Override
    public BlockStats blockStats(UUID uuid, String device) {
        DomainProcs.BlockStatsRet b = call(DOMAIN_BLOCK_STATS, new DomainProcs.DomainPathArgs(dom(uuid), device),
            DomainProcs.BlockStatsRet.class);
        return new BlockStats(b.rdReq(), b.rdBytes(), b.wrReq(), b.wrBytes(), b.errs());
    }

    @Override
    public InterfaceStats interfaceStats(UUID uuid, String device) {
        DomainProcs.InterfaceStatsRet i = call(DOMAIN_INTERFACE_STATS,
            new DomainProcs.DomainPathArgs(dom(uuid), device), DomainProcs.InterfaceStatsRet.class);
        return new InterfaceStats(i.rxBytes(), i.rxPackets(), i.rxErrs(), i.rxDrop(), i.txBytes(), i.txPackets(),
            i.txErrs(), i.txDrop());
    }

    /** DOMAIN_MEMORY_STATS for every tag libvirt has; tags this side has no name for are left out. */
    @Override
    public Map<String, Long> memoryStats(UUID uuid) {
        DomainProcs.MemoryStatsRet r = call(DOMAIN_MEMORY_STATS,
            new DomainProcs.MemoryStatsArgs(dom(uuid), DomainProcs.MEMORY_STAT_TAGS.size(), 0),
            DomainProcs.MemoryStatsRet.class);
        Map<String, Long> out = new LinkedHashMap<>();
        for (DomainProcs.MemoryStat m : r.stats()) {
            if (m.tag() >= 0 && m.tag() < DomainProcs.MEMORY_STAT_TAGS.size()) {
                out.put(DomainProcs.MEMORY_STAT_TAGS.get(m.tag()), m.val());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The domain's total CPU statistics as virsh asks for them: how many there are (start_cpu -1, nparams
     * 0), then that many. Numeric values of any type are returned as longs; others are left out.
     */
    @Override
    public Map<String, Long> cpuStats(UUID uuid) {
        NonnullDomain d = dom(uuid);
        int n = call(DOMAIN_GET_CPU_STATS, new DomainProcs.GetCpuStatsArgs(d, 0, -1, 1, 0),
            DomainProcs.GetCpuStatsRet.class).nparams();
        Map<String, Long> out = new LinkedHashMap<>();
        if (n <= 0) {
            return out;
        }
        DomainProcs.GetCpuStatsRet r = call(DOMAIN_GET_CPU_STATS, new DomainProcs.GetCpuStatsArgs(d, n, -1, 1, 0),
            DomainProcs.GetCpuStatsRet.class);
        for (TypedParam p : r.params()) {
            TypedParam.Value v = p.value();
            if (v instanceof TypedParam.ULLongValue u) {
                out.put(p.field(), u.value());
            } else if (v instanceof TypedParam.LLongValue l) {
                out.put(p.field(), l.value());
            } else if (v instanceof TypedParam.UIntValue u) {
                out.put(p.field(), Integer.toUnsignedLong(u.value()));
            } else if (v instanceof TypedParam.IntValue i) {
                out.put(p.field(), (long) i.value());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** virConnectGetAllDomainStats in one call: the daemon applies groups, filters and ENFORCE_STATS. */
    @Override
    public List<Entry> allDomainStats(List<UUID> uuids, int stats, int flags) {
        List<NonnullDomain> doms = uuids.stream().map(this::dom).toList();
        DomainProcs.GetAllDomainStatsRet r = call(CONNECT_GET_ALL_DOMAIN_STATS,
            new DomainProcs.GetAllDomainStatsArgs(doms, stats, flags), DomainProcs.GetAllDomainStatsRet.class);
        List<Entry> out = new ArrayList<>();
        for (DomainProcs.DomainStatsRecord rec : r.retStats()) {
            out.add(new Entry(ref(rec.dom()), rec.params().stream().map(RemoteDriverConnection::api).toList()));
        }
        return out;
    }

    /** A typed parameter from the wire as the API holds it. */
    private static TypedParameter api(TypedParam p) {
        TypedParam.Value v = p.value();
        if (v instanceof TypedParam.IntValue x) {
            return TypedParameter.ofInt(p.field(), x.value());
        } else if (v instanceof TypedParam.UIntValue x) {
            return TypedParameter.ofUInt(p.field(), x.value());
        } else if (v instanceof TypedParam.LLongValue x) {
            return new TypedParameter(p.field(), TypedParameter.Type.LLONG, x.value());
        } else if (v instanceof TypedParam.ULLongValue x) {
            return TypedParameter.ofULLong(p.field(), x.value());
        } else if (v instanceof TypedParam.DoubleValue x) {
            return new TypedParameter(p.field(), TypedParameter.Type.DOUBLE, x.value());
        } else if (v instanceof TypedParam.BooleanValue x) {
            return new TypedParameter(p.field(), TypedParameter.Type.BOOLEAN, x.value());
        }
        return TypedParameter.ofString(p.field(), ((TypedParam.StringValue) v).value());
    }

    // Snapshots

    private NonnullDomainSnapshot snap(UUID domain, String name) {
        return new NonnullDomainSnapshot(name, dom(domain));
    }

    final DomainSnapshots snapshotsRole = new DomainSnapshots() {
        @Override
        public String create(UUID domain, String xml, int flags) {
            return call(DOMAIN_SNAPSHOT_CREATE_XML, new SnapshotProcs.CreateXmlArgs(dom(domain), xml, flags),
                SnapshotRet.class).snap().name();
        }

        @Override
        public List<String> listAll(UUID domain, int flags) {
            return call(DOMAIN_LIST_ALL_SNAPSHOTS, new SnapshotProcs.ListAllArgs(dom(domain), 1, flags),
                SnapshotProcs.ListAllRet.class).snapshots().stream().map(NonnullDomainSnapshot::name).toList();
        }

        @Override
        public String lookupByName(UUID domain, String name) {
            return call(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, new SnapshotProcs.LookupByNameArgs(dom(domain), name, 0),
                SnapshotRet.class).snap().name();
        }

        @Override
        public String xmlDesc(UUID domain, String name, int flags) {
            return string(DOMAIN_SNAPSHOT_GET_XML_DESC, new SnapshotFlagsArgs(snap(domain, name), flags));
        }

        @Override
        public String current(UUID domain) {
            if (!bool(DOMAIN_HAS_CURRENT_SNAPSHOT, new DomainFlagsArgs(dom(domain), 0))) {
                return null;
            }
            return call(DOMAIN_SNAPSHOT_CURRENT, new DomainFlagsArgs(dom(domain), 0), SnapshotRet.class).snap().name();
        }

        @Override
        public String parent(UUID domain, String name) {
            try {
                return call(DOMAIN_SNAPSHOT_GET_PARENT, new SnapshotFlagsArgs(snap(domain, name), 0), SnapshotRet.class)
                    .snap().name();
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_DOMAIN_SNAPSHOT) {
                    throw e;
                }
                // Either the snapshot is unknown (the lookup raises that) or it is a root.
                lookupByName(domain, name);
                return null;
            }
        }

        @Override
        public void revert(UUID domain, String name, int flags) {
            run(DOMAIN_REVERT_TO_SNAPSHOT, new SnapshotFlagsArgs(snap(domain, name), flags));
        }

        @Override
        public void delete(UUID domain, String name, int flags) {
            run(DOMAIN_SNAPSHOT_DELETE, new SnapshotFlagsArgs(snap(domain, name), flags));
        }
    };

    // Networks

    private ObjectRef net(NonnullNetwork n) {
        networks.put(n.uuid(), n);
        return new ObjectRef(n.name(), n.uuid());
    }

    private NonnullNetwork net(UUID uuid) {
        NonnullNetwork n = networks.get(uuid);
        if (n == null) {
            n = call(NETWORK_LOOKUP_BY_UUID, new OneUuid(uuid), NetworkRet.class).net();
            networks.put(uuid, n);
        }
        return n;
    }

    final Networks networksRole = new Networks() {
        @Override
        public List<ObjectRef> listAll(int flags) {
            return call(CONNECT_LIST_ALL_NETWORKS, new ListAllArgs(1, flags), NetworkProcs.ListAllNetworksRet.class)
                .nets().stream().map(RemoteDriverConnection.this::net).toList();
        }

        @Override
        public ObjectRef lookupByName(String name) {
            return net(call(NETWORK_LOOKUP_BY_NAME, new OneString(name), NetworkRet.class).net());
        }

        @Override
        public ObjectRef lookupByUuid(UUID uuid) {
            return net(call(NETWORK_LOOKUP_BY_UUID, new OneUuid(uuid), NetworkRet.class).net());
        }

        @Override
        public ObjectRef define(String xml, int flags) {
            return net((flags == 0 ? call(NETWORK_DEFINE_XML, new OneString(xml), NetworkRet.class)
                : call(NETWORK_DEFINE_XML_FLAGS, new StringFlags(xml, flags), NetworkRet.class)).net());
        }

        @Override
        public ObjectRef createXml(String xml, int flags) {
            return net((flags == 0 ? call(NETWORK_CREATE_XML, new OneString(xml), NetworkRet.class)
                : call(NETWORK_CREATE_XML_FLAGS, new StringFlags(xml, flags), NetworkRet.class)).net());
        }

        @Override
        public void undefine(UUID uuid) {
            run(NETWORK_UNDEFINE, new NetworkArgs(net(uuid)));
            networks.remove(uuid);
        }

        @Override
        public void start(UUID uuid) {
            run(NETWORK_CREATE, new NetworkArgs(net(uuid)));
        }

        @Override
        public void destroy(UUID uuid) {
            run(NETWORK_DESTROY, new NetworkArgs(net(uuid)));
        }

        @Override
        public String xmlDesc(UUID uuid, int flags) {
            return string(NETWORK_GET_XML_DESC, new NetworkProcs.NetworkFlagsArgs(net(uuid), flags));
        }

        @Override
        public boolean isActive(UUID uuid) {
            return bool(NETWORK_IS_ACTIVE, new NetworkArgs(net(uuid)));
        }

        @Override
        public boolean isPersistent(UUID uuid) {
            return bool(NETWORK_IS_PERSISTENT, new NetworkArgs(net(uuid)));
        }

        @Override
        public boolean autostart(UUID uuid) {
            return bool(NETWORK_GET_AUTOSTART, new NetworkArgs(net(uuid)));
        }

        @Override
        public void setAutostart(UUID uuid, boolean autostart) {
            run(NETWORK_SET_AUTOSTART, new NetworkProcs.SetAutostartArgs(net(uuid), autostart ? 1 : 0));
        }

        @Override
        public String bridgeName(UUID uuid) {
            return string(NETWORK_GET_BRIDGE_NAME, new NetworkArgs(net(uuid)));
        }
    };

    // Storage pools

    private ObjectRef pool(NonnullStoragePool p) {
        pools.put(p.uuid(), p);
        return new ObjectRef(p.name(), p.uuid());
    }

    private NonnullStoragePool pool(UUID uuid) {
        NonnullStoragePool p = pools.get(uuid);
        if (p == null) {
            p = call(STORAGE_POOL_LOOKUP_BY_UUID, new OneUuid(uuid), PoolRet.class).pool();
            pools.put(uuid, p);
        }
        return p;
    }

    final StoragePools poolsRole = new StoragePools() {
        @Override
        public List<ObjectRef> listAll(int flags) {
            return call(CONNECT_LIST_ALL_STORAGE_POOLS, new ListAllArgs(1, flags), StorageProcs.ListAllPoolsRet.class)
                .pools().stream().map(RemoteDriverConnection.this::pool).toList();
        }

        @Override
        public ObjectRef lookupByName(String name) {
            return pool(call(STORAGE_POOL_LOOKUP_BY_NAME, new OneString(name), PoolRet.class).pool());
        }

        @Override
        public ObjectRef lookupByUuid(UUID uuid) {
            return pool(call(STORAGE_POOL_LOOKUP_BY_UUID, new OneUuid(uuid), PoolRet.class).pool());
        }

        @Override
        public ObjectRef define(String xml, int flags) {
            return pool(call(STORAGE_POOL_DEFINE_XML, new StringFlags(xml, flags), PoolRet.class).pool());
        }

        @Override
        public ObjectRef createXml(String xml, int flags) {
            return pool(call(STORAGE_POOL_CREATE_XML, new StringFlags(xml, flags), PoolRet.class).pool());
        }

        @Override
        public void undefine(UUID uuid) {
            run(STORAGE_POOL_UNDEFINE, new PoolArgs(pool(uuid)));
            pools.remove(uuid);
        }

        @Override
        public void build(UUID uuid, int flags) {
            run(STORAGE_POOL_BUILD, new PoolFlagsArgs(pool(uuid), flags));
        }

        @Override
        public void start(UUID uuid, int flags) {
            run(STORAGE_POOL_CREATE, new PoolFlagsArgs(pool(uuid), flags));
        }

        @Override
        public void destroy(UUID uuid) {
            run(STORAGE_POOL_DESTROY, new PoolArgs(pool(uuid)));
        }

        @Override
        public void delete(UUID uuid, int flags) {
            run(STORAGE_POOL_DELETE, new PoolFlagsArgs(pool(uuid), flags));
        }

        @Override
        public void refresh(UUID uuid, int flags) {
            run(STORAGE_POOL_REFRESH, new PoolFlagsArgs(pool(uuid), flags));
        }

        @Override
        public String xmlDesc(UUID uuid, int flags) {
            return string(STORAGE_POOL_GET_XML_DESC, new PoolFlagsArgs(pool(uuid), flags));
        }

        @Override
        public StoragePoolInfo info(UUID uuid) {
            StorageProcs.PoolGetInfoRet i = call(STORAGE_POOL_GET_INFO, new PoolArgs(pool(uuid)),
                StorageProcs.PoolGetInfoRet.class);
            return new StoragePoolInfo(StoragePoolState.fromValue(i.state()), i.capacity(), i.allocation(),
                i.available());
        }

        @Override
        public boolean isActive(UUID uuid) {
            return bool(STORAGE_POOL_IS_ACTIVE, new PoolArgs(pool(uuid)));
        }

        @Override
        public boolean isPersistent(UUID uuid) {
            return bool(STORAGE_POOL_IS_PERSISTENT, new PoolArgs(pool(uuid)));
        }

        @Override
        public boolean autostart(UUID uuid) {
            return bool(STORAGE_POOL_GET_AUTOSTART, new PoolArgs(pool(uuid)));
        }

        @Override
        public void setAutostart(UUID uuid, boolean autostart) {
            run(STORAGE_POOL_SET_AUTOSTART, new StorageProcs.PoolSetAutostartArgs(pool(uuid), autostart ? 1 : 0));
        }
    };

    // Storage volumes

    private VolumeRef vol(NonnullStorageVol v) {
        String path = string(STORAGE_VOL_GET_PATH, new VolArgs(v));
        return new VolumeRef(v.pool(), v.name(), v.key(), path);
    }

    private static NonnullStorageVol wire(VolumeRef v) {
        return new NonnullStorageVol(v.pool(), v.name(), v.key());
    }

    @Override
    public List<VolumeRef> listAll(UUID pool, int flags) {
        return call(STORAGE_POOL_LIST_ALL_VOLUMES, new StorageProcs.PoolListAllVolumesArgs(pool(pool), 1, flags),
            StorageProcs.ListAllVolumesRet.class).vols().stream().map(this::vol).toList();
    }

    @Override
    public VolumeRef lookupByName(UUID pool, String name) {
        return vol(call(STORAGE_VOL_LOOKUP_BY_NAME, new StorageProcs.VolLookupByNameArgs(pool(pool), name),
            VolRet.class).vol());
    }

    @Override
    public VolumeRef lookupByKey(String key) {
        return vol(call(STORAGE_VOL_LOOKUP_BY_KEY, new OneString(key), VolRet.class).vol());
    }

    @Override
    public VolumeRef lookupByPath(String path) {
        return vol(call(STORAGE_VOL_LOOKUP_BY_PATH, new OneString(path), VolRet.class).vol());
    }

    @Override
    public VolumeRef create(UUID pool, String xml, int flags) {
        return vol(call(STORAGE_VOL_CREATE_XML, new StorageProcs.VolCreateXmlArgs(pool(pool), xml, flags),
            VolRet.class).vol());
    }

    @Override
    public void delete(VolumeRef volume, int flags) {
        run(STORAGE_VOL_DELETE, new VolFlagsArgs(wire(volume), flags));
    }

    @Override
    public StorageVolumeInfo info(VolumeRef volume) {
        StorageProcs.VolGetInfoRet i = call(STORAGE_VOL_GET_INFO, new VolArgs(wire(volume)),
            StorageProcs.VolGetInfoRet.class);
        return new StorageVolumeInfo(StorageVolumeType.fromValue(i.type()), i.capacity(), i.allocation());
    }

    @Override
    public String xmlDesc(VolumeRef volume, int flags) {
        return string(STORAGE_VOL_GET_XML_DESC, new VolFlagsArgs(wire(volume), flags));
    }

    /** Over libvirt's QEMU program; a remote driver without a monitor answers NO_SUPPORT itself. */
    @Override
    public String monitorCommand(UUID uuid, String command, int flags) {
        return rpc.qemuMonitorCommand(dom(uuid), command, flags);
    }

    // Roles whose method names clash with others in this class are served by inner objects.

    @Override
    public <T> T role(Class<T> role) {
        if (role == Networks.class) {
            return role.cast(networksRole);
        }
        if (role == DomainSnapshots.class) {
            return role.cast(snapshotsRole);
        }
        if (role == StoragePools.class) {
            return role.cast(poolsRole);
        }
        return role.isInstance(this) ? role.cast(this) : null;
    }
}
