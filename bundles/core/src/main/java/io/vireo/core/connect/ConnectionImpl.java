package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.ErrorCode;
import io.vireo.api.Network;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.HostInfo;
import io.vireo.api.spi.Networks;
import io.vireo.api.spi.ObjectRef;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;
import io.vireo.api.spi.VolumeRef;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The public {@link Connection} over one driver connection. Like libvirt's public API wrappers, it does
 * the checks every call needs before the driver sees it: the connection is open, its driver still
 * exists, the driver supports the call (NO_SUPPORT otherwise), and changes are refused on a read-only
 * connection (OPERATION_DENIED).
 */
public final class ConnectionImpl implements Connection {
    /** Vireo's libvirt-compatible API version: the libvirt release whose API and wire protocol it follows. */
    public static final long LIB_VERSION = 9_000_000L;

    private final String uri;
    private final String scheme;
    private final DriverConnection driver;
    private final boolean readOnly;
    private final Consumer<ConnectionImpl> onClose;
    private volatile boolean closed;
    /** Set when the driver serving this connection went away. */
    private volatile boolean driverGone;

    public ConnectionImpl(String uri, String scheme, DriverConnection driver, boolean readOnly,
                          Consumer<ConnectionImpl> onClose) {
        this.uri = uri;
        this.scheme = scheme;
        this.driver = driver;
        this.readOnly = readOnly;
        this.onClose = onClose;
    }

    String scheme() {
        return scheme;
    }

    /** Marks this connection dead because its driver went away; later calls fail with NO_CONNECT. */
    public void invalidate() {
        driverGone = true;
    }

    void checkAlive(String api) {
        if (closed) {
            throw VirtException.of(ErrorCode.INVALID_CONN, driver.errorDomain(), api);
        }
        if (driverGone) {
            throw VirtException.of(ErrorCode.NO_CONNECT, driver.errorDomain(), uri);
        }
    }

    /** The driver's implementation of {@code role}, or NO_SUPPORT naming the libvirt API. */
    <T> T role(Class<T> role, String api) {
        checkAlive(api);
        T impl = driver.role(role);
        if (impl == null) {
            throw VirtException.noSupport(driver.errorDomain(), api);
        }
        return impl;
    }

    /** Like {@link #role} for a call that changes something: refused on read-only connections. */
    <T> T writeRole(Class<T> role, String api) {
        checkAlive(api);
        if (readOnly) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, driver.errorDomain(),
                    "read only access prevents %s", api);
        }
        return role(role, api);
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
        checkAlive("virConnectGetLibVersion");
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
    public SecurityModel securityModel() {
        return role(HostInfo.class, "virNodeGetSecurityModel").securityModel();
    }

    // Domains

    Domain domain(DomainRef ref) {
        return new DomainHandle(this, ref.name(), ref.uuid());
    }

    @Override
    public List<Domain> listAllDomains(int flags) {
        return role(DomainDefinitions.class, "virConnectListAllDomains").listAll(flags).stream()
                .map(this::domain).toList();
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
        return domain(writeRole(DomainDefinitions.class, "virDomainDefineXML").define(xml, flags));
    }

    @Override
    public Domain createDomain(String xml, int flags) {
        return domain(writeRole(DomainLifecycle.class, "virDomainCreateXML").createXml(xml, flags));
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
        return network(writeRole(Networks.class, "virNetworkDefineXML").define(xml, flags));
    }

    @Override
    public Network createNetwork(String xml, int flags) {
        return network(writeRole(Networks.class, "virNetworkCreateXML").createXml(xml, flags));
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
        return pool(writeRole(StoragePools.class, "virStoragePoolDefineXML").define(xml, flags));
    }

    @Override
    public StoragePool createStoragePool(String xml, int flags) {
        return pool(writeRole(StoragePools.class, "virStoragePoolCreateXML").createXml(xml, flags));
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
            try {
                driver.close();
            } finally {
                onClose.accept(this);
            }
        }
    }

    @Override
    public String toString() {
        return "Connection[" + uri + (readOnly ? ", read-only" : "") + "]";
    }
}
