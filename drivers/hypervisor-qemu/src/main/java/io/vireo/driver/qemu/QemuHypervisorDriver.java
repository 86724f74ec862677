package io.vireo.driver.qemu;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.driver.support.domain.GuestDomains;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code qemu:///system}: each guest is a qemu-system process, started detached so that it outlives the
 * daemon and a redeploy of this bundle, and driven over QMP. On hosts with KVM, {@code <domain type='kvm'>}
 * runs accelerated; {@code type='qemu'} runs under TCG anywhere.
 */
@Component(service = HypervisorDriver.class, configurationPid = QemuHypervisorDriver.PID,
        property = {HypervisorDriver.SCHEME + "=qemu", HypervisorDriver.DEFAULT_URI + "=qemu:///system",
                HypervisorDriver.PERSISTENT + ":Boolean=true"})
@Designate(ocd = QemuDriverConfig.class)
public class QemuHypervisorDriver implements HypervisorDriver {
    public static final String PID = "io.vireo.driver.qemu";

    private final QemuBackend backend;
    private GuestDomains domains;

    @Activate
    public QemuHypervisorDriver(QemuDriverConfig config) {
        this.backend = new QemuBackend(config.emulator(), config.destroy_grace_seconds());
    }

    @Deactivate
    synchronized void deactivate() {
        if (domains != null) {
            domains.detachAll();
        }
        backend.close();
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        if (!"/system".equals(uri.path())) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.QEMU,
                    "unexpected QEMU URI path '%s', try qemu:///system", uri.path());
        }
        return new QemuConnection(domains(context), backend);
    }

    private synchronized GuestDomains domains(DriverContext context) {
        if (domains == null) {
            domains = new GuestDomains(backend, ErrorDomain.QEMU, "qemuDomain", context.definitions(),
                    context.events(), context.runDirectory());
        }
        return domains;
    }
}
