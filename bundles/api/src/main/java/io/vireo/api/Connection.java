package io.vireo.api;

import java.util.List;
import java.util.UUID;

/**
 * A connection to one driver instance, in the shape of libvirt's virConnect API. Every call checks that
 * the connection is open and, for changes, that it is not read-only; calls a driver does not implement
 * fail with {@link ErrorCode#NO_SUPPORT}.
 */
public interface Connection extends AutoCloseable {

    /** The canonical URI of this connection, e.g. {@code test:///default}. */
    String uri();

    boolean isReadOnly();

    boolean isAlive();

    /** Hypervisor type name as libvirt reports it ("TEST", "QEMU", "KVM"). */
    String type();

    /** Hypervisor version, encoded major * 1,000,000 + minor * 1,000 + micro. */
    long hypervisorVersion();

    /** Library version of Vireo's libvirt-compatible API, same encoding. */
    long libVersion();

    String hostname();

    NodeInfo nodeInfo();

    String capabilities();

    /**
     * libvirt's domain capabilities for an emulator, architecture, machine and virtualization type (each
     * null for the default). Connections whose driver cannot tell fail with NO_SUPPORT.
     */
    default String domainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        throw VirtException.noSupport(ErrorDomain.NONE, "virConnectGetDomainCapabilities");
    }

    /** The security model of the host's primary security module, or an empty model. */
    SecurityModel securityModel();

    // Domains

    /**
     * virConnectGetAllDomainStats / virDomainListGetStats: one record per domain, for {@code domains} (empty:
     * every domain matching the list filters in {@code flags}), with the {@link DomainStatsGroups} in
     * {@code stats} (0: every group the driver reports). Groups a driver cannot report are left out, or
     * fail with ARGUMENT_UNSUPPORTED under {@link DomainStatsGroups#ENFORCE_STATS}.
     */
    default List<DomainStatsRecord> getAllDomainStats(List<Domain> domains, int stats, int flags) {
        throw VirtException.noSupport(ErrorDomain.NONE, "virConnectGetAllDomainStats");
    }

    /** Domains matching {@code flags} ({@link ListFlags} DOMAIN_* bits; 0 means all). */
    List<Domain> listAllDomains(int flags);

    Domain lookupDomainByName(String name);

    Domain lookupDomainByUuid(UUID uuid);

    Domain lookupDomainById(int id);

    /** Defines (or redefines) a persistent domain from XML. */
    Domain defineDomain(String xml, int flags);

    /** Creates and starts a transient domain from XML. */
    Domain createDomain(String xml, int flags);

    // Networks

    List<Network> listAllNetworks(int flags);

    Network lookupNetworkByName(String name);

    Network lookupNetworkByUuid(UUID uuid);

    Network defineNetwork(String xml, int flags);

    Network createNetwork(String xml, int flags);

    // Storage

    List<StoragePool> listAllStoragePools(int flags);

    StoragePool lookupStoragePoolByName(String name);

    StoragePool lookupStoragePoolByUuid(UUID uuid);

    StoragePool defineStoragePool(String xml, int flags);

    StoragePool createStoragePool(String xml, int flags);

    StorageVolume lookupStorageVolumeByPath(String path);

    StorageVolume lookupStorageVolumeByKey(String key);

    @Override
    void close();
}
