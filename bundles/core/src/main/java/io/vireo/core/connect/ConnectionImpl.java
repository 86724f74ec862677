package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainStatsRecord;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.Network;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.HostInfo;
import io.vireo.api.spi.Networks;
import io.vireo.api.spi.ObjectRef;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;
import io.vireo.api.spi.VolumeRef;
import io.vireo.core.audit.AuditLog;
import io.vireo.core.audit.AuditRecord;
import io.vireo.core.audit.AuditTarget;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The public {@link Connection} over one driver connection. Like libvirt's public API wrappers, it does
 * the checks every call needs before the driver sees it: the connection is open, its driver still
 * exists, the driver supports the call (NO_SUPPORT otherwise), and changes are refused on a read-only
 * connection (OPERATION_DENIED). Every change goes through {@link #change}, which also records it, with
 * the connection's principal and its outcome, in the audit log.
 */
public final class ConnectionImpl implements Connection {
    /** Vireo's libvirt-compatible API version: the libvirt release whose API and wire protocol it follows. */
    public static final long LIB_VERSION = 9_000_000L;

    private final String uri;
    private final String scheme;
    private final ErrorDomain errorDomain;
    private final boolean readOnly;
    private final String principal;
    private final AuditLog audit;
    private final Consumer<ConnectionImpl> onClose;
    /** Null once closed or once its driver went away, so that a departed driver bundle is not kept alive. */
    private volatile DriverConnection driver;
    private volatile boolean closed;
    /** Set when the driver serving this connection went away. */
    private volatile boolean driverGone;

    public ConnectionImpl(String uri, String scheme, DriverConnection driver, boolean readOnly, String principal,
                          AuditLog audit, Consumer<ConnectionImpl> onClose) {
        this.uri = uri;
        this.scheme = scheme;
        this.driver = driver;
        this.errorDomain = driver.errorDomain();
        this.readOnly = readOnly;
        this.principal = principal;
        this.audit = audit;
        this.onClose = onClose;
    }

    String scheme() {
        return scheme;
    }

    /** Who this connection acts for, as the audit log names them. */
    public String principal() {
        return principal;
    }

    /**
     * Marks this connection dead because its driver went away: later calls fail with NO_CONNECT, and the
     * driver connection is released so no reference into the departed bundle remains.
     */
    public void invalidate() {
        driverGone = true;
        DriverConnection gone = driver;
        driver = null;
        closeQuietly(gone);
    }

    /** The driver connection, after checking that this connection may still be used for {@code api}. */
    private DriverConnection live(String api) {
        if (closed) {
            throw VirtException.of(ErrorCode.INVALID_CONN, errorDomain, api);
        }
        DriverConnection d = driver;
        if (driverGone || d == null) {
            throw VirtException.of(ErrorCode.NO_CONNECT, errorDomain, uri);
        }
        return d;
    }

    /** The driver's implementation of {@code role}, or NO_SUPPORT naming the libvirt API. */
    <T> T role(Class<T> role, String api) {
        T impl = live(api).role(role);
        if (impl == null) {
            throw VirtException.noSupport(errorDomain, api);
        }
        return impl;
    }

    /** Like {@link #role} for a call that changes something: refused on read-only connections. */
    private <T> T writeRole(Class<T> role, String api) {
        live(api);
        if (readOnly) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, errorDomain, "read only access prevents %s", api);
        }
        return role(role, api);
    }

    /** A change to a known object that returns nothing; see {@link #change}. */
    <T> void perform(String api, Class<T> role, AuditTarget target, Consumer<T> call) {
        change(api, role, target, r -> target, impl -> {
            call.accept(impl);
            return null;
        });
    }

    /**
     * The one way a change reaches a driver: checks the connection, refuses it when read-only, runs
     * {@code call} on the driver's {@code role} and records the outcome in the audit log, refusals and
     * failures included. {@code before} names the object for a failure; {@code after} names it from the
     * result (an object made from XML is only named once the driver has accepted it).
     */
    <T, R> R change(String api, Class<T> role, AuditTarget before, Function<? super R, AuditTarget> after,
                    Function<T, R> call) {
        R result;
        try {
            result = call.apply(writeRole(role, api));
        } catch (VirtException e) {
            audit.record(AuditRecord.failed(principal, api, uri, before, e.code(), e.getMessage()));
            throw e;
        } catch (RuntimeException | Error e) {
            audit.record(AuditRecord.failed(principal, api, uri, before, ErrorCode.INTERNAL_ERROR, String.valueOf(e)));
            throw e;
        }
        audit.record(AuditRecord.ok(principal, api, uri, after.apply(result)));
        return result;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean isAlive() {
        return !closed && !driverGone;
    }

    @Override
    public String type() {
        return role(HostInfo.class, "virConnectGetType").type();
    }

    @Override
    public long hypervisorVersion() {
        return role(HostInfo.class, "virConnectGetVersion").hypervisorVersion();
    }

    @Override
    public long libVersion() {
        live("virConnectGetLibVersion");
        return LIB_VERSION;
    }

    @Override
    public String hostname() {
        return role(HostInfo.class, "virConnectGetHostname").hostname();
    }

    @Override
    public NodeInfo nodeInfo() {
        return role(HostInfo.class, "virNodeGetInfo").nodeInfo();
    }

    @Override
    public String capabilities() {
        return role(HostInfo.class, "virConnectGetCapabilities").capabilities();
    }

    @Override
    public String domainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        return role(DomainCapabilities.class, "virConnectGetDomainCapabilities")
                .domainCapabilities(emulator, arch, machine, virttype, flags);
    }

    @Override
    public SecurityModel securityModel() {
        return role(HostInfo.class, "virNodeGetSecurityModel").securityModel();
    }

    // Domains

    Domain domain(DomainRef ref) {
        return new DomainHandle(this, ref.name(), ref.uuid(), ref.id());
    }

    @Override
    public List<Domain> listAllDomains(int flags) {
        return role(DomainDefinitions.class, "virConnectListAllDomains").listAll(flags).stream()
                .map(this::domain).toList();
    }

    @Override
    public List<DomainStatsRecord> getAllDomainStats(List<Domain> domains, int stats, int flags) {
        String api = domains.isEmpty() ? "virConnectGetAllDomainStats" : "virDomainListGetStats";
        DomainDefinitions defs = role(DomainDefinitions.class, api);
        DomainStatsReport report = new DomainStatsReport(defs, live(api).role(DomainStats.class), errorDomain,
                this::domain);
        return report.collect(domains.stream().map(Domain::uuid).toList(), stats, flags, api);
    }

    @Override
    public Domain lookupDomainByName(String name) {
        return domain(role(DomainDefinitions.class, "virDomainLookupByName").lookupByName(name));
    }

    @Override
    public Domain lookupDomainByUuid(UUID uuid) {
        return domain(role(DomainDefinitions.class, "virDomainLookupByUUID").lookupByUuid(uuid));
    }

    @Override
    public Domain lookupDomainById(int id) {
        return domain(role(DomainDefinitions.class, "virDomainLookupByID").lookupById(id));
    }

    @Override
    public Domain defineDomain(String xml, int flags) {
        return domain(change("virDomainDefineXML", DomainDefinitions.class, AuditTarget.unnamed("domain"),
                ConnectionImpl::domainTarget, d -> d.define(xml, flags)));
    }

    @Override
    public Domain createDomain(String xml, int flags) {
        return domain(change("virDomainCreateXML", DomainLifecycle.class, AuditTarget.unnamed("domain"),
                ConnectionImpl::domainTarget, d -> d.createXml(xml, flags)));
    }

    private static AuditTarget domainTarget(DomainRef ref) {
        return AuditTarget.of("domain", ref.name(), ref.uuid());
    }

    // Networks

    Network network(ObjectRef ref) {
        return new NetworkHandle(this, ref.name(), ref.uuid());
    }

    @Override
    public List<Network> listAllNetworks(int flags) {
        return role(Networks.class, "virConnectListAllNetworks").listAll(flags).stream().map(this::network).toList();
    }

    @Override
    public Network lookupNetworkByName(String name) {
        return network(role(Networks.class, "virNetworkLookupByName").lookupByName(name));
    }

    @Override
    public Network lookupNetworkByUuid(UUID uuid) {
        return network(role(Networks.class, "virNetworkLookupByUUID").lookupByUuid(uuid));
    }

    @Override
    public Network defineNetwork(String xml, int flags) {
        return network(change("virNetworkDefineXML", Networks.class, AuditTarget.unnamed("network"),
                ref -> AuditTarget.of("network", ref.name(), ref.uuid()), n -> n.define(xml, flags)));
    }

    @Override
    public Network createNetwork(String xml, int flags) {
        return network(change("virNetworkCreateXML", Networks.class, AuditTarget.unnamed("network"),
                ref -> AuditTarget.of("network", ref.name(), ref.uuid()), n -> n.createXml(xml, flags)));
    }

    // Storage

    StoragePool pool(ObjectRef ref) {
        return new StoragePoolHandle(this, ref.name(), ref.uuid());
    }

    StorageVolume volume(VolumeRef ref) {
        return new StorageVolumeHandle(this, ref);
    }

    @Override
    public List<StoragePool> listAllStoragePools(int flags) {
        return role(StoragePools.class, "virConnectListAllStoragePools").listAll(flags).stream()
                .map(this::pool).toList();
    }

    @Override
    public StoragePool lookupStoragePoolByName(String name) {
        return pool(role(StoragePools.class, "virStoragePoolLookupByName").lookupByName(name));
    }

    @Override
    public StoragePool lookupStoragePoolByUuid(UUID uuid) {
        return pool(role(StoragePools.class, "virStoragePoolLookupByUUID").lookupByUuid(uuid));
    }

    @Override
    public StoragePool defineStoragePool(String xml, int flags) {
        return pool(change("virStoragePoolDefineXML", StoragePools.class, AuditTarget.unnamed("pool"),
                ref -> AuditTarget.of("pool", ref.name(), ref.uuid()), p -> p.define(xml, flags)));
    }

    @Override
    public StoragePool createStoragePool(String xml, int flags) {
        return pool(change("virStoragePoolCreateXML", StoragePools.class, AuditTarget.unnamed("pool"),
                ref -> AuditTarget.of("pool", ref.name(), ref.uuid()), p -> p.createXml(xml, flags)));
    }

    @Override
    public StorageVolume lookupStorageVolumeByPath(String path) {
        return volume(role(StorageVolumes.class, "virStorageVolLookupByPath").lookupByPath(path));
    }

    @Override
    public StorageVolume lookupStorageVolumeByKey(String key) {
        return volume(role(StorageVolumes.class, "virStorageVolLookupByKey").lookupByKey(key));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DriverConnection d = driver;
            driver = null;
            try {
                if (d != null) {
                    d.close();
                }
            } finally {
                onClose.accept(this);
            }
        }
    }

    private static void closeQuietly(DriverConnection d) {
        if (d == null) {
            return;
        }
        try {
            d.close();
        } catch (RuntimeException | LinkageError ignored) {
            // The driver's bundle may already be stopped; the connection is dead either way.
        }
    }

    @Override
    public String toString() {
        return "Connection[" + uri + (readOnly ? ", read-only" : "") + "]";
    }
}
