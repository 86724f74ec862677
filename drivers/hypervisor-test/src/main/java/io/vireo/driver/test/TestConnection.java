package io.vireo.driver.test;

import io.vireo.api.ErrorDomain;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainSnapshots;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.HostInfo;
import io.vireo.api.spi.Networks;
import io.vireo.api.spi.StoragePools;
import io.vireo.api.spi.StorageVolumes;

/** A connection to a test host: hands out the role objects that serve each part of the API. */
final class TestConnection implements DriverConnection {
    private final TestHostInfo hostInfo;
    private final TestDomains domains;
    private final TestSnapshots snapshots;
    private final TestNetworks networks;
    private final TestStorage storage;

    TestConnection(TestHost host, String capabilities) {
        this.hostInfo = new TestHostInfo(host, capabilities);
        this.domains = new TestDomains(host);
        this.snapshots = new TestSnapshots(host, domains);
        this.networks = new TestNetworks(host);
        this.storage = new TestStorage(host);
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.TEST;
    }

    @Override
    public <T> T role(Class<T> role) {
        Object impl = null;
        if (role == HostInfo.class || role == DomainCapabilities.class) {
            impl = hostInfo;
        } else if (role == DomainDefinitions.class || role == DomainLifecycle.class || role == DomainTuning.class) {
            impl = domains;
        } else if (role == DomainSnapshots.class) {
            impl = snapshots;
        } else if (role == Networks.class) {
            impl = networks;
        } else if (role == StoragePools.class || role == StorageVolumes.class) {
            impl = storage;
        }
        return impl == null ? null : role.cast(impl);
    }
}
