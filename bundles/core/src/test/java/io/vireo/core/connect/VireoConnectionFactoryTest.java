package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.EventTopics;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.core.DaemonConfig;
import io.vireo.core.registry.DriverRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VireoConnectionFactoryTest {
    @TempDir
    Path dir;

    private final DriverRegistry registry = new DriverRegistry();
    private final List<Event> posted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> postingThreads = Collections.synchronizedList(new ArrayList<>());
    private VireoConnectionFactory factory;

    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            postingThreads.add(Thread.currentThread().getName());
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            postEvent(event);
        }
    };

    private VireoConnectionFactory factory() {
        factory = new VireoConnectionFactory(registry, eventAdmin, config(dir));
        return factory;
    }

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.deactivate();
        }
    }

    /** A driver service whose connections are {@link FakeDriver}s; counts opens. */
    private static final class FakeHypervisor implements HypervisorDriver {
        final AtomicInteger opens = new AtomicInteger();

        @Override
        public io.vireo.api.spi.DriverConnection open(io.vireo.api.ConnectUri uri, io.vireo.api.spi.DriverContext context) {
            opens.incrementAndGet();
            return new FakeDriver();
        }
    }

    private static Map<String, Object> props(long id, int ranking) {
        return Map.of(HypervisorDriver.SCHEME, "fake", "service.id", id, "service.ranking", ranking);
    }

    @Test
    void connectionsOfADepartedDriverFailWithNoConnectEvenWhenAnotherServesItsScheme() {
        FakeHypervisor first = new FakeHypervisor();
        FakeHypervisor second = new FakeHypervisor();
        registry.drivers().add(first, props(1, 10));
        registry.drivers().add(second, props(2, 0));
        Connection c = factory().open("fake:///default", false, "karaf");
        assertEquals(1, first.opens.get());
        assertEquals(1, factory.openConnectionCount());

        registry.drivers().remove(first);

        assertFalse(c.isAlive());
        VirtException e = assertThrows(VirtException.class, () -> c.lookupDomainByName("vm1"));
        assertEquals(ErrorCode.NO_CONNECT, e.code());
        assertEquals("no connection driver available for fake:///default", e.getMessage());
        assertEquals(0, factory.openConnectionCount());

        Connection d = factory.open("fake:///default", false, "karaf");
        assertEquals(1, second.opens.get());
        assertEquals("vm1", d.lookupDomainByName("vm1").name());

        registry.drivers().remove(second);
        assertEquals(ErrorCode.NO_CONNECT, assertThrows(VirtException.class,
                () -> factory.open("fake:///default", false, "karaf")).code());
    }

    @Test
    void connectionsActForTheirPrincipalOrLocal() {
        registry.drivers().add(new FakeHypervisor(), props(1, 0));
        factory();
        assertEquals("karaf@jmx(127.0.0.1)",
                ((ConnectionImpl) factory.open("fake:///default", false, "karaf@jmx(127.0.0.1)")).principal());
        assertEquals("local", ((ConnectionImpl) factory.open("fake:///default", false, " ")).principal());
        assertEquals("local", ((ConnectionImpl) factory.open("fake:///default")).principal());
        assertEquals(3, factory.openConnectionCount());
    }

    @Test
    void eventsFromManyThreadsAreDeliveredFromOneThreadInTheOrderTheyWereReported() throws Exception {
        io.vireo.api.spi.EventSink sink = new io.vireo.core.events.EventAdminSink("fake:///default",
                new io.vireo.core.events.OrderedEventPublisher(eventAdmin));
        UUID uuid = UUID.randomUUID();
        Object lock = new Object();
        int threads = 4;
        int perThread = 50;
        List<Integer> reported = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger counter = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    synchronized (lock) { // as a driver reports: under its lock, in the order things happen
                        int n = counter.getAndIncrement();
                        reported.add(n);
                        sink.domain("vm" + n, uuid, DomainEventType.STARTED, 0);
                    }
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (posted.size() < threads * perThread && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<Integer> order = posted.stream()
                .map(e -> Integer.parseInt(((String) e.getProperty(EventTopics.PROP_NAME)).substring(2))).toList();
        assertEquals(reported, order);
        List<String> threadsUsed = postingThreads.stream().distinct().toList();
        assertEquals(1, threadsUsed.size(), threadsUsed.toString());
        assertTrue(threadsUsed.get(0).startsWith("vireo-events-"), threadsUsed.toString());
        assertEquals("fake:///default", posted.get(0).getProperty(EventTopics.PROP_URI));
    }

    static DaemonConfig config(Path dir) {
        return new DaemonConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DaemonConfig.class;
            }

            @Override
            public String uri__default() {
                return "fake:///default";
            }

            @Override
            public String config__dir() {
                return dir.resolve("config").toString();
            }

            @Override
            public String run__dir() {
                return dir.resolve("run").toString();
            }

            @Override
            public boolean autostart() {
                return false;
            }
        };
    }
}
