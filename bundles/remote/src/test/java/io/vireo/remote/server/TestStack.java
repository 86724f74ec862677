package io.vireo.remote.server;

import io.vireo.api.ConnectionFactory;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.core.DaemonConfig;
import io.vireo.core.connect.VireoConnectionFactory;
import io.vireo.core.registry.DriverRegistry;
import io.vireo.driver.test.TestHypervisorDriver;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real Vireo stack the server runs on in tests: the core's connection factory over a driver registry
 * holding the real test driver (a fresh test:///default host per stack), and an EventAdmin double.
 */
final class TestStack implements AutoCloseable {

    /**
     * Delivers on the posting thread. The core already posts from one thread of its own, in order, so this
     * keeps the order and the asynchrony Karaf's EventAdmin gives an ordered handler.
     */
    static final class DirectEventAdmin implements EventAdmin {
        private final List<EventHandler> handlers = new CopyOnWriteArrayList<>();

        void add(EventHandler h) {
            handlers.add(h);
        }

        @Override
        public void postEvent(Event event) {
            sendEvent(event);
        }

        @Override
        public void sendEvent(Event event) {
            for (EventHandler h : handlers) {
                h.handleEvent(event);
            }
        }
    }

    final DirectEventAdmin eventAdmin = new DirectEventAdmin();
    final ConnectionFactory factory;
    private final VireoConnectionFactory core;

    TestStack(Path configDir) {
        this(configDir, Map.of());
    }

    /** With {@code extraDrivers} (each with its service properties) registered beside the test driver. */
    TestStack(Path configDir, Map<HypervisorDriver, Map<String, Object>> extraDrivers) {
        DriverRegistry registry = new DriverRegistry();
        registry.drivers().add(new TestHypervisorDriver(),
            Map.of(HypervisorDriver.SCHEME, "test", HypervisorDriver.DEFAULT_URI, "test:///default"));
        extraDrivers.forEach(registry.drivers()::add);
        DaemonConfig config = Configs.of(DaemonConfig.class, Map.of(
            "config_dir", configDir.resolve("config").toString(),
            "run_dir", configDir.resolve("run").toString(),
            "autostart", false));
        core = new VireoConnectionFactory(registry, eventAdmin, config);
        factory = core;
    }

    /** Routes events from this stack's EventAdmin to {@code router}, as the EventForwarder component does. */
    void forwardEventsTo(EventRouter router) {
        eventAdmin.add(new EventForwarder(router));
    }

    /** Stops the core as SCR would (its deactivate method is not public). */
    @Override
    public void close() {
        try {
            java.lang.reflect.Method deactivate = VireoConnectionFactory.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(core);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
