package io.vireo.jmx;

import io.vireo.api.ConnectUri;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.api.event.EventTopics;
import io.vireo.api.spi.HypervisorDriver;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Vireo's JMX surface: the daemon MBean, and a {@link DriverView} per hypervisor driver that names a
 * default URI ({@code vireo.driver.uri}), made when the driver arrives and removed when it leaves.
 *
 * <p>Events are handed to one worker thread at once: EventAdmin blacklists a handler that takes longer
 * than its timeout, and the worker does lookups and (un)registrations that may take a while. The same
 * thread handles driver arrivals and departures, so a view sees its events in order.
 */
@Component(service = EventHandler.class, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + EventTopics.ALL)
public class VireoJmx implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VireoJmx.class);
    /** How long a scan waits for the core to serve a driver that JMX has already seen arrive. */
    private static final int SCAN_ATTEMPTS = 50;
    private static final long SCAN_RETRY_MILLIS = 100;

    /** A driver service as far as JMX cares: its scheme and default URI (null when it has none). */
    private record DriverService(String scheme, String uri) {
    }

    private final JmxConnections connections;
    private final MBeanExporter exporter;
    private final LifecycleNotifications notifications = new LifecycleNotifications();
    private final Map<Long, DriverService> drivers = new ConcurrentHashMap<>();
    /** Views by URI; touched by the worker thread only. */
    private final Map<String, DriverView> views = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vireo-jmx");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public VireoJmx(@Reference ConnectionFactory factory, @Reference MBeanServer mbeanServer) {
        this.connections = new JmxConnections(factory);
        this.exporter = new MBeanExporter(mbeanServer);
        exporter.export(ObjectNames.daemon(), new DaemonBean(connections, this::schemes), DaemonMBean.class,
                new javax.management.MBeanNotificationInfo[0]);
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.close();
        connections.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriver(ServiceReference<HypervisorDriver> ref) {
        Object scheme = ref.getProperty(HypervisorDriver.SCHEME);
        Object uri = ref.getProperty(HypervisorDriver.DEFAULT_URI);
        if (!(scheme instanceof String s)) {
            return;
        }
        DriverService driver = new DriverService(s, uri instanceof String u ? canonical(u) : null);
        drivers.put(serviceId(ref), driver);
        if (driver.uri() != null) {
            submit(() -> scan(driver, 1));
        }
    }

    void unbindDriver(ServiceReference<HypervisorDriver> ref) {
        DriverService driver = drivers.remove(serviceId(ref));
        if (driver == null || driver.uri() == null) {
            return;
        }
        submit(() -> {
            DriverView view = views.remove(driver.uri());
            if (view != null) {
                view.close();
            }
            // Another service may serve the same scheme (a redeployed bundle registers before the old one goes).
            drivers.values().stream().filter(d -> driver.equals(d)).findFirst().ifPresent(d -> scan(d, 1));
        });
    }

    @Override
    public void handleEvent(Event event) {
        Object uri = event.getProperty(EventTopics.PROP_URI);
        submit(() -> {
            DriverView view = views.get(uri);
            if (view != null) {
                view.onEvent(event);
            }
        });
    }

    /** Makes the view of {@code driver}'s URI; retried while the core does not serve the driver yet. */
    private void scan(DriverService driver, int attempt) {
        if (!drivers.containsValue(driver)) {
            return;
        }
        DriverView view = views.computeIfAbsent(driver.uri(),
                u -> new DriverView(driver.scheme(), u, connections, exporter, notifications));
        try {
            view.scan();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_CONNECT && attempt < SCAN_ATTEMPTS) {
                schedule(() -> scan(driver, attempt + 1));
            } else {
                LOG.warn("JMX cannot list the objects of {}: {}", driver.uri(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("JMX cannot list the objects of {}", driver.uri(), e);
        }
    }

    private String[] schemes() {
        return drivers.values().stream().map(DriverService::scheme).distinct().sorted().toArray(String[]::new);
    }

    private void submit(Runnable task) {
        try {
            worker.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            // Deactivated: MBeans are gone already.
        }
    }

    private void schedule(Runnable task) {
        try {
            worker.schedule(guarded(task), SCAN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Deactivated.
        }
    }

    /** A task whose failure is logged rather than killing the worker's later tasks. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("JMX update failed", e);
            }
        };
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static String canonical(String uri) {
        try {
            return ConnectUri.parse(uri).toString();
        } catch (VirtException e) {
            return Objects.requireNonNull(uri);
        }
    }
}
