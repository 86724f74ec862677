package io.vireo.driver.kvm;

import io.vireo.api.ErrorDomain;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.HostInfo;
import io.vireo.driver.support.domain.GuestDomains;

/** One connection to {@code kvm:///system}: every connection shares the driver's domain table. */
final class KvmConnection implements DriverConnection {
    private final GuestDomains domains;
    private final KvmHostInfo host;

    KvmConnection(GuestDomains domains, KvmHostInfo host) {
        this.domains = domains;
        this.host = host;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.QEMU;
    }

    @Override
    public <T> T role(Class<T> role) {
        Object impl = null;
        if (role == HostInfo.class) {
            impl = host;
        } else if (role == DomainDefinitions.class || role == DomainLifecycle.class || role == DomainTuning.class
                || role == DomainConsoles.class) {
            impl = domains;
        }
        return impl == null ? null : role.cast(impl);
    }
}
