package io.vireo.jmx;

/**
 * {@code io.vireo:type=Host,driver=<scheme>}: the host as one driver's default URI sees it (libvirt's
 * virNodeGetInfo and friends), where new objects are defined, and the emitter of every lifecycle
 * notification of that URI.
 */
public interface HostMBean {
    String getUri();

    String getDriver();

    /** Hypervisor type ("TEST", "KVM", ...). */
    String getType();

    String getHostname();

    long getHypervisorVersion();

    String getCpuModel();

    long getMemoryKiB();

    int getCpus();

    int getMhz();

    int getNodes();

    int getSockets();

    int getCores();

    int getThreads();

    /** virDomainDefineXML: defines a domain; returns its name. */
    String defineDomain(String xml);

    /** virDomainCreateXML: creates and starts a transient domain; returns its name. */
    String createDomain(String xml);

    /** virNetworkDefineXML; returns the network's name. */
    String defineNetwork(String xml);

    /** virStoragePoolDefineXML; returns the pool's name. */
    String defineStoragePool(String xml);
}
