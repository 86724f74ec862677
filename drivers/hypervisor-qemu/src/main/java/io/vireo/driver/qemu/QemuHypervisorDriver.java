package io.vireo.driver.qemu;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.api.DomainState;
import io.vireo.driver.qemu.argv.QemuCommandLine;
import io.vireo.driver.qemu.argv.QemuLaunch;
import io.vireo.driver.support.domain.GuestDomains;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DomainDef;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import java.util.List;
import java.util.Map;

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
        Thread warm = new Thread(QemuHypervisorDriver::warmUp, "vireo-qemu-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    /**
     * Loads and runs the start path once on a template guest, off any caller's thread: the first
     * createXML after the daemon starts otherwise spends most of its time loading and initialising classes
     * (Jackson's ObjectMapper alone is some 460), measured at 0.3 to 1.5 s against about 0.1 s warm.
     */
    private static void warmUp() {
        try {
            DomainDef def = VireoXml.parseDomain("<domain type='qemu'><name>warm-up</name><memory>65536</memory>"
                    + "<os><type>hvm</type><kernel>/nonexistent</kernel></os><devices><serial type='pty'/>"
                    + "<interface type='ethernet'><mac address='52:54:00:00:00:01'/></interface></devices></domain>");
            QemuCommandLine.build(def, new QemuLaunch("qemu-system-x86_64", "/nonexistent/monitor",
                    List.of("/nonexistent/serial0"), List.of(), 0, List.of("vnet0"), false));
            VireoXml.formatDomain(def);
            JsonLineClient.arguments().put("warm", "up").toString();
            new LiveRecord(1, 1, 1, DomainState.RUNNING, 1, 0, Map.of()).format();
        } catch (RuntimeException e) {
            // Only a warm-up: whatever fails here fails again, properly reported, on a real start.
        }
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
