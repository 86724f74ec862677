package io.vireo.driver.kvm;

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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code kvm} scheme: {@code kvm:///system}, guests run by the Vireo VMM on /dev/kvm. One domain table
 * serves every connection; it is created at the first open (the core opens {@code kvm:///system} as soon as
 * this driver arrives), which finds the guests still running from before. When the driver goes away its
 * guests keep running, to be found again by the next one.
 */
@Component(service = HypervisorDriver.class, configurationPid = KvmHypervisorDriver.PID,
        property = {HypervisorDriver.SCHEME + "=kvm", HypervisorDriver.DEFAULT_URI + "=" + KvmHypervisorDriver.URI,
                HypervisorDriver.PERSISTENT + ":Boolean=true"})
@Designate(ocd = KvmDriverConfig.class)
public class KvmHypervisorDriver implements HypervisorDriver {
    public static final String PID = "io.vireo.driver.kvm";
    public static final String URI = "kvm:///system";

    private final UnaryOperator<String> properties;
    private KvmBackend backend;
    private KvmHostInfo host;
    private GuestDomains domains;

    /** As OSGi creates it: {@code ${name}} in the configuration reads system properties. */
    public KvmHypervisorDriver() {
        this(System::getProperty);
    }

    KvmHypervisorDriver(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    @Activate
    public synchronized void activate(KvmDriverConfig config) {
        KvmBackend b = new KvmBackend(settings(config));
        backend = b;
        host = new KvmHostInfo(() -> b.settings().emulator());
    }

    @Modified
    public synchronized void modified(KvmDriverConfig config) {
        if (backend != null) {
            backend.update(settings(config));
        }
    }

    @Deactivate
    public synchronized void deactivate() {
        if (domains != null) {
            domains.detachAll();
            domains = null;
        }
        backend = null;
    }

    KvmBackend.Settings settings(KvmDriverConfig config) {
        String command = expand(config.vmm__command()).trim();
        List<String> words = command.isEmpty() ? List.of() : Arrays.asList(command.split("\\s+"));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("vmm_command is empty");
        }
        return new KvmBackend.Settings(words, config.vmm__java__options(),
                Duration.ofSeconds(Math.max(1, config.start__timeout())), config.default__netns());
    }

    /** Replaces {@code ${name}} by the system property of that name (empty when unset). */
    String expand(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String v = properties.apply(value.substring(start + 2, end));
            out.append(v == null ? "" : v);
            i = end + 1;
        }
        return out.toString();
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        String path = uri.path();
        if ("/session".equals(path)) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.QEMU,
                    "%s (the kvm driver has no per-user session daemon: guests run under %s)", uri, URI);
        }
        if (!"/system".equals(path)) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.QEMU,
                    "%s (unexpected KVM URI path '%s', try %s)", uri, path, URI);
        }
        return new KvmConnection(domains(context), host);
    }

    private synchronized GuestDomains domains(DriverContext context) {
        if (backend == null) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.QEMU, "%s (the kvm driver is stopping)", URI);
        }
        if (domains == null) {
            domains = new GuestDomains(backend, ErrorDomain.QEMU, "kvmDomain", context.definitions(), context.events(),
                    context.runDirectory());
        }
        return domains;
    }
}
