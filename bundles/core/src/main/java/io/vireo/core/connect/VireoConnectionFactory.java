package io.vireo.core.connect;

import io.vireo.api.Caller;
import io.vireo.api.ConnectUri;
import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DefinitionStore;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.EventSink;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.core.DaemonConfig;
import io.vireo.core.audit.AsyncAuditLog;
import io.vireo.core.audit.LoggerAuditLog;
import io.vireo.core.events.EventAdminSink;
import io.vireo.core.events.OrderedEventPublisher;
import io.vireo.core.registry.DriverRegistry;
import io.vireo.core.registry.PluginRegistry;
import io.vireo.core.store.FileDefinitionStore;
import io.vireo.core.store.MemoryDefinitionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Opens connections: resolves the driver for a URI's scheme from the registry, gives it a context (event
 * sink, definition store, run directory) and wraps what it returns in a checking {@link ConnectionImpl}.
 * When a driver leaves, the connections it served are invalidated (whether or not another service takes
 * over its scheme), so no connection keeps calling a departed driver; when one arrives, its autostart
 * objects start. Every connection acts for a principal whose changes go to the audit log.
 */
@Component(service = ConnectionFactory.class, configurationPid = DaemonConfig.PID, immediate = true)
@Designate(ocd = DaemonConfig.class)
public class VireoConnectionFactory implements ConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(VireoConnectionFactory.class);
    /** Scheme of the driver that serves URIs with a host or transport (the remote protocol client). */
    public static final String REMOTE_SCHEME = "remote";

    /** Who autostarted an object, in the audit log. */
    static final String AUTOSTART_PRINCIPAL = "autostart";

    private final DriverRegistry registry;
    private final OrderedEventPublisher events;
    private final AsyncAuditLog audit = new AsyncAuditLog(new LoggerAuditLog());
    private final String defaultUri;
    private final Path configDir;
    private final Path runDir;
    private final boolean autostart;
    private final Map<String, DefinitionStore> memoryStores = new ConcurrentHashMap<>();
    /** Open connections and the driver service each was opened from. */
    private final Map<ConnectionImpl, HypervisorDriver> open = new ConcurrentHashMap<>();
    private final ExecutorService autostartExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vireo-autostart");
        t.setDaemon(true);
        return t;
    });
    private final BiConsumer<PluginRegistry.Entry<HypervisorDriver>, Boolean> driverListener = this::driverChanged;

    @Activate
    public VireoConnectionFactory(@Reference DriverRegistry registry, @Reference EventAdmin eventAdmin,
                                  DaemonConfig config) {
        this.registry = registry;
        this.events = new OrderedEventPublisher(eventAdmin);
        this.defaultUri = config.uri__default();
        this.configDir = Path.of(expand(config.config__dir()));
        this.runDir = Path.of(expand(config.run__dir()));
        this.autostart = config.autostart();
        LOG.info("Vireo definitions in {}, live state in {}, default URI {}", configDir, runDir, defaultUri);
        registry.drivers().addListener(driverListener);
        for (String scheme : registry.drivers().keys()) {
            registry.drivers().get(scheme).ifPresent(e -> driverChanged(e, true));
        }
    }

    @Deactivate
    void deactivate() {
        registry.drivers().removeListener(driverListener);
        autostartExecutor.shutdownNow();
        for (ConnectionImpl c : open.keySet()) {
            c.close();
        }
        events.close();
        audit.close();
    }

    /** Replaces {@code ${name}} by the system property of that name (karaf.base, karaf.data, user.home). */
    static String expand(String value) {
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
            String name = value.substring(start + 2, end);
            out.append(System.getProperty(name, name.equals("karaf.base") ? System.getProperty("user.dir") : ""));
            i = end + 1;
        }
        return out.toString();
    }

    @Override
    public String defaultUri() {
        return defaultUri;
    }

    @Override
    public int openConnectionCount() {
        return open.size();
    }

    @Override
    public Connection open(String uriText, boolean readOnly, String principal) {
        ConnectUri uri = ConnectUri.parse(uriText == null || uriText.isBlank() ? defaultUri : uriText);
        String scheme = uri.isLocal() ? uri.driver() : REMOTE_SCHEME;
        PluginRegistry.Entry<HypervisorDriver> entry = registry.drivers().get(scheme)
                .orElseThrow(() -> noDriver(uri));
        String canonical = uri.toString();
        DriverConnection driverConnection = entry.service().open(uri, context(canonical, scheme, entry));
        ConnectionImpl conn = new ConnectionImpl(canonical, scheme, driverConnection, readOnly,
                principal == null || principal.isBlank() ? Caller.LOCAL : principal, audit, open::remove);
        open.put(conn, entry.service());
        if (!registry.drivers().contains(entry.service())) {
            // The driver left while it was opening, too late to see this connection: refuse it here.
            conn.invalidate();
            open.remove(conn);
            throw noDriver(uri);
        }
        return conn;
    }

    private static VirtException noDriver(ConnectUri uri) {
        return VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.NONE, uri.toString());
    }

    private DriverContext context(String uri, String scheme, PluginRegistry.Entry<HypervisorDriver> entry) {
        boolean persistent = Boolean.TRUE.equals(entry.properties().get(HypervisorDriver.PERSISTENT))
                || "true".equals(String.valueOf(entry.properties().get(HypervisorDriver.PERSISTENT)));
        DefinitionStore store = persistent ? new FileDefinitionStore(configDir.resolve(scheme))
                : memoryStores.computeIfAbsent(scheme, s -> new MemoryDefinitionStore());
        EventSink sink = new EventAdminSink(uri, events);
        Path run = runDir.resolve(scheme);
        return new DriverContext() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public EventSink events() {
                return sink;
            }

            @Override
            public DefinitionStore definitions() {
                return store;
            }

            @Override
            public Path runDirectory() {
                return run;
            }
        };
    }

    private void driverChanged(PluginRegistry.Entry<HypervisorDriver> entry, boolean added) {
        if (!added) {
            open.forEach((c, driver) -> {
                if (driver == entry.service()) {
                    c.invalidate();
                    open.remove(c);
                }
            });
            return;
        }
        // Opening the driver's own URI as soon as it arrives lets it find the guests still running from
        // before (drivers reattach when first opened), then starts what is marked autostart.
        Object uri = entry.properties().get(HypervisorDriver.DEFAULT_URI);
        if (uri instanceof String u) {
            autostartExecutor.execute(() -> new Autostarter(this, AUTOSTART_PRINCIPAL).run(u, autostart));
        }
    }
}
