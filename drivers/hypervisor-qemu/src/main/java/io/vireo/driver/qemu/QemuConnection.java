package io.vireo.driver.qemu;

import io.vireo.api.ErrorDomain;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainDevices;
import io.vireo.api.spi.DomainStats;
import io.vireo.api.spi.QemuMonitorCommands;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.HostInfo;
import io.vireo.driver.support.domain.GuestDomains;

/** One connection to qemu:///system: the shared domain table and the host facts. */
final class QemuConnection implements DriverConnection {
    private final GuestDomains domains;
    private final QemuHostInfo host;

    QemuConnection(GuestDomains domains, QemuBackend backend) {
        this.domains = domains;
        this.host = new QemuHostInfo(backend);
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.QEMU;
    }

    @Override
    public <T> T role(Class<T> role) {
        Object impl = null;
        if (role == HostInfo.class || role == DomainCapabilities.class) {
            impl = host;
        } else if (role == DomainDefinitions.class || role == DomainLifecycle.class || role == DomainTuning.class
                || role == DomainConsoles.class || role == DomainDevices.class || role == DomainStats.class
                || role == QemuMonitorCommands.class) {
            impl = domains;
        }
        return impl == null ? null : role.cast(impl);
    }
}
